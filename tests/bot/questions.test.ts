import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/translate.js";
import { groupMessage, makeGroup, makeUser, privateMessage } from "../../tools/fake-bot-api/index.js";
import { createHarness, type Harness } from "./campaign-harness.js";

let h: Harness;
const asked: [string | undefined, Locale][] = [];
const zh = makeUser(600, { language_code: "zh" });
const en = makeUser(601, { language_code: "en" });
const group = makeGroup(-100200);

beforeEach(async () => {
  asked.length = 0;
  h = await createHarness({
    nextNotice: async (id, locale) => {
      asked.push([id, locale]);
      return id === "cleanup-day" ? (locale === "zh" ? "下次卫生日：2026-11-28（周六）08:30" : "Next cleanup day: 2026-11-28 (Sat) 08:30") : undefined;
    },
  });
});
afterEach(async () => {
  await h.close();
});

/** A group message that @mentions the bot. */
function mentioning(text: string) {
  const username = `@${h.rec.botInfo.username}`;
  const u = groupMessage(group, zh, `${username} ${text}`);
  (u.message as Message).entities = [{ type: "mention", offset: 0, length: username.length }];
  return u;
}

describe("plain-language questions", () => {
  it("answers in Chinese with the figure, its unit and the target", async () => {
    await h.send(privateMessage(zh, "知晓率是多少？"));
    expect(h.replies(zh.id)).toEqual([expect.stringMatching(/^创建知晓率：94%（调查 5,000 份，知晓 4,700 份），目标 95%。$/)]);
    await h.send(privateMessage(zh, "清运垃圾多少车了"));
    expect(h.replies(zh.id)[0]).toMatch(/清运垃圾：累计 300 车，目标 350 车，完成 86%/);
  });

  it("answers in English", async () => {
    await h.send(privateMessage(en, "how many truckloads of garbage were cleared?"));
    expect(h.replies(en.id)[0]).toMatch(/^Garbage cleared: 300 truckloads so far, target 350 truckloads \(86%\)/i);
    await h.send(privateMessage(en, "what is the awareness rate?"));
    expect(h.replies(en.id)[0]).toMatch(/94%.*target 95%/);
  });

  it("reflects a new record at once, even for a question answered (and kept) just before", async () => {
    await h.send(privateMessage(zh, "清运垃圾多少车了"));
    expect(h.replies(zh.id).at(-1)).toMatch(/累计 300 车/);
    await h.repo.record(1, { metricId: "garbage_cleared", amount: 50 });
    await h.send(privateMessage(zh, "清运垃圾多少车了"));
    expect(h.replies(zh.id).at(-1)).toMatch(/累计 350 车，目标 350 车，完成 100%，已达标 ✅/);
    await h.repo.setTarget("garbage_cleared", 400);
    await h.send(privateMessage(zh, "清运垃圾多少车了"));
    expect(h.replies(zh.id).at(-1)).toMatch(/累计 350 车，目标 400 车/);
  });

  it("hands next-notice questions to the schedule", async () => {
    await h.send(privateMessage(zh, "下次卫生日是哪天"));
    expect(h.replies(zh.id)).toEqual(["下次卫生日：2026-11-28（周六）08:30"]);
    expect(asked).toEqual([["cleanup-day", "zh"]]);
    await h.send(privateMessage(en, "when is the next lecture?"));
    expect(asked.at(-1)).toEqual(["civility-lecture", "en"]);
    expect(h.replies(en.id)[0]).toContain("/next");
  });

  it("explains how to sign up, then lists what is coming, instead of taking the question for a sign-up", async () => {
    await h.send(privateMessage(zh, "志愿者怎么报名？"));
    const [howZh = ""] = h.replies(zh.id);
    expect(howZh).toMatch(/^🙋 怎么报名\n活动提醒消息下面有“报名 \/ I'll join”按钮/);
    // this harness's schedule knows no list of every notice: the reply says so rather than end on a heading
    expect(howZh).toMatch(/📅 近期活动\n目前没有已安排的活动。$/);
    expect(asked).toEqual([[undefined, "zh"]]);
    await h.send(privateMessage(en, "how do I sign up?"));
    expect(h.replies(en.id)[0]).toMatch(/^🙋 How to sign up\n.*\/my\n📅 Coming up\n/s);
  });

  it("greets a greeting and says what it can do, without a list of metric names", async () => {
    await h.send(privateMessage(zh, "你好"));
    const [hello = ""] = h.replies(zh.id);
    expect(hello).toMatch(/^您好！我是社区通知助手.*\n可以这样问：“知晓率是多少？”/);
    expect(hello).not.toMatch(/清运垃圾|党员参与创建|\d+%/);
    await h.send(privateMessage(en, "hi"));
    expect(h.replies(en.id)[0]).toMatch(/^Hello! I'm the community notice bot.*\nYou can ask, for example: /);
    await h.send(privateMessage(zh, "今天天气不错"));
    expect(h.replies(zh.id)[0]).toMatch(/^这个问题我还答不上来。\n可以这样问：/);
  });

  it("understands traditional characters, residents' English wording and typos", async () => {
    await h.send(privateMessage(zh, "拆了多少違章建築"));
    expect(h.replies(zh.id)[0]).toMatch(/^拆除违章建筑：累计 30 间/);
    await h.send(privateMessage(zh, "垃圾清運了多少車"));
    expect(h.replies(zh.id)[0]).toMatch(/^清运垃圾：累计 300 车/);
    await h.send(privateMessage(en, "How much railing was repainted?"));
    expect(h.replies(en.id)[0]).toMatch(/^Railings repaired: 600 m² so far/);
    await h.send(privateMessage(en, "how many posters were torn down"));
    expect(h.replies(en.id)[0]).toMatch(/^Flyers removed: 450 places so far/);
    await h.send(privateMessage(en, "how much garbage was hauled away?"));
    expect(h.replies(en.id)[0]).toMatch(/^Garbage cleared: 300 truckloads/);
    await h.send(privateMessage(en, "what's the awarness rate?"));
    expect(h.replies(en.id)[0]).toMatch(/^Campaign awareness rate: 94%/);
  });

  it("answers a yes/no question with yes or no and the figure", async () => {
    await h.send(privateMessage(zh, "知晓率达标了吗"));
    expect(h.replies(zh.id)[0]).toBe("还没有，离目标还差 1 个百分点。\n创建知晓率：94%（调查 5,000 份，知晓 4,700 份），目标 95%。");
    await h.send(privateMessage(en, "did we reach the awareness target?"));
    expect(h.replies(en.id)[0]).toMatch(/^Not yet: 1 percentage point to go\.\nCampaign awareness rate: 94%/);
    await h.repo.setTarget("garbage_cleared", 300);
    await h.send(privateMessage(zh, "清运垃圾达标了吗？"));
    expect(h.replies(zh.id)[0]).toMatch(/^✅ 是的，已经达标。\n清运垃圾：累计 300 车/);
    await h.send(privateMessage(en, "have we met the railing target"));
    expect(h.replies(en.id)[0]).toMatch(/^Not yet: 90 m² to go\.\nRailings repaired: 600 m²/);
  });

  it("in groups, ignores text not addressed to the bot", async () => {
    await h.send(groupMessage(group, zh, "知晓率是多少？"));
    await h.send(groupMessage(group, zh, "今天天气不错"));
    expect(h.rec.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("in groups, answers a mention or a reply to the bot, as a reply", async () => {
    await h.send(mentioning("知晓率是多少？"));
    const [answer] = h.rec.sentMessages(group.id);
    expect(answer?.text).toMatch(/^创建知晓率：94%/);
    const call = h.rec.calls.find((c) => c.method === "sendMessage");
    expect(call?.params.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
    const botMessage = answer as Message;
    await h.send(groupMessage(group, en, "how much garbage was cleared?", botMessage));
    expect(h.replies(group.id).at(-1)).toMatch(/300/);
  });

  it("in groups, stays quiet on a chatty reply to the bot, but lists topics on an @mention", async () => {
    await h.send(mentioning("知晓率是多少？"));
    const botMessage = h.rec.sentMessages(group.id)[0] as Message;
    h.replies(group.id);
    await h.send(groupMessage(group, zh, "收到，谢谢", botMessage));
    await h.send(groupMessage(group, en, "thanks!", botMessage));
    expect(h.replies(group.id)).toEqual([]);
    await h.send(mentioning("你好"));
    expect(h.replies(group.id)).toEqual([expect.stringMatching(/^您好！我是社区通知助手/)]);
  });

  it("leaves a sign-up reply to the bot alone (the sign-ups feature owns it)", async () => {
    await h.send(mentioning("知晓率是多少？"));
    const botMessage = h.rec.sentMessages(group.id)[0] as Message;
    h.replies(group.id);
    await h.send(groupMessage(group, zh, "报名", botMessage));
    await h.send(groupMessage(group, en, "count me in +1", botMessage));
    await h.send(privateMessage(zh, "报名"));
    expect(h.replies(group.id)).toEqual([]);
    expect(h.replies(zh.id)).toEqual([]);
  });
});
