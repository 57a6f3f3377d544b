/**
 * Names with bidi controls or zero-width characters are shown without them (issue 13): on the
 * /signups list (where a reversed id would be typed into /attended), in the exports, on /staff and
 * in the welcome.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestTranslate } from "../helpers/fluent.js";
import { exportFiles } from "../../src/bot/features/signups.js";
import { signupCallbackData } from "../../src/domain/signups/buttons.js";
import { callbackQuery, command, makeUser } from "../../tools/fake-bot-api/index.js";
import { ADMIN, GROUP, PEST, setupSignupBot } from "./signups-setup.js";
import { createUsersRepo } from "../../src/store/users-repo.js";

type Setup = Awaited<ReturnType<typeof setupSignupBot>>;
let s: Setup;

/** Right-to-left override before the name: the id after it would read backwards. */
const TRICK = makeUser(12345, { first_name: "\u202E王\u200B芳\u2066", last_name: "\u200F", username: "w\uFEFFf" });
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

beforeEach(async () => {
  s = await setupSignupBot();
});
afterEach(async () => {
  await s.close();
});

describe("names shown without bidi controls or invisible characters", () => {
  it("on /signups, in every export, on /staff and in the welcome", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    await s.handle(callbackQuery(TRICK, signupCallbackData("join", PEST), reminder));
    expect(s.answers()[0]).toMatch(/^✅/);

    s.clock.now = new Date("2026-11-11T02:00:00.000Z"); // started: the list has attendance buttons
    await s.handle(command(makeUser(ADMIN), "/signups", "pest-control"));
    const list = s.sends(ADMIN).join("\n");
    expect(list).toContain("王芳 (@wf) <code>12345</code>");
    expect(list).not.toMatch(INVISIBLE);
    const buttons = s.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === ADMIN).map((c) => JSON.stringify(c.params.reply_markup ?? ""));
    expect(buttons.join("")).toContain("王芳");
    expect(buttons.join("")).not.toMatch(INVISIBLE);

    const files = await exportFiles(createUsersRepo(s.store), s.repo, { t: createTestTranslate("zh"), locale: "zh", timezone: "Asia/Shanghai" });
    for (const f of files) {
      const text = f.data.toString("utf8").replace(/^\uFEFF/, ""); // the BOM Excel needs stays
      expect(text, f.name).not.toMatch(INVISIBLE);
    }
    const volunteers = files.find((f) => f.name === "volunteers.csv")!.data.toString("utf8");
    expect(volunteers).toContain("12345,王芳,,wf,");
    expect(files.find((f) => f.name === "signups.csv")!.data.toString("utf8")).toContain("王芳 (@wf)");

    await s.store.write((db) => void (db.roles["12345"] = "staff"), "durable");
    await s.handle(command(makeUser(ADMIN), "/staff"));
    expect(s.sends(ADMIN).at(-1)).toContain("<code>12345</code> staff — 王芳");
    expect(s.sends(ADMIN).at(-1)).not.toMatch(INVISIBLE);

    await s.handle(command(TRICK, "/start"));
    expect(s.sends(TRICK.id).at(-1)).toContain("王芳");
    expect(s.sends(TRICK.id).at(-1)).not.toMatch(INVISIBLE);
  });
});
