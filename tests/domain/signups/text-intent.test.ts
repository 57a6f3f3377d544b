import { describe, expect, it } from "vitest";
import { parseSignupText, type SignupIntent } from "../../../src/domain/signups/index.js";

const join = (headcount: number, explicit = true): SignupIntent => ({ intent: "join", headcount, explicit });
const plain = join(1, false);
const cancel: SignupIntent = { intent: "cancel" };

const cases: Array<[string, SignupIntent | undefined]> = [
  // join, zh
  ["报名", plain],
  ["参加", plain],
  ["我来", plain],
  ["我参加！🎉", plain],
  ["算我一个", plain],
  ["我也来", plain],
  ["报名，谢谢！", plain],
  ["  报名。 ", plain],
  ["报名 3人", join(3)],
  ["报名3位", join(3)],
  ["我们3个人参加", join(3)],
  ["我们３个人参加", join(3)], // full-width digit
  ["报名两人", join(2)],
  ["报名三位", join(3)],
  ["报名十人", join(10)],
  ["报名十五人", join(15)], // not capped here: decideJoin answers "too many, at most 10"
  ["报名20人", join(20)],
  ["报名 +2", join(3)],
  ["报名＋２", join(3)],
  ["带两个孩子报名", join(3)],
  ["我和2个朋友参加", join(3)],
  ["我们俩报名", join(2)],
  ["我们仨参加", join(3)],
  ["我一个人参加", join(1)],
  // join, en
  ["join", plain],
  ["JOIN!", plain],
  ["ＪＯＩＮ", plain],
  ["Count me in", plain],
  ["I'm in", plain],
  ["i’m in 👍", plain],
  ["Me too!!", plain],
  ["I'll join", plain],
  ["join with 2 friends", join(3)],
  ["Join with two friends", join(3)],
  ["count me in +1", join(2)],
  ["We are 4, count us in", join(4)],
  ["4 people, count us in", join(4)],
  // bare "+N" adds N to the party (a newcomer: N in all, "+1" = me)
  ["+1", { intent: "join", headcount: 1, explicit: true, add: true }],
  ["+3", { intent: "join", headcount: 3, explicit: true, add: true }],
  ["me too +1", { intent: "join", headcount: 1, explicit: true, add: true }],
  // cancel
  ["取消", cancel],
  ["取消报名", cancel],
  ["不去了", cancel],
  ["我不参加了", cancel],
  ["明天去不了，抱歉", cancel],
  ["临时有事来不了", cancel],
  ["我来不了", cancel],
  ["cancel", cancel],
  ["Sorry, I can't make it tomorrow", cancel],
  ["I can’t make it", cancel],
  ["cannot come", cancel],
  ["I withdraw", cancel],
  ["count me out", cancel],
  ["not coming, sorry", cancel],
  // not clearly either: undefined
  ["报名要带什么？", undefined],
  ["报名吗", undefined],
  ["报名截止了吗", undefined],
  ["请问怎么报名", undefined],
  ["能不能报名", undefined],
  ["取消了吗", undefined],
  ["how do I join", undefined],
  ["What time should I join", undefined],
  ["join?", undefined],
  ["大家记得报名", undefined],
  ["活动取消了", undefined],
  ["我昨天参加了一个很好的活动，推荐大家", undefined],
  ["我来自3号楼", undefined],
  ["报名3", undefined], // a number we cannot read: ask, do not guess
  ["报名 3人 +2", undefined], // two numbers
  ["+86 13800000000", undefined],
  ["I joined last time", undefined],
  ["hello", undefined],
  ["好的", undefined],
  ["收到", undefined],
  ["👍", undefined],
  ["", undefined],
  ["报名".repeat(40), undefined], // too long to be a reply
];

describe("parseSignupText", () => {
  it("has a table of at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(cases)("%j", (text, expected) => {
    expect(parseSignupText(text)).toEqual(expected);
  });
});
