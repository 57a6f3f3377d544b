import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHomeFeature } from "../../../src/bot/features/home.js";
import { loadCompounds } from "../../../src/store/compound-catalog.js";
import { createCompoundsRepo, type CompoundsRepo } from "../../../src/store/compounds-repo.js";
import { subscribeChat } from "../../../src/store/chats.js";
import { touchUser } from "../../../src/store/users.js";
import { callbackQuery, command, makeGroup, makeUser } from "../../../tools/fake-bot-api/index.js";
import { createTestBot, readHtml, type TestBot } from "../../helpers/bot-harness.js";

const NOW = new Date("2026-11-20T02:00:00.000Z");
const STAFF = 2;
const resident = makeUser(100, { language_code: "zh" });
const english = makeUser(101, { language_code: "en" });
const staff = makeUser(STAFF, { language_code: "en" });
const group = makeGroup(-300, "Building 3");

let h: TestBot;
let compounds: CompoundsRepo;

beforeEach(async () => {
  const seeded = await loadCompounds("data");
  h = await createTestBot({
    now: () => NOW,
    seed: (db) => {
      db.roles[String(STAFF)] = "staff";
      for (const id of [100, 101, 102]) {
        subscribeChat(db, { id, type: "private" }, NOW);
        touchUser(db, { id, first_name: `R${id}` }, NOW);
      }
      subscribeChat(db, { id: -300, type: "group", title: "Building 3" }, NOW);
      subscribeChat(db, { id: -301, type: "group", title: "Building 4" }, NOW);
    },
    features: (store) => {
      compounds = createCompoundsRepo(store, seeded, () => NOW);
      return [createHomeFeature({ compounds })];
    },
  });
});
afterEach(() => h.close());

const buttons = (m: Message): string[] => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : "") ?? "");

describe("/home", () => {
  it("lets a resident pick a compound with buttons, change it, and shows it", async () => {
    await h.send(command(resident, "home"));
    const menu = h.lastSent(100);
    expect(readHtml(menu.text ?? "")).toContain("未选择");
    expect(buttons(menu)).toContain("home:liudong");
    expect(buttons(menu).every((d) => Buffer.byteLength(d) <= 64)).toBe(true);
    await h.send(callbackQuery(resident, "home:liudong", menu));
    expect(h.store.data.users["100"]?.compound).toBe("liudong");
    await h.send(command(resident, "home", "柳河路40号"));
    expect(h.store.data.users["100"]?.compound).toBe("liuhe40");
    expect(readHtml(h.lastSent(100).text ?? "")).toContain("柳河路40号");
    await h.send(command(resident, "home"));
    expect(readHtml(h.lastSent(100).text ?? "")).toContain("柳河路40号");
    await h.send(command(resident, "home", "none"));
    expect(h.store.data.users["100"]?.compound).toBeUndefined();
  });

  it("names the choices when the compound is unknown", async () => {
    await h.send(command(english, "home", "Atlantis"));
    const text = readHtml(h.lastSent(101).text ?? "");
    expect(text).toContain("There is no compound “Atlantis”");
    expect(text).toContain("Liudong New Village (liudong)");
    expect(h.store.data.users["101"]?.compound).toBeUndefined();
  });

  it("lets staff bind a group, and refuses residents politely", async () => {
    await h.send(command(resident, "home", "liudong", group));
    expect(readHtml(h.lastSent(-300).text ?? "")).toContain("只有社区工作人员");
    expect(h.store.data.chats["-300"]?.compound).toBeUndefined();
    await h.send(command(staff, "home", "柳东新村", group));
    expect(h.store.data.chats["-300"]?.compound).toBe("liudong");
    const menu = (await h.send(command(staff, "home", undefined, group)), h.lastSent(-300));
    await h.send(callbackQuery(resident, "home:liuhe42", menu));
    expect(h.store.data.chats["-300"]?.compound).toBe("liudong");
    expect(h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.show_alert).toBe(true);
  });

  it("lets staff add a compound, kept in the store, and refuses others", async () => {
    await h.send(command(resident, "home", "add 新小区"));
    expect(await compounds.list()).toHaveLength(7);
    await h.send(command(staff, "home", "add 柳西花园"));
    expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("(id c1)");
    expect(h.store.data.office.compounds.map((c) => c.name.zh)).toEqual(["柳西花园"]);
    await h.send(command(staff, "home", "add 柳西花园"));
    expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("exists already");
    await h.send(command(staff, "home", "add"));
    expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("Usage: /home add");
    await h.send(command(resident, "home", "c1"));
    expect(h.store.data.users["100"]?.compound).toBe("c1");
  });

  it("reaches only the residents and groups of a compound; those with none get notices for all", async () => {
    await compounds.setResident(100, "liudong");
    await compounds.setResident(101, "liuhe40");
    await compounds.setGroup(-300, "liudong");
    expect((await compounds.recipients(["liudong"])).sort((a, b) => a - b)).toEqual([-300, 100]);
    expect(await compounds.recipients(undefined)).toHaveLength(5);
    expect((await compounds.breakdown()).find((b) => b.id === undefined)?.count).toBe(2);
  });
});
