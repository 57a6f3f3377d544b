import { describe, expect, it } from "vitest";
import { createRecordingApi, makeUser, pollAnswer } from "../../tools/fake-bot-api/index.js";
import type { Message } from "grammy/types";

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `option ${i}` }));

describe("fake Bot API: sendPoll and poll_answer", () => {
  it("sends a poll with a fresh id and no votes", () => {
    const rec = createRecordingApi();
    const res = rec.handle("sendPoll", { chat_id: 42, question: "知道吗？", options: options(3), is_anonymous: false });
    expect(res).toMatchObject({ ok: true, result: { chat: { id: 42 }, poll: { question: "知道吗？", is_anonymous: false, type: "regular", total_voter_count: 0, allows_revoting: true } } });
    const other = rec.handle("sendPoll", { chat_id: 42, question: "又一题", options: options(2) });
    const id = (r: typeof res) => ("result" in r ? (r.result as Message).poll?.id : undefined);
    expect(id(other)).not.toBe(id(res));
  });

  it("refuses what Telegram refuses", () => {
    const rec = createRecordingApi();
    const desc = (params: Record<string, unknown>) => {
      const r = rec.handle("sendPoll", { chat_id: 42, question: "q", options: options(2), ...params });
      return "description" in r ? r.description : "ok";
    };
    expect(desc({ options: [] })).toBe("Bad Request: poll must have at least 1 option");
    expect(desc({ options: options(13) })).toBe("Bad Request: poll can't have more than 12 options");
    expect(desc({ options: [{ text: "x".repeat(101) }, { text: "y" }] })).toContain("Bad Request");
    expect(desc({ question: "" })).toContain("Bad Request");
    expect(desc({ question: "x".repeat(301) })).toContain("too long");
    expect(desc({ type: "quiz" })).toBe("Bad Request: correct_option_ids must be specified for quizzes");
    expect(desc({ open_period: 60, close_date: 2_000_000_000 })).toBe("Bad Request: can't use open_period and close_date together");
    expect(desc({ allow_adding_options: true })).toBe("Bad Request: options can't be added to anonymous polls and quizzes");
  });

  it("builds poll_answer updates only for what a user could answer", () => {
    const rec = createRecordingApi();
    const sent = rec.handle("sendPoll", { chat_id: 42, question: "q", options: options(3), is_anonymous: false });
    const message = (sent as { result: Message }).result;
    const u = pollAnswer(makeUser(42), message, [1]);
    expect(u.poll_answer).toMatchObject({ poll_id: message.poll?.id, option_ids: [1], user: { id: 42 } });
    expect(pollAnswer(makeUser(42), message, []).poll_answer?.option_ids).toEqual([]); // retracted
    expect(() => pollAnswer(makeUser(42), message, [3])).toThrow(/no such option/);
    expect(() => pollAnswer(makeUser(42), message, [0, 1])).toThrow(/one answer/);
    const anonymous = (rec.handle("sendPoll", { chat_id: 42, question: "q", options: options(2) }) as { result: Message }).result;
    expect(() => pollAnswer(makeUser(42), anonymous, [0])).toThrow(/anonymous/);
  });
});
