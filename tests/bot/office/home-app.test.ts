/**
 * A resident's compound (/home) through the whole app: /my names it, and /export's sign-up and
 * volunteer tables carry its name in the staff member's language (both read through CompoundsRepo).
 */
import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackQuery, command, makeUser } from "../../../tools/fake-bot-api/index.js";
import { createAppHarness, type AppHarness } from "../app-harness.js";
import { readHtml } from "../../helpers/bot-harness.js";

const NOW = new Date("2026-11-20T04:00:00Z");
const admin = makeUser(1, { first_name: "王芳", language_code: "zh" });
const resident = makeUser(100, { first_name: "李雷", language_code: "zh" });
const other = makeUser(101, { first_name: "韩梅", language_code: "zh" });
let h: AppHarness;

beforeEach(async () => {
  h = await createAppHarness(NOW, "1");
});
afterEach(() => h.close());

const join = async (user: typeof resident): Promise<void> => {
  const message = { message_id: 1, date: 0, chat: { id: user.id, type: "private", first_name: user.first_name } } as Message;
  await h.send(callbackQuery(user, "su:j:cleanup-day:2026-11-28", message));
};

describe("a resident's compound in /my and /export", () => {
  it("/my names the compound chosen, or says none; /export carries it per person", async () => {
    for (const u of [resident, other]) await h.send(command(u, "start"));
    await h.send(command(resident, "home", "liudong"));
    await h.send(command(resident, "my"));
    expect(h.replies(100).map(readHtml).join("\n")).toContain("我的小区：柳东新村");
    await h.send(command(other, "my"));
    expect(h.replies(101).map(readHtml).join("\n")).toMatch(/我的小区：未选择/);
    await join(resident);
    await join(other);
    await h.send(command(admin, "export"));
    const files = h.documents();
    const row = (file: string, id: number) => (files[file] ?? "").split(/\r?\n/).find((l) => l.split(",").includes(String(id))) ?? "";
    expect(row("volunteers.csv", 100)).toContain("柳东新村");
    expect(row("volunteers.csv", 101)).not.toContain("柳东新村");
    expect(row("signups.csv", 100)).toContain("柳东新村");
  });
});
