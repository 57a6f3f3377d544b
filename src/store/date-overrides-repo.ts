import type { DeepReadonly } from "../domain/deep-readonly.js";
import { withDateOverrides, type MovePlan } from "../domain/date-overrides.js";
import type { LocalDate, NoticeCatalog, NoticeDef } from "../domain/notice.js";
import type { StoredDateOverrides } from "./date-override-schema.js";
import type { Store } from "./engine/store.js";

/**
 * Called in the same tick as a move is merged into the catalog (the sign-up book follows it);
 * the move resolves once what it returns has.
 */
export type MovedListener = (noticeId: string, from: LocalDate, to: LocalDate) => void | Promise<void>;

/**
 * Moved and skipped dates of notices (`/move`, `/skip`), kept in the store (`db.office.dateOverrides`)
 * and merged into the catalog's notices, so reminders, /next, sign-ups and answers follow them.
 */
export interface DateOverridesRepo {
  /** A notice with its stored moves and skips merged in (idempotent: for whoever rebuilds notices). */
  apply(notice: NoticeDef): NoticeDef;
  /** Merges every notice of the catalog again (replaces `catalog.notices`). */
  applyAll(): void;
  /** Keeps a checked move (see `planMove`); resolves once on disk, the catalog already following it. */
  moveDate(noticeId: string, plan: MovePlan, by: number): Promise<void>;
  /** Keeps a skipped date with its reason; resolves once on disk. */
  skipDate(noticeId: string, date: LocalDate, reason: string | undefined, by: number): Promise<void>;
  /** The reason a date was skipped with, if any. */
  skipReason(noticeId: string, date: LocalDate): Promise<string | undefined>;
  /**
   * Catches up with moves and skips made elsewhere (another instance on the same database): what
   * `apply` merges is then as stored, and the catalog's notices are merged again if anything
   * changed. Cheap when nothing did (one small query on PostgreSQL; on the JSON store, whose one
   * process makes every change, only the catalog is merged again).
   */
  refresh(): Promise<void>;
  /** Set by whoever keeps data keyed by occurrence (the sign-up repo). */
  onMoved?: MovedListener;
}

/** Builds the repo and merges what is stored into the catalog at once. */
export function createDateOverridesRepo(store: Store, catalog: NoticeCatalog, now: () => Date): DateOverridesRepo {
  const stored = (noticeId: string): DeepReadonly<StoredDateOverrides> | undefined => store.data.office.dateOverrides[noticeId];

  const apply = (notice: NoticeDef): NoticeDef => {
    const o = stored(notice.id);
    if (!o) return notice;
    const moves = o.moves.map((m) => ({ from: m.from, to: m.to, time: m.time, ...(m.via ? { via: [...m.via] } : {}) }));
    return withDateOverrides(notice, { moves, skips: o.skips.map((s) => s.date) });
  };
  const applyAll = (): void => {
    catalog.notices = catalog.notices.map(apply);
  };

  const repo: DateOverridesRepo = {
    apply,
    applyAll,
    async moveDate(noticeId, plan, by) {
      const at = now().toISOString();
      let following: Promise<void> = Promise.resolve();
      await store.write((db) => {
        const o = (db.office.dateOverrides[noticeId] ??= { moves: [], skips: [] });
        const before = new Map(o.moves.map((m) => [m.from, m]));
        o.moves = plan.moves.map((m) => {
          const kept = before.get(m.from);
          return kept && kept.to === m.to ? kept : { ...m, by, at };
        });
        applyAll();
        following = Promise.resolve(repo.onMoved?.(noticeId, plan.occurrence.date, plan.to));
      }, "durable");
      await following;
    },
    async skipDate(noticeId, date, reason, by) {
      const at = now().toISOString();
      await store.write((db) => {
        const o = (db.office.dateOverrides[noticeId] ??= { moves: [], skips: [] });
        if (!o.skips.some((s) => s.date === date)) o.skips.push({ date, ...(reason ? { reason } : {}), by, at });
        applyAll();
      }, "durable");
    },
    skipReason: (noticeId, date) => Promise.resolve(stored(noticeId)?.skips.find((s) => s.date === date)?.reason),
    // the document is this process's: only the catalog may lag (another repository over the same store)
    refresh() {
      applyAll();
      return Promise.resolve();
    },
  };
  applyAll();
  return repo;
}
