/** /staff add|remove tells the person, in their own language (issue 11, Staff). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { staffRolesFeature } from "../../src/bot/features/staff-roles.js";
import { command, makeUser } from "../../tools/fake-bot-api/index.js";
import { createTestBot, readHtml, type TestBot } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";

const ADMIN = 1;
const NOW = new Date("2026-11-30T02:00:00.000Z");
const en = createTestTranslate("en");
const zh = createTestTranslate("zh");

let h: TestBot;
beforeEach(async () => {
  h = await createTestBot({
    now: () => NOW,
    adminIds: [ADMIN],
    seed: (db) => {
      db.roles[String(ADMIN)] = "admin";
      db.users["800"] = { id: 800, firstName: "Li Wei", lang: "en", seenAt: NOW.toISOString() };
      db.users["801"] = { id: 801, firstName: "王芳", lang: "zh", seenAt: NOW.toISOString() };
    },
    features: () => [staffRolesFeature],
  });
});
afterEach(() => h.close());

const texts = (chatId: number): string[] => h.rec.sentMessages(chatId).map((m) => m.text ?? "");

describe("/staff add|remove tells the person", () => {
  it("in English to an English speaker: the role, what they can now do, and later its removal", async () => {
    await h.send(command(makeUser(ADMIN), "/staff", "add 800"));
    const told = texts(800);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(readHtml(en("staff-roles-granted", { community: "the community" })));
    expect(told[0]).toContain("/record");
    expect(told[0]).toContain("/broadcast");
    expect(told[0]).toContain(readHtml(en("staff-roles-granted-help")));
    expect(told[0]).not.toMatch(/[\u4e00-\u9fff]/); // nothing in Chinese
    expect(h.lastSent(ADMIN).text).toBe(`${zh("core-staff-added", { id: 800 })}\n${zh("staff-roles-told")}`);

    await h.send(command(makeUser(ADMIN), "/staff", "remove 800"));
    expect(texts(800)).toHaveLength(2);
    expect(texts(800)[1]).toBe(readHtml(en("staff-roles-revoked")));
  });

  it("in Chinese to a Chinese speaker, and nothing when the role did not change", async () => {
    await h.send(command(makeUser(ADMIN), "/staff", "add 801"));
    expect(texts(801)[0]).toContain(readHtml(zh("staff-roles-granted", { community: "社区" })));
    expect(texts(801)[0]).toContain("/record");
    await h.send(command(makeUser(ADMIN), "/staff", "add 801"));
    expect(h.lastSent(ADMIN).text).toBe(zh("core-staff-already", { id: 801 }));
    await h.send(command(makeUser(ADMIN), "/staff", "remove 900"));
    expect(texts(801)).toHaveLength(1);
    expect(texts(900)).toEqual([]);
  });

  it("tells the admin when the person cannot be reached, and still grants the role", async () => {
    h.rec.blockChat(802);
    await h.send(command(makeUser(ADMIN, { language_code: "en" }), "/staff", "add 802"));
    expect(h.lastSent(ADMIN).text).toBe(`${en("core-staff-added", { id: 802 })}\n${readHtml(en("staff-roles-not-told"))}`);
    expect(h.store.data.roles["802"]).toBe("staff");
  });

  it("its usage points to where user ids are shown", async () => {
    await h.send(command(makeUser(ADMIN, { language_code: "en" }), "/staff", "add @liwei"));
    expect(h.lastSent(ADMIN).text).toBe(en("core-staff-usage"));
    expect(en("core-staff-usage")).toContain("/signups");
    expect(zh("core-staff-usage")).toContain("/signups");
    expect(zh("core-staff-usage")).not.toContain("/stats");
  });
});
