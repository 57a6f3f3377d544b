/**
 * Two communities sharing one bot (COMMUNITY=a,b on PostgreSQL): the front router hands each update
 * to its chat's community; /start <slug> binds a chat, an unbound chat is asked which community it
 * is in, a bound group is rebound only by its community's staff, /forgetme forgets the binding.
 */
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { callbackQuery, command, makeGroup, makeUser, privateMessage } from "../../../tools/fake-bot-api/index.js";
import { createCommunitiesHarness, type CommunitiesHarness } from "../../helpers/communities-harness.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const NOW = new Date("2026-11-10T11:00:00.000Z");
const STAFF_A = 1001;
const STAFF_B = 2001;

describe("one bot, two communities", () => {
  const pg = usePgCluster();
  let h: CommunitiesHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async () =>
    (h = await createCommunitiesHarness(await pg.freshDatabase(), NOW, {
      a: { name: { zh: "甲社区", en: "Alpha" }, admins: [STAFF_A] },
      b: { name: { zh: "乙社区", en: "Beta" }, garbageSeed: 777, admins: [STAFF_B] },
    }));
  const subscribed = async (community: string) =>
    (await sql<{ id: string }>`SELECT id FROM chats WHERE community = ${community} AND subscribed ORDER BY id`.execute(h!.db)).rows.map((r) => Number(r.id));
  const bindingOf = async (chatId: number) =>
    (await sql<{ community: string }>`SELECT community FROM chat_communities WHERE chat_id = ${chatId}`.execute(h!.db)).rows[0]?.community;

  it("/start <slug> binds the chat and runs that community's /start; later updates reach that community's data", async () => {
    const x = await start();
    const ana = makeUser(1100, { first_name: "安娜", language_code: "zh" });
    const bo = makeUser(2100, { first_name: "博", language_code: "zh" });
    await x.send(command(ana, "/start", "a"));
    await x.send(command(bo, "/start", "b"));
    expect(x.contents(1100).at(-1)).toContain("安娜");
    expect([await subscribed("a"), await subscribed("b")]).toEqual([[1100], [2100]]);
    expect([await bindingOf(1100), await bindingOf(2100)]).toEqual(["a", "b"]);
    await x.send(command(ana, "/progress"));
    await x.send(command(bo, "/progress"));
    expect(x.contents(1100).at(-1)).toContain("清运垃圾：300/350 车");
    expect(x.contents(2100).at(-1)).toContain("清运垃圾：777/350 车");
    // a resident who opens the other community's link moves there
    await x.send(command(ana, "/start", "b"));
    await x.send(command(ana, "/progress"));
    expect(x.contents(1100).at(-1)).toContain("清运垃圾：777/350 车");
  });

  it("asks an unbound chat which community it is in; a press binds it and runs /start there", async () => {
    const x = await start();
    const cai = makeUser(1200, { first_name: "蔡", language_code: "zh" });
    await x.send(privateMessage(cai, "知晓率是多少？"));
    const question = x.rec.sentMessages(1200).at(-1)!;
    expect(question.text).toContain("您在哪个社区");
    const buttons = question.reply_markup!.inline_keyboard.flat() as { text: string; callback_data: string }[];
    expect(buttons.map((b) => [b.text, b.callback_data])).toEqual([["甲社区", "cm:a"], ["乙社区", "cm:b"]]);
    expect(await subscribed("a")).toEqual([]);
    await x.send(callbackQuery(cai, "cm:b", question));
    expect(await bindingOf(1200)).toBe("b");
    expect(await subscribed("b")).toEqual([1200]);
    expect(x.contents(1200).at(-1)).toContain("蔡");
    const en = makeUser(1201, { language_code: "en" });
    await x.send(command(en, "/help"));
    expect(x.rec.sentMessages(1201).at(-1)!.text).toContain("Which community are you in?");
  });

  it("/district names each community as its chooser button does, a template community by its slug", async () => {
    const official = makeUser(3001, { language_code: "zh" });
    const x = (h = await createCommunitiesHarness(await pg.freshDatabase(), NOW, { a: { name: { zh: "甲社区", en: "Alpha" } }, c: { template: true } }, { DISTRICT_IDS: "3001" }));
    await x.send(command(official, "/start", "c"));
    await x.send(command(official, "/district", "awareness_rate"));
    const lines = x.contents(3001).at(-1)!.split("\n");
    expect(lines.filter((l) => /^(甲社区|c|a|柳河社区)：/.test(l)).map((l) => l.split("：")[0]).sort()).toEqual(["c", "甲社区"]);
  });

  it("greets in each community's own name; one seeded from the shared template gets a neutral word, not the template's name", async () => {
    const x = (h = await createCommunitiesHarness(await pg.freshDatabase(), NOW, { a: { name: { zh: "甲社区", en: "Alpha" } }, c: { template: true } }));
    await x.send(command(makeUser(1300, { first_name: "甲", language_code: "zh" }), "/start", "a"));
    await x.send(command(makeUser(1301, { first_name: "丙", language_code: "zh" }), "/start", "c"));
    await x.send(command(makeUser(1302, { first_name: "En", language_code: "en" }), "/start", "a"));
    expect(x.contents(1300).at(-1)).toContain("我是<b>甲社区通知助手</b>");
    expect(x.contents(1301).at(-1)).toContain("我是<b>社区通知助手</b>");
    expect(x.contents(1302).at(-1)).toContain("I am the <b>notice bot of Alpha</b>");
    expect(x.contents(1301).join("\n")).not.toContain("柳河");
  });

  it("refuses an unknown slug clearly, naming no community's data", async () => {
    const x = await start();
    const dai = makeUser(1300, { language_code: "zh" });
    await x.send(command(dai, "/start", "<b>nowhere</b>"));
    const reply = x.rec.sentMessages(1300).at(-1)!;
    expect(reply.text).toContain("没有代号为“<b>nowhere</b>”的社区");
    expect(await bindingOf(1300)).toBeUndefined();
    expect([await subscribed("a"), await subscribed("b")]).toEqual([[], []]);
  });

  it("a group is bound by the first /start <slug>; only its community's staff may rebind it", async () => {
    const x = await start();
    const group = makeGroup(-500, "3号楼");
    const member = makeUser(1400, { language_code: "zh" });
    await x.send(command(member, "/start", "a", group));
    expect(await bindingOf(-500)).toBe("a");
    expect(await subscribed("a")).toEqual([-500]);
    await x.send(command(member, "/start", "b", group));
    expect(x.contents(-500).at(-1)).toBe("本群已属于甲社区，只有甲社区的工作人员可以更改。");
    await x.send(command(makeUser(STAFF_B), "/start", "b", group)); // B's staff are not A's
    expect(await bindingOf(-500)).toBe("a");
    await x.send(command(makeUser(STAFF_A), "/start", "b", group));
    expect(await bindingOf(-500)).toBe("b");
    expect(await subscribed("b")).toEqual([-500]);
  });

  it("/forgetme in a private chat removes the person from the community and forgets the chat's community", async () => {
    const x = await start();
    const eve = makeUser(1500, { language_code: "zh" });
    await x.send(command(eve, "/start", "a"));
    await x.send(command(eve, "/forgetme"));
    expect(await bindingOf(1500)).toBeUndefined();
    expect(x.contents(1500).at(-1)).toMatch(/删除/);
    await x.send(privateMessage(eve, "你好"));
    expect(x.contents(1500).at(-1)).toContain("您在哪个社区");
  });
});
