import { MAX_HEADCOUNT } from "./events.js";

/**
 * A text reply to a reminder understood as a sign-up or a cancellation. `explicit` tells whether the
 * text named a number of people: pass `headcount` to `decideJoin` only when it did, so "报名" from
 * someone signed up for 3 does not shrink their party to 1. `add` (a bare "+N"): N more people on
 * top of the sender's current party, or N in all for someone not yet signed up.
 */
export type SignupIntent = { intent: "join"; headcount: number; explicit: boolean; add?: true } | { intent: "cancel" };

// Cancel phrases are tried first: several contain a join word ("不参加", "取消报名", "我来不了").
const CANCEL = [
  /取消/g, /不去/g, /去不了/g, /来不了/g, /不来/g, /不参加/g, /参加不了/g, /不报名/g, /退出/g,
  /没法[去来]/g, /不能[去来]/g, /不能参加/g, /不算我/g,
  /\bcancel(?:led|ling)?\b/g, /\bwithdraw\b/g, /\bcount (?:me|us) out\b/g, /\b(?:i'?m|i am|we'?re|we are) out\b/g,
  /\b(?:can'?t|cannot|can not|won'?t|will not|unable to|not able to) (?:make it|come|join|attend|go)\b/g,
  /\bnot (?:coming|going|joining|attending)\b/g, /\bdrop(?:ping)? out\b/g,
];
// "+N" is handled on its own (see headcount()); "me too" is a plain "count me".
const JOIN = [
  /报名/g, /参加/g, /我来(?!自)/g, /我也来/g, /算我一个/g, /算上我/g, /算我/g,
  /\bjoin(?:ing)?\b/g, /\bcount (?:me|us) in\b/g, /\b(?:i'?m|i am|we'?re|we are) in\b/g,
  /\bsign (?:me|us) up\b/g, /\b(?:i'?ll|i will|we'?ll|we will) (?:come|be there)\b/g, /\b(?:i'?m|we'?re) coming\b/g,
];
// A plain "count me": does not turn "+N" into companions ("me too +1" is one person).
const WEAK_JOIN = [/\bme too\b/g, /我也是/g, /同上/g];
const QUESTION = /[?吗么哪谁啥问几咋]|多少|是否|如何|怎样|能不能|可不可以|是不是|要不要|有没有|\b(?:how|what|when|where|why|which|who|can i|could i|do i|do we|does|is it|is there|should i)\b/;

// Talk about sign-ups rather than a sign-up: reminders to others, deadlines, the event itself.
const NOT_A_REPLY = /记得|别忘|提醒|通知|截止|活动取消|改期|延期|\b(?:remember|don'?t forget|deadline|reminder|event (?:is |was )?cancell?ed)\b/;

const NUM = "(\\d+|[一二两三四五六七八九十]+|one|two|three|four|five|six|seven|eight|nine|ten)";
const unitZh = "\\s*(?:个人|口人|个|位|人|名|口)";
// "+N": after a join word, N companions (total 1 + N); alone or with "me too", N people in all.
const PLUS = [new RegExp(`\\+\\s*${NUM}`, "g")];
// Extra people besides the sender: total = 1 + N.
const COMPANIONS = [
  new RegExp(`(?:带|加|和|跟|还有|另外|外加)\\s*${NUM}(?:${unitZh})?(?:朋友|家人|孩子|小孩|老人|邻居)?`, "g"),
  new RegExp(`\\b(?:with|and|plus|bringing|bring)\\s+${NUM}\\s+(?:friends?|others?|guests?|more|kids?|children|family members?|neighbou?rs?|people|persons?)\\b`, "g"),
];
// The whole party: total = N.
const TOTALS = [
  new RegExp(`${NUM}${unitZh}`, "g"),
  new RegExp(`\\b${NUM}\\s+(?:people|persons?|of us|adults|heads)\\b`, "g"),
  new RegExp(`\\b(?:we are|we're|were|party of)\\s+${NUM}\\b`, "g"),
];
const PAIR: Array<[string, number]> = [["俩", 2], ["仨", 3]];

// Words that may surround a sign-up without changing its meaning; CJK ones are removed as substrings.
const FILLER_ZH = /我们|咱们|一家|全家|好的|可以|没问题|一起|一下|谢谢|感谢|一定|准时|还是|这次|明天|今天|周末|上午|下午|早上|晚上|对不起|抱歉|不好意思|临时|有事|活动|朋友|家人|孩子|小孩|已经|我|咱|也|要|想|了|吧|啊|呀|哈|哦|嗯|的|好|都|会|就|先|啦|人|个|位|名|家|哎|呢|嘛|滴|去|来|下|次|呗/g;
const FILLER_EN = new Set(
  ("i i'll ill i'd we we'll me my us our too also please pls plz yes yeah yep ok okay sure count in with and plus " +
    "friend friends people person persons guest guests kid kids child children family wife husband the a an for it " +
    "this time will would like to sign up signup register be there sorry today tomorrow event thanks thank you " +
    "more of other others hi hello hey count all both so sadly unfortunately after afraid").split(" "),
);
const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const EN_NUMS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** "3", "两", "十二", "three" → number; undefined when not a number. */
function toNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const en = EN_NUMS.indexOf(s);
  if (en >= 0) return en;
  const ten = s.indexOf("十");
  if (ten < 0) return s.length === 1 ? ZH_DIGITS[s] : undefined;
  const tens = ten === 0 ? 1 : ZH_DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : ZH_DIGITS[s.slice(ten + 1)];
  return tens === undefined || ones === undefined || s.length > 3 ? undefined : tens * 10 + ones;
}

