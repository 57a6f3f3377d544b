import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentValue, findMetric } from "../../src/domain/campaign/index.js";
import { callbackQuery, command, makeUser, pollAnswer } from "../../tools/fake-bot-api/index.js";
import { readHtml } from "../helpers/bot-harness.js";
import { createSurveyWorld, NOW, STAFF, type SurveyWorld } from "./survey-setup.js";

let w: SurveyWorld;
const staff = makeUser(STAFF);

beforeEach(async () => {
  // 101, 102 in 柳东新村; 103 in 高峰南巷34号小区; 104 has chosen none
  w = await createSurveyWorld({ 101: "liudong", 102: "liudong", 103: "gaofeng34", 104: undefined });
});
afterEach(() => w.close());

const polls = (chatId: number): Message[] => w.rec.sentMessages(chatId).filter((m) => m.poll !== undefined);
const texts = (chatId: number): string[] => w.rec.sentMessages(chatId).flatMap((m) => (m.text ? [m.text] : []));
const lastPoll = (chatId: number): Message => {
  const p = polls(chatId).at(-1);
  if (!p) throw new Error(`no poll sent to ${chatId}`);
  return p;
};
async function figures(): Promise<{ forms: number; aware: number; surveyed: number }> {
  const agg = (await w.campaign.figures()).aggregates;
  const forms = currentValue(agg, findMetric(w.campaign.campaign, "awareness_surveys")!, NOW, "Asia/Shanghai");
  const rate = currentValue(agg, findMetric(w.campaign.campaign, "awareness_rate")!, NOW, "Asia/Shanghai");
  if (rate.kind !== "rate") throw new Error("awareness_rate is a rate");
  return { forms: forms.value ?? 0, aware: rate.aware, surveyed: rate.surveyed };
}
/** Answers the poll the resident got last with `option`, `count` times (one question after another). */
async function answer(userId: number, options: number[][]): Promise<void> {
  for (const option of options) await w.send(pollAnswer(makeUser(userId), lastPoll(userId), option));
}

async function startRound(): Promise<void> {
  await w.send(command(staff, "/survey"));
  const preview = w.rec.sentMessages(STAFF).at(-1)!;
  expect(readHtml(preview.text ?? "")).toContain("4 位私聊订阅者");
  const button = preview.reply_markup?.inline_keyboard[0]?.[0];
  await w.send(callbackQuery(staff, button && "callback_data" in button ? button.callback_data : "", preview));
  // the press is answered with what happens, not the button's own words
  expect(w.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text).toBe("📤 已确认，正在发送");
  await w.sender.idle();
}

