import type { LocalDate, LocalTime, NoticeCatalog, NoticeDef } from "../domain/notice.js";
import { dueReminders } from "../domain/reminders.js";
import type { Locale, Localized } from "../domain/translate.js";
import { crossCheck } from "./notice-catalog.js";
import type { Store } from "./engine/store.js";

/** What staff type for a one-off event (`/event`); both languages get the same words. */
export interface EventInput {
  date: LocalDate;
  time: LocalTime;
  title: string;
  /** the announcement's body (the words under the title, date and place) per language */
  text: Localized;
  place?: string;
  capacity?: number;
  /** compound ids; absent = everyone */
  to?: string[];
}

/** One change of a notice from /events. Text and place are set in one language (both for an event, or if they were alike). */
export type NoticeChange =
  | { field: "text" | "place"; locale: Locale; value: string }
  | { field: "time"; value: LocalTime }
  | { field: "capacity"; value: number };

/** The file shape of data/notices.json (what `/events export` sends; it can seed another store). */
export interface NoticesFile {
  timezone: string;
  notices: NoticeDef[];
}

/**
 * The notices (recurring ones and one-off events), kept in the store: data/notices.json seeds it on
 * first start, afterwards the store is the truth. `catalog.notices` is kept as the current list (a
 * new array on every change) for the sign-up book inside the store; features, the scheduler and
 * answers read `list()` / `get()` (or the CatalogReader), so they see a change at once.
 */
export interface NoticesRepo {
  list(): Promise<readonly NoticeDef[]>;
  get(id: string): Promise<NoticeDef | undefined>;
  /** Stores a new event `e<N>` (durable when it resolves). */
  createEvent(input: EventInput): Promise<NoticeDef>;
  /** Applies a change; the notice as it is now, or a problem (in English) when the result would be invalid. */
  update(id: string, change: NoticeChange): Promise<NoticeDef | { problem: string } | undefined>;
  /** Pauses or resumes; false when the id is unknown. */
  setPaused(id: string, paused: boolean): Promise<boolean>;
  /** Marks the reminders of a notice already due at `now` as sent (an event announced now needs no reminder for the past). */
  markDueSent(id: string, now: Date): Promise<void>;
  /** The notices as a data/notices.json document. */
  exportFile(): Promise<NoticesFile>;
}

const EVENT_DEFAULTS = { durationMinutes: 120, cutoffMinutes: 60, personalReminderMinutes: 120 };

/** The notice of a new one-off event `id` (`e<N>`) as staff typed it. */
export function eventNotice(id: string, input: EventInput): NoticeDef {
  const same = (s: string) => ({ zh: s, en: s });
  return {
    id,
    title: same(input.title),
    text: input.text,
    ...(input.place ? { place: same(input.place) } : {}),
    rule: { kind: "once", date: input.date, time: input.time },
    durationMinutes: EVENT_DEFAULTS.durationMinutes,
    // the eve reminder at 19:00, when most residents are home (as the recurring notices)
    reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }],
    signup: {
      enabled: true,
      ...(input.capacity ? { capacity: input.capacity } : {}),
      cutoffMinutes: EVENT_DEFAULTS.cutoffMinutes,
      personalReminderMinutes: EVENT_DEFAULTS.personalReminderMinutes,
    },
    ...(input.to ? { to: input.to } : {}),
  };
}

/** The keys of a notice's reminders already due at `now` (looking back 40 days). */
export function remindersDueBy(catalog: NoticeCatalog, notice: NoticeDef, now: Date): string[] {
  return dueReminders({ ...catalog, notices: [notice] }, new Date(now.getTime() - 40 * 86_400_000), now).map((r) => r.key);
}

/** The notice paused (no reminders until resumed) or not. */
export function withPaused(notice: NoticeDef, paused: boolean): NoticeDef {
  const { paused: _was, ...rest } = notice;
  return paused ? { ...rest, paused: true } : rest;
}

