import type { Localized } from "../domain/translate.js";
import type { BroadcastRecord, Db, PollPayload } from "../store/schema.js";
import type { ReadonlyDb, Store } from "../store/store.js";

/** What to deliver and to whom. */
export interface EnqueueInput {
  kind: BroadcastRecord["kind"];
  /** idempotency key: a second enqueue with the same key creates nothing */
  key?: string;
  /** rendered HTML in both languages; each recipient gets its chat's language */
  text: Localized;
  /** a photo or document (by file_id) with the text as its caption, for all or per language */
  media?: BroadcastRecord["media"];
  /** attach the sign-up buttons of this occurrence (`noticeId:YYYY-MM-DD`) */
  occurrenceId?: string;
  /** a poll sent after the text (the text may then be empty); `ref` comes back in onSent's broadcast */
  poll?: PollPayload;
  /** chat ids; for private chats the user id */
  recipients: number[];
  createdBy?: number;
  /** a staff chat that sees a progress message edited while it sends, then the summary */
  progress?: { chatId: number; lang: "zh" | "en" };
}

/**
 * The outbox: broadcasts waiting in the store, each with every recipient's state. The scheduler
 * and the bot put work here; the sender is the only one that takes it out. Enqueueing is durable
 * before it resolves, so a crash right after loses nothing.
 */
export interface Outbox {
  enqueue(input: EnqueueInput): Promise<{ id: string; created: boolean }>;
  /** Wakes the sender (set by whoever runs it). */
  onEnqueued?: () => void;
}

/** Creates the outbox over the store. */
export function createOutbox(store: Store, now: () => Date): Outbox {
  const outbox: Outbox = {
    async enqueue(input) {
      const result = await store.update((db) => addBroadcast(db, input, now()));
      if (result.created) outbox.onEnqueued?.();
      return result;
    },
  };
  return outbox;
}

/**
 * Whether an idempotency key was ever enqueued. `db.enqueued` is the index of every key
 * `addBroadcast` took (it outlives the broadcasts themselves), so no scan of them is needed.
 */
export function isKeyTaken(db: ReadonlyDb, key: string): boolean {
  return db.enqueued[key] !== undefined;
}

/** Adds a broadcast unless its key is already taken. Pure on the Db, so tests can use it directly. */
export function addBroadcast(db: Db, input: EnqueueInput, at: Date): { id: string; created: boolean } {
  if (input.key) {
    if (isKeyTaken(db, input.key)) return { id: "", created: false };
    db.enqueued[input.key] = at.toISOString();
  }
  const id = `b${at.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const recipients: BroadcastRecord["recipients"] = {};
  for (const chatId of input.recipients) recipients[String(chatId)] = { s: "p" };
  db.broadcasts[id] = {
    id,
    kind: input.kind,
    ...(input.key ? { key: input.key } : {}),
    createdAt: at.toISOString(),
    ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
    text: input.text,
    ...(input.media ? { media: input.media } : {}),
    ...(input.occurrenceId ? { occurrenceId: input.occurrenceId } : {}),
    ...(input.poll ? { poll: input.poll } : {}),
    recipients,
    status: "sending",
    ...(input.progress ? { progress: input.progress } : {}),
  };
  return { id, created: true };
}