describe("/survey", () => {
  it("sends the first question to private subscribers only, as a non-anonymous poll through the outbox", async () => {
    await startRound();
    for (const id of [101, 102, 103, 104]) {
      expect(polls(id)).toHaveLength(1);
      expect(texts(id)[0]).toContain("知晓率问卷");
    }
    expect(polls(-200)).toHaveLength(0);
    const sendPolls = w.rec.calls.filter((c) => c.method === "sendPoll");
    expect(sendPolls.every((c) => c.params.is_anonymous === false)).toBe(true);
    expect(lastPoll(101).poll?.question).toBe("您知道我市正在创建全国文明城市吗？");
    expect(Object.values(w.store.data.broadcasts).map((b) => b.kind)).toEqual(["survey"]);
  });

  it("counts complete forms at once, not partial ones, and follows a changed answer", async () => {
    await startRound();
    const before = await figures();
    expect(before).toEqual({ forms: 5000, aware: 4700, surveyed: 5000 });

    await answer(101, [[0], [0], [0], [0], [0]]); // aware
    expect(polls(101)).toHaveLength(5);
    expect(texts(101).at(-1)).toContain("谢谢您");
    expect(await figures()).toEqual({ forms: 5001, aware: 4701, surveyed: 5001 });

    await answer(102, [[0], [0]]); // unfinished: not counted
    expect((await figures()).forms).toBe(5001);

    await answer(103, [[2], [2], [2], [2], [2]]); // finished, not aware
    expect(await figures()).toEqual({ forms: 5002, aware: 4701, surveyed: 5002 });
    // 103 changes the first two answers: now aware, still one form
    const [q1, q2] = polls(103);
    await w.send(pollAnswer(makeUser(103), q1!, [0]));
    await w.send(pollAnswer(makeUser(103), q2!, [0]));
    expect(await figures()).toEqual({ forms: 5002, aware: 4702, surveyed: 5002 });
    expect(polls(103)).toHaveLength(5); // no question sent twice

    // /progress moves with the answers
    await w.send(command(makeUser(104), "/progress", "awareness_surveys"));
    expect(readHtml(texts(104).at(-1) ?? "")).toMatch(/5,?002/);

    // a retracted answer takes the form out until it is answered again
    await w.send(pollAnswer(makeUser(101), polls(101)[4]!, []));
    expect(await figures()).toEqual({ forms: 5001, aware: 4701, surveyed: 5001 });
    await w.send(pollAnswer(makeUser(101), polls(101)[4]!, [1]));
    expect(await figures()).toEqual({ forms: 5002, aware: 4702, surveyed: 5002 });
  });

  it("shows results per round and per compound, never anyone's answers, and keeps totals after /forgetme", async () => {
    await startRound();
    await answer(101, [[0], [0], [0], [0], [0]]);
    await answer(102, [[2], [2], [2], [0], [0]]);
    await answer(103, [[0], [0], [2], [0], [0]]);
    await answer(104, [[0]]);
    await w.send(command(staff, "/survey", "results"));
    const results = readHtml(w.rec.sentMessages(STAFF).at(-1)?.text ?? "");
    expect(results).toContain("发出 4 份，4 人作答，答完 3 份（答完率 75%），知晓 2 份，知晓率 66.7%");
    expect(results).toContain("柳东新村：答完 2 份，知晓率 50%");
    expect(results).toContain("高峰南巷34号小区：答完 1 份，知晓率 100%");
    expect(results).toContain("比年度总结的 94%（纸质问卷）低 27.3 个百分点");
    expect(results).not.toContain("U101");

    const forms = await figures();
    await w.send(command(makeUser(101), "/forgetme"));
    expect(w.store.data.surveys.rounds[0]?.respondents["101"]).toBeUndefined();
    expect(await figures()).toEqual(forms);
    await w.send(command(staff, "/survey", "results"));
    const after = readHtml(w.rec.sentMessages(STAFF).at(-1)?.text ?? "");
    expect(after).toContain("答完 3 份（答完率 75%），知晓 2 份");
    expect(after).toContain("柳东新村：答完 2 份，知晓率 50%");
  });

  it("/survey close ends the round: later answers are not counted and the resident is told", async () => {
    await startRound();
    await answer(102, [[0], [0], [0], [0]]);
    await w.send(command(staff, "/survey", "close"));
    expect(readHtml(w.rec.sentMessages(STAFF).at(-1)?.text ?? "")).toContain("第 1 轮问卷已结束");
    const forms = (await figures()).forms;
    await answer(102, [[0]]);
    expect((await figures()).forms).toBe(forms);
    expect(texts(102).at(-1)).toContain("已经结束");
    // a new round can start now
    await w.send(command(staff, "/survey"));
    expect(readHtml(w.rec.sentMessages(STAFF).at(-1)?.text ?? "")).toContain("第 2 轮");
  });

  it("a preview is kept in the store and confirmed once; a second preview confirmed after a round opened is not sent", async () => {
    await w.send(command(staff, "/survey"));
    const first = w.rec.sentMessages(STAFF).at(-1)!;
    await w.send(command(staff, "/survey"));
    const second = w.rec.sentMessages(STAFF).at(-1)!;
    const confirm = (m: typeof first) => w.send(callbackQuery(staff, (m.reply_markup!.inline_keyboard[0]![0] as { callback_data: string }).callback_data, m));
    const toast = () => w.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text;
    expect(Object.values(w.store.data.office.drafts).map((d) => d.kind)).toEqual(["survey", "survey"]);
    await confirm(first);
    await w.sender.idle();
    await confirm(first);
    expect(toast()).toBe("已经处理过了。");
    await confirm(second);
    expect(toast()).toBe("另一轮问卷已经开始，这个预览不再发送。发送 /survey results 查看结果。");
    expect(w.rec.calls.filter((c) => c.method === "editMessageText" && c.params.message_id === second.message_id).at(-1)?.params.text).toContain("另一轮问卷已经开始");
    expect(w.store.data.surveys.rounds.map((r) => r.id)).toEqual(["r1"]);
    expect(polls(101)).toHaveLength(1);
  });

  it("refuses residents and a second round while one is open", async () => {
    await w.send(command(makeUser(101), "/survey"));
    expect(texts(101).at(-1)).toContain("工作人员");
    await startRound();
    await w.send(command(staff, "/survey"));
    expect(readHtml(w.rec.sentMessages(STAFF).at(-1)?.text ?? "")).toContain("/survey close");
  });
});
