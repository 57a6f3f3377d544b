import {
  applyEvent,
  decideCancel,
  decideJoin,
  joinNeedsWrite,
  type CancelDecision,
  type JoinDecision,
  type Promotion,
  type SignupEvent,
  type SignupVia,
} from "../domain/signups/index.js";
import type { SignupOccurrence, SignupParts } from "./signup-occurrences.js";
import type { Store } from "./engine/store.js";

export type JoinResult =
  | { outcome: "unknown" }
  | { outcome: "decided"; occurrence: SignupOccurrence; decision: JoinDecision; promoted: Promotion[]; written: boolean };
export type CancelResult =
  | { outcome: "unknown" }
  | { outcome: "decided"; occurrence: SignupOccurrence; decision: CancelDecision; promoted: Promotion[]; written: boolean };

/** The writes of a sign-up repo; each resolves once its event is on disk. */
export interface SignupWrites {
  /** `add`: `headcount` is "+N", added to the user's current party (a new sign-up: N in all). */
  join(userId: number, occurrenceId: string, via: SignupVia, headcount?: number, add?: boolean): Promise<JoinResult>;
  cancel(userId: number, occurrenceId: string, via: SignupVia): Promise<CancelResult>;
  /** Marks (or unmarks) attendance; resolves with the ids whose mark changed, once on disk. */
  markAttended(staffId: number, occurrenceId: string, userIds: number[], attended: boolean): Promise<{ changed: number[] }>;
}

/**
 * Builds the writes over a folded book. Each decides, appends and folds inside one synchronous
 * `store.write` callback, so concurrent presses never interleave; a request that changes nothing
 * skips the write but still waits for the one in flight.
 */
export function createSignupWrites(options: SignupParts): SignupWrites {
  const { store, book, occurrences, now } = options;
  const { occurrence, capacityOf } = occurrences;

  /** Appends and folds one event; call only inside `store.write`. */
  const append = (e: Omit<SignupEvent, "seq" | "at">): Promotion[] => {
    const event = store.signups.append({ at: now().toISOString(), ...e });
    return applyEvent(book, event, capacityOf).promoted;
  };

  return {
    async join(userId, idAsGiven, via, headcount, add) {
      // only within the window: forged button data must not sign anyone up for a date years away
      const occ = occurrences.joinable(idAsGiven, now());
      if (!occ) return { outcome: "unknown" };
      // a button sent before its date was moved: the sign-up is for the new date
      const { occurrenceId } = occ;
      const decide = () =>
        decideJoin(book, {
          userId, occurrenceId, now: now(), startsAt: occ.startsAt, cutoffMinutes: occ.cutoffMinutes, capacity: occ.capacity,
          ...(headcount === undefined ? {} : add ? { add: headcount } : { headcount }),
        });
      const first = decide();
      if (!joinNeedsWrite(first)) {
        await settled(store);
        return { outcome: "decided", occurrence: occ, decision: first, promoted: [], written: false };
      }
      // write runs its callback at once, in this tick: nothing can change the book in between
      const decided = await store.write(() => {
        const decision = decide();
        if (!joinNeedsWrite(decision)) return { decision, promoted: [] as Promotion[], written: false };
        const heads = "headcount" in decision ? decision.headcount : 1;
        // a missing headcount means 1: most joins are single, and every byte is rewritten on each save
        const promoted = append({ userId, occurrenceId, type: "join", via, ...(heads === 1 ? {} : { headcount: heads }) });
        return { decision, promoted: promoted.filter((p) => p.userId !== userId), written: true };
      }, "durable");
      return { outcome: "decided", occurrence: occ, ...decided };
    },
    async cancel(userId, idAsGiven, via) {
      const occ = occurrence(idAsGiven);
      if (!occ) return { outcome: "unknown" };
      const { occurrenceId } = occ;
      const decide = () => decideCancel(book, { userId, occurrenceId, capacity: occ.capacity, now: now(), startsAt: occ.startsAt });
      const first = decide();
      if (first.outcome !== "cancelled") {
        await settled(store);
        return { outcome: "decided", occurrence: occ, decision: first, promoted: [], written: false };
      }
      const decided = await store.write(() => {
        const decision = decide();
        if (decision.outcome !== "cancelled") return { decision, promoted: [] as Promotion[], written: false };
        return { decision, promoted: append({ userId, occurrenceId, type: "cancel", via }), written: true };
      }, "durable");
      return { outcome: "decided", occurrence: occ, ...decided };
    },
    async markAttended(staffId, idAsGiven, userIds, attended) {
      const occurrenceId = occurrence(idAsGiven)?.occurrenceId;
      if (occurrenceId === undefined) return { changed: [] };
      const marked = (userId: number) => book.rosters.get(occurrenceId)?.attended.has(userId) ?? false;
      const todo = [...new Set(userIds)].filter((id) => marked(id) !== attended);
      if (todo.length === 0) {
        await settled(store);
        return { changed: [] };
      }
      const changed = await store.write(() => {
        const done = todo.filter((id) => marked(id) !== attended);
        for (const userId of done) append({ userId, occurrenceId, type: attended ? "attended" : "unattended", via: "staff", by: staffId });
        return done;
      }, "durable");
      return { changed };
    },
  };
}

/**
 * Waits for the write in flight, if any. A request that changes nothing ("already": a second press)
 * may be answered only once the write holding that user's first press is on disk.
 */
async function settled(store: Store): Promise<void> {
  await store.flush();
}