/** A new notice with one field changed (the input is not touched). */
export function applyChange(n: NoticeDef, change: NoticeChange): NoticeDef {
  switch (change.field) {
    case "time":
      return { ...n, rule: { ...n.rule, time: change.value } };
    case "capacity":
      return { ...n, signup: { ...(n.signup ?? { enabled: true }), capacity: change.value } };
    case "text":
    case "place": {
      const old = n[change.field];
      // an event made in the chat has one language of staff's words: a change replaces both
      const both = !old || old.zh === old.en || /^e\d+$/.test(n.id);
      const value = both ? { zh: change.value, en: change.value } : { ...old, [change.locale]: change.value };
      return { ...n, [change.field]: value };
    }
  }
}

/** Builds the repo; seeds the store from `catalog.notices` (the data file's) when it holds none yet. */
export async function createNoticesRepo(options: {
  store: Store;
  catalog: NoticeCatalog;
  /** merges what else is kept of a notice (moved and skipped dates) into the catalog's copy */
  decorate?: (notice: NoticeDef) => NoticeDef;
}): Promise<NoticesRepo> {
  const { store, catalog } = options;
  if (!store.data.office.notices) {
    // as the file has them: moves merged in already (date overrides built first) are not part of a notice
    const seed = catalog.notices.map(({ moves: _merged, ...n }) => structuredClone(n));
    await store.write((db) => {
      db.office.notices ??= seed;
    }, "durable");
  }
  const decorate = options.decorate ?? ((n: NoticeDef) => n);
  const refresh = (): void => {
    catalog.notices = (structuredClone(store.data.office.notices ?? []) as NoticeDef[]).map(decorate);
  };
  refresh();
  const find = (id: string) => catalog.notices.find((n) => n.id === id);

  const replace = async (id: string, make: (n: NoticeDef) => NoticeDef): Promise<NoticeDef | { problem: string } | undefined> => {
    // the change is made to the notice as kept: the merged moved and skipped dates are not part of it
    const kept = store.data.office.notices?.find((n) => n.id === id);
    if (!kept) return undefined;
    const next = make(structuredClone(kept) as NoticeDef);
    const problems = crossCheck(catalog.notices.map((n) => (n.id === id ? decorate(next) : n)));
    if (problems.length > 0) return { problem: problems.join("; ") };
    await store.write((db) => {
      const list = db.office.notices ?? [];
      const at = list.findIndex((n) => n.id === id);
      if (at >= 0) list[at] = structuredClone(next);
    }, "durable");
    refresh();
    return find(id);
  };

  return {
    list: async () => catalog.notices,
    get: async (id) => find(id),
    async createEvent(input) {
      const event = await store.write((db) => {
        let n = db.office.nextEvent;
        const taken = new Set((db.office.notices ?? []).map((x) => x.id));
        while (taken.has(`e${n}`)) n++;
        db.office.nextEvent = n + 1;
        const def = eventNotice(`e${n}`, input);
        (db.office.notices ??= []).push(def);
        return structuredClone(def);
      }, "durable");
      refresh();
      return event;
    },
    update: (id, change) => replace(id, (n) => applyChange(n, change)),
    async setPaused(id, paused) {
      const done = await replace(id, (n) => withPaused(n, paused));
      return done !== undefined && !("problem" in done);
    },
    async markDueSent(id, now) {
      const notice = find(id);
      if (!notice) return;
      const due = remindersDueBy(catalog, notice, now);
      if (due.length === 0) return;
      await store.write((db) => {
        for (const key of due) db.enqueued[key] ??= now.toISOString();
      }, "durable");
    },
    // the notices as kept, without the moved and skipped dates merged into the catalog's copies
    exportFile: async () => ({ timezone: catalog.timezone, notices: structuredClone(store.data.office.notices ?? []) as NoticeDef[] }),
  };
}