/** Replaces every match of the patterns by a space; reports the numbers captured and whether any matched. */
function strip(text: string, patterns: readonly RegExp[]): { rest: string; hit: boolean; numbers: number[] } {
  const numbers: number[] = [];
  let hit = false;
  let rest = text;
  for (const re of patterns) {
    rest = rest.replace(re, (_m, n?: string) => {
      hit = true;
      const v = n === undefined ? undefined : toNumber(n);
      if (v !== undefined) numbers.push(v);
      return " ";
    });
  }
  return { rest, hit, numbers };
}

/** True when, fillers aside, at most a few unknown words remain and no unexplained number. */
function isClean(rest: string): boolean {
  const words = rest.replace(FILLER_ZH, " ").split(/[^\p{L}\p{N}']+/u).filter((w) => /[\p{L}\p{N}]/u.test(w) && !FILLER_EN.has(w));
  if (words.some((w) => /\p{N}/u.test(w))) return false;
  const weight = words.reduce((n, w) => n + (/\p{Script=Han}/u.test(w) ? w.length : 1), 0);
  return weight <= 3;
}

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[‘’`´]/g, "'").replace(/\s+/g, " ").trim();
}

// not capped at MAX_HEADCOUNT here: "报名100人" must reach decideJoin, which answers "too many, at
// most N" instead of quietly signing up 10; only absurd numbers are cut (they are refused the same)
const clamp = (n: number) => Math.min(MAX_HEADCOUNT * 100, Math.max(1, n));

/**
 * Reads a text reply to a reminder. Join: "报名", "参加", "我来", "算我一个", "join", "count me in",
 * "I'm in", "+1", "me too". Headcount is the whole party: "报名3人", "我们两个人参加" = that many;
 * companions add to the sender: "报名 +2", "join with 2 friends", "count me in +1", "带两个朋友" =
 * 1 + N; a bare "+N" adds N people (`add`: "+1" is the chat habit for "me", and from someone
 * already signed up for 3, one more). Not capped at the most one
 * sign-up may bring (MAX_HEADCOUNT): the decision says so, so the volunteer can correct it.
 * Cancel: "取消", "不去了", "去不了", "来不了", "cancel", "can't make it", "withdraw"… (checked first,
 * so "不参加了" cancels). Questions (any "?"/"？", 吗, 什么, 怎么, how, what…), texts with more than a
 * few other words, or with a number that is not understood, give undefined: ask, do not guess.
 */
export function parseSignupText(text: string): SignupIntent | undefined {
  const t = normalize(text);
  if (t === "" || t.length > 60 || QUESTION.test(t) || NOT_A_REPLY.test(t)) return undefined;
  const cancel = strip(t, CANCEL);
  if (cancel.hit) return isClean(strip(cancel.rest, JOIN).rest) ? { intent: "cancel" } : undefined;
  const strong = strip(t, JOIN);
  const weak = strip(strong.rest, WEAK_JOIN);
  const plus = strip(weak.rest, PLUS);
  const companions = strip(plus.rest, COMPANIONS);
  const totals = strip(companions.rest, TOTALS);
  const pairs = PAIR.filter(([w]) => totals.rest.includes(w)).map(([, n]) => n);
  const rest = PAIR.reduce((s, [w]) => s.replaceAll(w, " "), totals.rest);
  if (!(strong.hit || weak.hit || plus.hit) || !isClean(rest)) return undefined;
  const counts = [...plus.numbers, ...companions.numbers, ...totals.numbers, ...pairs];
  if (counts.length > 1) return undefined; // "3人 +2": which one is meant? ask
  const extra = plus.numbers[0] ?? companions.numbers[0];
  const n = counts[0];
  if (n === undefined) return { intent: "join", headcount: 1, explicit: false };
  // a bare "+N" (or "me too +N") adds N to the party (N in all for a newcomer); after a join word it counts companions
  if (plus.hit && !strong.hit) return { intent: "join", headcount: clamp(n), explicit: true, add: true };
  const total = extra === undefined ? n : 1 + n;
  return { intent: "join", headcount: clamp(total), explicit: true };
}
