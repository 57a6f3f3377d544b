import { describe, expect, it } from "vitest";
import { commandsFor } from "../../src/bot/commands.js";
import { createTestTranslate } from "../helpers/fluent.js";

describe("command menus", () => {
  it("describes every command from the Fluent files, in zh and en, within Telegram's limits", () => {
    for (const locale of ["zh", "en"] as const) {
      const t = createTestTranslate(locale); // throws on a missing message
      const admin = commandsFor("admin", t);
      expect(admin.length).toBeLessThanOrEqual(100);
      for (const c of admin) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThanOrEqual(1);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    const zh = createTestTranslate("zh");
    const en = createTestTranslate("en");
    expect(commandsFor(undefined, zh).find((c) => c.command === "start")?.description).toBe("订阅社区通知");
    expect(commandsFor(undefined, en).find((c) => c.command === "start")?.description).toBe("Subscribe to community notices");
  });

  it("shows staff commands to staff, /staff only to admins", () => {
    const t = createTestTranslate("en");
    const names = (role: "admin" | "staff" | undefined) => commandsFor(role, t).map((c) => c.command);
    expect(names(undefined)).not.toContain("record");
    expect(names("staff")).toContain("record");
    expect(names("staff")).not.toContain("staff");
    expect(names("admin")).toContain("staff");
    // /district is a district official's (DISTRICT_IDS), whatever their role in the community
    expect(names("admin")).not.toContain("district");
    expect(commandsFor(undefined, t, true).map((c) => c.command)).toContain("district");
  });
});
