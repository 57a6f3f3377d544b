import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCatalog } from "../../src/domain/notice.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createAudienceRepo } from "../../src/store/audience-repo.js";
import { createScheduleKeys } from "../../src/store/schedule-keys.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createNoticeReminderJob } from "../../src/schedule/notice-reminders.js";
import { renderReminder, renderReminderBoth } from "../../src/delivery/render-reminder.js";
import { createScheduler } from "../../src/schedule/scheduler.js";
import { deactivateChat, subscribeChat, unsubscribeChat } from "../../src/store/chats.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { parseHtml } from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { catalogReaderOf } from "../helpers/catalog.js";

const SH = "Asia/Shanghai";
const translators = { zh: createTestTranslate("zh"), en: createTestTranslate("en") };
const log = pino({ level: "silent" });

let catalog: NoticeCatalog;
let dir: string;
let file: string;
let store: Store | undefined;

beforeAll(async () => {
  catalog = await loadNoticeCatalog("data");
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reminders-"));
  file = join(dir, "db.json");
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<Store> {
  store = await openStore({ file });
  return store;
}

async function seedChats(s: Store): Promise<void> {
  const at = new Date("2026-10-01T00:00:00Z");
  await s.write((db) => {
    subscribeChat(db, { id: 10, type: "private" }, at);
    subscribeChat(db, { id: -100, type: "group", title: "Building 3" }, at);
    subscribeChat(db, { id: 11, type: "private" }, at);
    deactivateChat(db, 11, "blocked", at);
    subscribeChat(db, { id: 12, type: "private" }, at);
    unsubscribeChat(db, 12, at);
  }, "durable");
}

/** A scheduler with only the notice job, on a fixed clock. */
function schedulerAt(s: Store, clock: { now: Date }) {
  const outbox = createOutbox(createOutboxRepo(s, () => clock.now));
  const job = createNoticeReminderJob({
    keys: createScheduleKeys(s), audience: createAudienceRepo(s),
    outbox,
    catalog: catalogReaderOf(catalog),
    timezone: SH,
    render: (due) => renderReminderBoth(catalog, due, translators, SH),
    log,
  });
  return createScheduler({ jobs: [job], timezone: SH, log, now: () => clock.now });
}

const broadcasts = (s: Store) => Object.values(s.data.broadcasts).sort((a, b) => a.createdAt.localeCompare(b.createdAt));

describe("notice reminder job", () => {
  it("sends a reminder that fell due while the bot was down once at start, never twice across ticks and a restart", async () => {
    // cleanup day Sat 28 Nov 2026 08:30; its eve reminder is Fri 27 Nov 19:00 (11:00Z). Down 18:00–20:00.
    let s = await open();
    await seedChats(s);
    const clock = { now: new Date("2026-11-27T12:00:00Z") };
    let scheduler = schedulerAt(s, clock);
    await scheduler.start();
    expect(broadcasts(s).map((b) => b.key)).toEqual(["cleanup-day:2026-11-28:eve"]);
    const [eve] = broadcasts(s);
    expect(eve).toMatchObject({ kind: "notice", occurrenceId: "cleanup-day:2026-11-28", status: "sending" });
    expect(Object.keys(eve!.recipients).sort()).toEqual(["-100", "10"]);
    expect(eve!.text.zh).toContain("11月28日（周六）08:30");
    expect(eve!.text.en).toContain("Sat 28 Nov, 08:30");

    clock.now = new Date("2026-11-27T12:01:00Z");
    await scheduler.tick();
    expect(broadcasts(s)).toHaveLength(1);

    // restart: a new process on the same file
    await scheduler.stop();
    await s.close();
    s = await open();
    clock.now = new Date("2026-11-27T12:05:00Z");
    scheduler = schedulerAt(s, clock);
    await scheduler.start();
    await scheduler.tick(new Date("2026-11-27T12:06:00Z"));
    expect(broadcasts(s).map((b) => b.key)).toEqual(["cleanup-day:2026-11-28:eve"]);
    expect(s.data.enqueued["cleanup-day:2026-11-28:eve"]).toBe("2026-11-27T12:00:00.000Z");

    // the morning reminder (07:30 = 23:30Z) comes at its own time, once
    await scheduler.tick(new Date("2026-11-27T23:29:00Z"));
    expect(broadcasts(s)).toHaveLength(1);
    clock.now = new Date("2026-11-27T23:30:00Z");
    await scheduler.tick();
    await scheduler.tick(new Date("2026-11-27T23:31:00Z"));
    expect(broadcasts(s).map((b) => b.key)).toEqual(["cleanup-day:2026-11-28:eve", "cleanup-day:2026-11-28:morning"]);
    await scheduler.stop();
  });

  it("sends a reminder due more than a week ago, after a long downtime, if its event has not begun", async () => {
    const s = await open();
    await seedChats(s);
    const lecture = catalog.notices.find((n) => n.id === "civility-lecture")!;
    const c: NoticeCatalog = { ...catalog, notices: [{ ...lecture, reminders: [{ id: "fortnight", dayOffset: -14, time: "19:00" }] }] };
    const outbox = createOutbox(createOutboxRepo(s, () => new Date("2027-01-16T02:00:00Z")));
    // lecture Sun 17 Jan 2027 15:00; the reminder was due Sun 3 Jan 19:00; back on Sat 16 Jan
    const job = createNoticeReminderJob({ keys: createScheduleKeys(s), audience: createAudienceRepo(s), outbox, catalog: catalogReaderOf(c), timezone: SH, render: (due) => renderReminderBoth(c, due, translators, SH), log });
    await job(new Date("2027-01-16T02:00:00Z"));
    expect(broadcasts(s).map((b) => b.key)).toEqual(["civility-lecture:2027-01-17:fortnight"]);
  });

  it("after a downtime over both reminders of one occurrence, sends only the latest, once", async () => {
    const s = await open();
    await seedChats(s);
    // down from Fri 27 Nov 18:00 to Sat 28 Nov 08:00: the eve (19:00) and the morning (07:30) reminders both missed
    const clock = { now: new Date("2026-11-28T00:00:00Z") };
    const scheduler = schedulerAt(s, clock);
    await scheduler.start();
    await scheduler.tick(new Date("2026-11-28T00:01:00Z"));
    await scheduler.stop();
    expect(broadcasts(s).map((b) => b.key)).toEqual(["cleanup-day:2026-11-28:morning"]);
    expect(Object.keys(s.data.enqueued).sort()).toEqual(["cleanup-day:2026-11-28:eve", "cleanup-day:2026-11-28:morning"]);
  });

  it("does not send reminders of an event that has already begun", async () => {
    const s = await open();
    await seedChats(s);
    const scheduler = schedulerAt(s, { now: new Date("2026-11-28T01:00:00Z") }); // Sat 09:00, event began 08:30
    await scheduler.start();
    await scheduler.stop();
    expect(broadcasts(s)).toEqual([]);
    expect(s.data.enqueued).toEqual({});
  });

  it("skips a reminder whose key is already taken (e.g. by /sendnow)", async () => {
    const s = await open();
    await seedChats(s);
    await s.write((db) => void (db.enqueued["cleanup-day:2026-11-28:eve"] = "2026-11-27T10:00:00.000Z"), "durable");
    const scheduler = schedulerAt(s, { now: new Date("2026-11-27T11:00:00Z") });
    await scheduler.tick();
    expect(broadcasts(s)).toEqual([]);
  });

  it("publishes the health bulletin of the day, without sign-up buttons, and only a new issue", async () => {
    const s = await open();
    await seedChats(s);
    const clock = { now: new Date("2026-11-01T02:00:00Z") }; // 1 Nov 10:00: no bulletin issued yet
    const scheduler = schedulerAt(s, clock);
    await scheduler.tick();
    expect(broadcasts(s)).toEqual([]);

    await scheduler.tick(new Date("2027-01-01T02:00:00Z"));
    const [bulletin] = broadcasts(s);
    expect(bulletin).toBeDefined();
    expect(bulletin!.key).toBe("health-bulletin:2027-01-01:publish");
    expect(bulletin!.occurrenceId).toBeUndefined();
    expect(bulletin!.text.zh).toContain("2027年第1期：冬季除四害与居家卫生");
    expect(bulletin!.text.en).toContain("Happy New Year, neighbours!");

    await scheduler.tick(new Date("2027-03-01T02:00:00Z")); // same issue still current: not repeated
    expect(broadcasts(s)).toHaveLength(1);
  });

  it("a reminder that fails to render is logged and skipped; the others of the same tick still go out", async () => {
    const s = await open();
    await seedChats(s);
    const now = new Date("2026-11-27T11:00:00Z");
    // a lecture on the same morning as the cleanup: both eve reminders are due at 19:00 on the 27th
    const both: NoticeCatalog = {
      ...catalog,
      notices: catalog.notices.map((n) =>
        n.id === "civility-lecture" ? { ...n, rule: { kind: "once", date: "2026-11-28", time: "09:00" } } : n,
      ),
    };
    const errors: unknown[] = [];
    const job = createNoticeReminderJob({
      keys: createScheduleKeys(s), audience: createAudienceRepo(s),
      outbox: createOutbox(createOutboxRepo(s, () => now)),
      catalog: catalogReaderOf(both),
      render: (due) => {
        if (due.noticeId === "civility-lecture") throw new Error("boom");
        return renderReminderBoth(both, due, translators, SH);
      },
      log: { info: () => undefined, warn: () => undefined, debug: () => undefined, error: (fields: unknown) => void errors.push(fields) } as unknown as typeof log,
    });
    await job(now);
    expect(broadcasts(s).map((b) => b.key)).toEqual(["cleanup-day:2026-11-28:eve"]);
    expect(s.data.enqueued["civility-lecture:2026-11-28:eve"]).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ key: "civility-lecture:2026-11-28:eve" });
  });
});

