import pino from "pino";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNoticesFeature } from "../../src/bot/features/notices.js";
import type { NoticeCatalog } from "../../src/domain/notice.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createAudienceRepo } from "../../src/store/audience-repo.js";
import { createScheduleKeys } from "../../src/store/schedule-keys.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createNoticeReminderJob } from "../../src/schedule/notice-reminders.js";
import { renderReminderBoth } from "../../src/delivery/render-reminder.js";
import { subscribeChat } from "../../src/store/chats.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import type { Store } from "../../src/store/engine/store.js";
import { callbackQuery, command, makeUser, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createTestBot, readHtml, type TestBot } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { catalogReaderOf, noticesOf } from "../helpers/catalog.js";
import { createChatsRepo } from "../../src/store/chats-repo.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";

const ADMIN = 1;
const STAFF = 2;
const SH = "Asia/Shanghai";
const zh = createTestTranslate("zh");
const en = createTestTranslate("en");
const IDS = "cleanup-day（周末卫生日）、pest-control（除四害日）、health-bulletin（卫生健康专刊）、civility-lecture（市民学校文明讲堂）";

let catalog: NoticeCatalog;
let h: TestBot;
let store: Store;
/** Fri 27 Nov 2026, 10:00 in Shanghai: the cleanup day is tomorrow, its eve reminder at 19:00 */
let now: Date;

beforeAll(async () => {
  catalog = await loadNoticeCatalog("data");
});

beforeEach(async () => {
  now = new Date("2026-11-27T02:00:00.000Z");
  h = await createTestBot({
    now: () => now,
    adminIds: [ADMIN],
    timezone: SH,
    seed: (db) => {
      db.roles[String(ADMIN)] = "admin";
      db.roles[String(STAFF)] = "staff";
      subscribeChat(db, { id: 100, type: "private" }, now);
      subscribeChat(db, { id: -200, type: "group", title: "Building 3" }, now);
    },
    features: (s) => [createNoticesFeature({ catalog: catalogReaderOf(catalog), notices: noticesOf(catalog), outbox: createOutbox(createOutboxRepo(s, () => now)), chats: createChatsRepo(s), history: createDeliveriesRepo(s) })],
  });
  ({ store } = h);
});

afterEach(() => h.close());

const send = (input: UpdateInput) => h.send(input);
const lastSent = (chatId: number) => h.lastSent(chatId);
/** What a user reads for an HTML text. */
const read = readHtml;
const broadcasts = () => Object.values(store.data.broadcasts).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
const staff = makeUser(STAFF);

describe("/next", () => {
  it("lists each notice's next date, soonest first, in Chinese", async () => {
    await send(command(makeUser(100), "/next"));
    expect(lastSent(100).text).toBe(
      read(
        [
          zh("notices-next-title"),
          "",
          zh("notices-next-line-place", { title: "周末卫生日", date: "11月28日（周六）08:30", place: "柳河路40号小区门口" }),
          zh("notices-next-line-place", { title: "除四害日", date: "12月9日（周三）09:00", place: "柳河社区居委会" }),
          zh("notices-next-line-place", { title: "市民学校文明讲堂", date: "12月20日（周日）15:00", place: "市民学校（社区党群服务中心二楼）" }),
          zh("notices-next-line-place", { title: "卫生健康专刊", date: "1月1日（周五）10:00", place: "社区党群服务中心宣传栏" }),
          "",
          zh("notices-next-footer", { tz: SH }),
        ].join("\n"),
      ),
    );
  });

  it("speaks English to an English user, with the English date format", async () => {
    await send(command(makeUser(101, { language_code: "en" }), "/next"));
    const text = lastSent(101).text ?? "";
    expect(text.split("\n").slice(0, 4)).toEqual([
      read(en("notices-next-title")),
      "",
      "• Weekend cleanup day",
      "  Sat 28 Nov, 08:30, the gate of the No. 40 Liuhe Road compound",
    ]);
  });

  it("does not count an event already under way as next", async () => {
    now = new Date("2026-11-28T01:00:00.000Z"); // Sat 09:00, the cleanup began at 08:30
    await send(command(makeUser(101, { language_code: "en" }), "/next"));
    expect(lastSent(101).text).toContain("• Weekend cleanup day\n  Sat 26 Dec, 08:30");
  });
});

