import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStatsFeature } from "../../src/bot/features/stats.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { escapeHtml } from "../../src/domain/html.js";
import { addBroadcast } from "../../src/store/outbox-repo.js";
import { deactivateChat, subscribeChat, unsubscribeChat } from "../../src/store/chats.js";
import type { Store } from "../../src/store/engine/store.js";
import { command, makeUser, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createTestBot, readHtml, type TestBot } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { noticesOf } from "../helpers/catalog.js";
import { createChatsRepo } from "../../src/store/chats-repo.js";
import { createUsersRepo } from "../../src/store/users-repo.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";

const ADMIN = 1;
const STAFF = 2;
const NOW = new Date("2026-11-30T02:00:00.000Z");
const en = createTestTranslate("en");
const zh = createTestTranslate("zh");

let h: TestBot;
let store: Store;

beforeEach(async () => {
  const catalog = await loadNoticeCatalog("data");
  h = await createTestBot({
    now: () => NOW,
    adminIds: [ADMIN],
    seed: (db) => {
      db.roles[String(ADMIN)] = "admin";
      db.roles[String(STAFF)] = "staff";
      for (const id of [100, 101, 102, 103]) subscribeChat(db, { id, type: "private" }, NOW);
      subscribeChat(db, { id: -200, type: "group", title: "Building 3" }, NOW);
      subscribeChat(db, { id: -1001234567890, type: "supergroup", title: "Residents" }, NOW);
      deactivateChat(db, 102, "blocked", NOW);
      unsubscribeChat(db, 103, NOW);
    },
    features: (s) => [createStatsFeature({ users: createUsersRepo(s), chats: createChatsRepo(s), history: createDeliveriesRepo(s), notices: noticesOf(catalog) })],
  });
  ({ store } = h);
});

afterEach(() => h.close());

const send = (input: UpdateInput) => h.send(input);
const lastSent = (chatId: number) => h.lastSent(chatId);
const read = readHtml;

describe("/stats", () => {
  it("refuses non-staff", async () => {
    await send(command(makeUser(100), "/stats"));
    expect(lastSent(100).text).toBe(zh("core-staff-only"));
  });

  it("counts subscribers (private, groups), unreachable and unsubscribed chats, and says when nothing was sent", async () => {
    await send(command(makeUser(STAFF, { language_code: "en" }), "/stats"));
    expect(lastSent(STAFF).text).toBe(
      read(
        [
          en("stats-title"),
          "",
          en("stats-subscribers", { total: 4, private: 2, groups: 2 }),
          en("stats-inactive", { inactive: 1 }),
          en("stats-unsubscribed", { unsubscribed: 1 }),
          "",
          en("stats-broadcasts-title"),
          en("stats-broadcasts-none"),
        ].join("\n"),
      ),
    );
  });

  it("shows the last five deliveries, newest first, with their recipients' states", async () => {
    await store.write((db) => {
      for (let day = 1; day <= 5; day++) {
        const at = new Date(`2026-11-0${day}T02:00:00.000Z`);
        addBroadcast(db, { kind: "notice", key: `old-${day}`, text: { zh: "x", en: "x" }, recipients: [100] }, at);
      }
      const { id } = addBroadcast(
        db,
        { kind: "adhoc", text: { zh: escapeHtml("停水 <b>&"), en: escapeHtml("Water off <b> & more words than forty characters in all") }, recipients: [100, 101, 102, -200] },
        new Date("2026-11-29T12:30:00.000Z"),
      );
      const b = db.broadcasts[id]!;
      b.recipients["100"] = { s: "s" };
      b.recipients["101"] = { s: "f", err: "400" };
      b.recipients["102"] = { s: "b" };
      b.status = "sending";
    }, "durable");
    await send(command(makeUser(STAFF, { language_code: "en" }), "/stats"));
    const lines = (lastSent(STAFF).text ?? "").split("\n");
    const from = lines.indexOf(read(en("stats-broadcasts-title")));
    const deliveries = lines.slice(from + 1);
    expect(deliveries).toHaveLength(10);
    expect(deliveries.slice(0, 2)).toEqual(
      read(
        en("stats-broadcast-line", {
          date: "Sun 29 Nov, 20:30",
          label: `${en("stats-kind-adhoc")}: ${escapeHtml("Water off <b> & more words than forty ch…")}`,
          status: en("stats-status-sending"),
          total: 4,
          sent: 1,
          failed: 1,
          blocked: 1,
          pending: 1,
        }),
      ).split("\n"),
    );
    expect(deliveries[2]).toContain(`${en("stats-kind-notice")}: x`); // no notice of that name: its first words
    expect(deliveries.join("\n")).not.toContain("old-1");
  });

  it("names notices and people as staff know them, not by internal keys, with English plurals", async () => {
    await store.write((db) => {
      db.users[String(STAFF)] = { id: STAFF, firstName: "王芳", username: "wangfang", seenAt: NOW.toISOString() };
      const sendnow = addBroadcast(
        db,
        { kind: "notice", key: "cleanup-day:2026-12-26:eve:now:1796000000000", occurrenceId: "cleanup-day:2026-12-26", text: { zh: "【卫生日】", en: "[Cleanup]" }, recipients: [100], createdBy: STAFF },
        new Date("2026-11-29T10:00:00.000Z"),
      );
      db.broadcasts[sendnow.id]!.recipients["100"] = { s: "s" };
      addBroadcast(db, { kind: "personal", key: "pest-control:2026-12-09:personal", text: { zh: "提醒", en: "Reminder" }, recipients: [100, 101] }, new Date("2026-11-29T11:00:00.000Z"));
      addBroadcast(db, { kind: "adhoc", text: { zh: "停水通知", en: "Water off" }, recipients: [100, 101], createdBy: STAFF }, new Date("2026-11-29T12:00:00.000Z"));
      unsubscribeChat(db, -200, NOW);
    }, "durable");
    const wang = { first_name: "王芳", username: "wangfang" };
    await send(command(makeUser(STAFF, { ...wang, language_code: "en" }), "/stats"));
    const text = lastSent(STAFF).text ?? "";
    expect(text).not.toContain("cleanup-day");
    expect(text).not.toContain(":personal");
    expect(text).toContain("Notice reminder: “Weekend cleanup day” (Sat 26 Dec), sent now, sent by 王芳 (@wangfang)");
    expect(text).toContain("Personal reminder: “Pest control day”");
    expect(text).toContain("Announcement: Water off, sent by 王芳 (@wangfang)");
    expect(text).toContain("👥 Subscribers: 3 (2 private chats, 1 group)");
    expect(text).toContain("1 recipient: ✅ 1 sent");
    expect(text).toContain("2 recipients: ✅ 0 sent");
    expect(text).not.toMatch(/\b1 (groups|recipients|chats)\b/);

    await send(command(makeUser(STAFF, { ...wang, language_code: "zh" }), "/stats"));
    const zhText = lastSent(STAFF).text ?? "";
    expect(zhText).toContain("活动提醒: “周末卫生日” 12月26日（周六），立即发送，王芳 (@wangfang) 发出");
    expect(zhText).not.toContain("cleanup-day");
  });
});