describe("renderReminder", () => {
  const odd: NoticeCatalog = {
    timezone: SH,
    bulletins: [],
    notices: [
      {
        id: "odd",
        title: { zh: "A <b> & B", en: "A <b> & B" },
        text: { zh: "{title} 在 {place}，{date}", en: "{title} at {place}, {date} *_." },
        place: { zh: "1 < 2", en: "1 < 2" },
        rule: { kind: "once", date: "2026-12-05", time: "09:00" },
        durationMinutes: 60,
        reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }],
      },
    ],
  };

  it("escapes data text, so the HTML parses and reads as written", () => {
    const html = renderReminder(odd, { noticeId: "odd", date: "2026-12-05" }, "en", translators.en, SH);
    const parsed = parseHtml(html);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.text).toBe(
      "⏰ A <b> & B\n🗓 Sat 5 Dec, 09:00\n📍 1 < 2\n\nA <b> & B at 1 < 2, Sat 5 Dec, 09:00 *_.",
    );
    expect(parsed.value.entities).toEqual([{ type: "bold", offset: 2, length: 9 }]);
  });

  it("renders in Chinese with the Chinese date format", () => {
    const html = renderReminder(odd, { noticeId: "odd", date: "2026-12-05" }, "zh", translators.zh, SH);
    expect(html.split("\n")[1]).toBe("🗓 12月5日（周六）09:00");
  });
});
