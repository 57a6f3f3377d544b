import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { storePaths } from "../../src/store/engine/load.js";
import { killAll, spawnProcess } from "../helpers/process.js";

afterAll(killAll);

describe("npm run chat", () => {
  it("plays a resident in the terminal: /start shows the welcome and its buttons, /press switches language, /quit stops everything", async () => {
    const chat = spawnProcess("npm", ["run", "--silent", "chat"], { stdin: true, env: { NO_COLOR: "1" } });
    await chat.waitForOutput(/王芳 \(resident\) › /, 30_000);
    chat.child.stdin?.write("/start\n");
    await chat.waitForOutput(/您好，王芳！我是柳河社区通知助手/, 15_000);
    await chat.waitForOutput(/\[1\] 中文 {2}\[2\] English/);
    chat.child.stdin?.write("/press 2\n");
    await chat.waitForOutput(/Language set to English/);
    chat.child.stdin?.write("/as staff\n/staff add 10002\n");
    await chat.waitForOutput(/👤 张主任/);
    const store = /Store: (\S+)/.exec(chat.stdout())?.[1];
    expect(store).toBeDefined();
    // a new store's changes are in its journal until the first snapshot (at a checkpoint or on close)
    const files = storePaths(store!);
    expect(existsSync(files.journal)).toBe(true);
    // what the bot sends as a file is saved where it can be opened, and the path printed
    chat.child.stdin?.write("/export\n");
    const saved = (await chat.waitForOutput(/💾 saved to (\S+progress\.csv)/, 15_000), /💾 saved to (\S+progress\.csv)/.exec(chat.stdout())?.[1]);
    expect(saved && readFileSync(saved, "utf8")).toMatch(/^\uFEFF记录ID,时间,指标ID/);
    chat.child.stdin?.write("/quit\n");
    const { code } = await chat.waitForExit(15_000);
    expect(code).toBe(0);
    expect(chat.stdout()).toContain("Bye.");
    // the temporary store is removed, with every file of it
    for (const f of [files.snapshot, files.journal, files.previous, files.signups]) expect(existsSync(f), f).toBe(false);
    expect(chat.stderr()).toBe("");
    expect(existsSync(saved!)).toBe(true); // kept after /quit
    rmSync(dirname(saved!), { recursive: true, force: true });
  });
});