describe("/sendnow", () => {
  it("refuses non-staff and enqueues nothing", async () => {
    await send(command(makeUser(100), "/sendnow", "cleanup-day"));
    expect(lastSent(100).text).toBe(zh("core-staff-only"));
    expect(broadcasts()).toEqual([]);
    expect(store.data.enqueued).toEqual({});
  });

  it("explains the usage, and names the valid ids for an unknown one", async () => {
    await send(command(staff, "/sendnow"));
    expect(lastSent(STAFF).text).toBe(read(zh("notices-sendnow-usage", { ids: IDS })));
    await send(command(staff, "/sendnow", "<cleanup>"));
    expect(lastSent(STAFF).text).toBe(read(zh("notices-sendnow-unknown", { id: "&lt;cleanup&gt;", ids: IDS })));
    expect(broadcasts()).toEqual([]);
  });

  it("sends the next reminder now under the scheduler's key, so the schedule does not send it again", async () => {
    await send(command(staff, "/sendnow", "cleanup-day"));
    expect(broadcasts()).toHaveLength(1);
    const [b] = broadcasts();
    expect(b).toMatchObject({
      kind: "notice",
      key: "cleanup-day:2026-11-28:eve",
      occurrenceId: "cleanup-day:2026-11-28",
      createdBy: STAFF,
      progress: { chatId: STAFF, lang: "zh" },
    });
    expect(Object.keys(b!.recipients).sort()).toEqual(["-200", "100"]);
    expect(b!.text).toEqual(renderReminderBoth(catalog, { noticeId: "cleanup-day", date: "2026-11-28" }, { zh, en }, SH));
    expect(lastSent(STAFF).text).toBe(read(zh("notices-sendnow-queued", { title: "周末卫生日", date: "11月28日（周六）08:30", count: 2 })));

    // 19:00: the scheduler's tick finds the eve reminder already taken
    const at = new Date("2026-11-27T11:00:00.000Z");
    const job = createNoticeReminderJob({
      keys: createScheduleKeys(store), audience: createAudienceRepo(store),
      outbox: createOutbox(createOutboxRepo(store, () => at)),
      catalog: catalogReaderOf(catalog),
      render: (due) => renderReminderBoth(catalog, due, { zh, en }, SH),
      log: pino({ level: "silent" }),
    });
    await job(at);
    expect(broadcasts()).toHaveLength(1);
  });

  it("a second /sendnow asks before sending to everyone again; confirmed, it goes once under a key of its own", async () => {
    await send(command(staff, "/sendnow", "cleanup-day"));
    now = new Date("2026-11-27T03:00:00.000Z");
    await send(command(staff, "/sendnow", "卫生日"));
    expect(broadcasts()).toHaveLength(1); // nothing sent yet
    const ask = lastSent(STAFF);
    expect(ask.text).toBe(read(zh("sendnow-again-ask", { title: "周末卫生日", date: "11月28日（周六）08:30", count: 2 })));
    const [yes, no] = ask.reply_markup!.inline_keyboard[0]! as Array<{ callback_data: string }>;
    expect(yes!.callback_data).toBe("sn:y:cleanup-day:2026-11-28");
    // residents cannot press it
    await send(callbackQuery(makeUser(100), yes!.callback_data, ask));
    expect(broadcasts()).toHaveLength(1);
    await send(callbackQuery(staff, yes!.callback_data, ask));
    await send(callbackQuery(staff, yes!.callback_data, ask)); // a double press sends once
    expect(broadcasts().map((b) => b.key)).toEqual([
      "cleanup-day:2026-11-28:eve",
      `cleanup-day:2026-11-28:eve:now:${STAFF}:${ask.message_id}`,
    ]);
    expect(h.rec.sentMessages(STAFF).find((m) => m.message_id === ask.message_id)?.text).toBe(
      read(zh("notices-sendnow-resend", { title: "周末卫生日", date: "11月28日（周六）08:30", count: 2 })),
    );
    // "don't send" on a new question sends nothing
    await send(command(staff, "/sendnow", "Weekend cleanup day"));
    await send(callbackQuery(staff, no!.callback_data, lastSent(STAFF)));
    expect(broadcasts()).toHaveLength(2);
    expect(lastSent(STAFF).text).toBe(zh("sendnow-again-cancelled"));
  });

  it("takes a notice's Chinese or English name, and lists the names for an unknown one", async () => {
    for (const name of ["除四害", "pest control", "Pest Control Day", "除四害日"]) {
      await send(command(staff, "/sendnow", name));
    }
    expect(broadcasts().map((b) => b.key)).toEqual(["pest-control:2026-12-09:eve"]);
    await send(command(makeUser(STAFF, { language_code: "en" }), "/sendnow", "cleaning"));
    expect(lastSent(STAFF).text).toContain("cleanup-day (Weekend cleanup day), pest-control (Pest control day)");
  });

  it("when every reminder of the next occurrence is past, uses the last one's key", async () => {
    now = new Date("2026-11-27T23:45:00.000Z"); // Sat 07:45: eve and morning are past, the event is at 08:30
    await send(command(staff, "/sendnow", "cleanup-day"));
    expect(broadcasts().map((b) => b.key)).toEqual(["cleanup-day:2026-11-28:morning"]);
  });

  it("a notice without sign-ups carries no sign-up occurrence", async () => {
    await send(command(staff, "/sendnow", "health-bulletin"));
    const [b] = broadcasts();
    expect(b?.key).toBe("health-bulletin:2027-01-01:publish");
    expect(b?.occurrenceId).toBeUndefined();
    expect(b?.text.zh).toContain("2027年第1期");
  });

  it("resending an issue already published keeps the next scheduled publication free for a new issue", async () => {
    now = new Date("2027-01-01T03:00:00.000Z"); // 1 Jan 11:00: issue 2027-01 went out at 10:00; next date 1 Mar
    await send(command(staff, "/sendnow", "health-bulletin"));
    const ask = lastSent(STAFF);
    expect(ask.text).toBe(read(zh("sendnow-again-issue-ask", { title: "卫生健康专刊", date: "3月1日（周一）10:00", count: 2 })));
    expect(broadcasts()).toEqual([]);
    await send(callbackQuery(staff, "sn:y:health-bulletin:2027-03-01", ask));
    const [b] = broadcasts();
    expect(b?.key).toBe(`health-bulletin:2027-03-01:publish:now:${STAFF}:${ask.message_id}`);
    expect(b?.text.zh).toContain("2027年第1期");
    expect(store.data.enqueued["health-bulletin:2027-03-01:publish"]).toBeUndefined();
    expect(lastSent(STAFF).text).toBe(read(zh("notices-sendnow-repeat-issue", { title: "卫生健康专刊", date: "3月1日（周一）10:00", count: 2 })));

    // staff add issue 2027-03 in time: the scheduler publishes it on 1 Mar
    const withMarch: NoticeCatalog = {
      ...catalog,
      bulletins: [...catalog.bulletins, { id: "2027-03", title: { zh: "2027年第2期", en: "No. 2, 2027" }, body: { zh: "春季", en: "Spring" } }],
    };
    const at = new Date("2027-03-01T02:00:00.000Z");
    const job = createNoticeReminderJob({
      keys: createScheduleKeys(store), audience: createAudienceRepo(store),
      outbox: createOutbox(createOutboxRepo(store, () => at)),
      catalog: catalogReaderOf(withMarch),
      render: (due) => renderReminderBoth(withMarch, due, { zh, en }, SH),
      log: pino({ level: "silent" }),
    });
    await job(at);
    expect(broadcasts().map((x) => x.key)).toContain("health-bulletin:2027-03-01:publish");
  });

  it("says so when a bulletin notice has no bulletin to publish", async () => {
    now = new Date("2026-10-20T02:00:00.000Z"); // next issue date 1 Nov 2026, no bulletin file for it
    await send(command(staff, "/sendnow", "health-bulletin"));
    expect(lastSent(STAFF).text).toBe(read(zh("notices-sendnow-no-bulletin", { title: "卫生健康专刊" })));
    expect(broadcasts()).toEqual([]);
  });
});
