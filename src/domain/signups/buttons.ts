import { parseOccurrenceId } from "./events.js";

/** An inline keyboard as the Bot API takes it (a plain object, so the domain needs no grammY). */
export interface InlineKeyboardMarkup {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

/** Live numbers shown on a reminder's join button. */
export interface SignupCounts {
  /** Confirmed heads. */
  heads: number;
  /** Heads waiting (0 without a capacity). */
  waiting: number;
  capacity?: number;
}

/**
 * Button labels. Both languages at once on purpose: one reminder in a group is read by Chinese and
 * English speakers alike, and the sender builds it without knowing who will press.
 */
export const SIGNUP_JOIN_LABEL = "报名 / I'll join";
export const SIGNUP_CANCEL_LABEL = "取消 / Can't make it";

/** Telegram refuses callback data over 64 bytes. */
export const MAX_CALLBACK_BYTES = 64;

const PREFIX = "su";
const byteLength = (s: string): number => new TextEncoder().encode(s).length;

/**
 * What a sign-up button asks for. A "which one?" button answering a text such as "报名 3人" or "+1"
 * carries its number: `headcount` sets the party, `add` adds to it.
 */
export type SignupCallback = { action: "join" | "cancel"; occurrenceId: string; headcount?: number; add?: number };

/** The most a party number on a button may be (larger ones are refused by the decision anyway). */
const MAX_BUTTON_NUMBER = 9999;

/**
 * `su:j:<noticeId>:<date>` / `su:c:…`, or with a party number `su:j3:…` (3 in all) / `su:a1:…` (one
 * more): ids only, at most 3 + 5 + 1 + 32 + 1 + 10 = 52 bytes.
 */
export function signupCallbackData(action: SignupCallback["action"], occurrenceId: string, party?: { headcount: number } | { add: number }): string {
  if (action === "join" && party) {
    const [letter, n] = "add" in party ? ["a", party.add] : ["j", party.headcount];
    return `${PREFIX}:${letter}${Math.min(MAX_BUTTON_NUMBER, Math.max(1, Math.trunc(n)))}:${occurrenceId}`;
  }
  return `${PREFIX}:${action === "join" ? "j" : "c"}:${occurrenceId}`;
}

/** The join label with the live count: `报名 / I'll join · 12/20 (+3)`; no count while nobody is in and there is no capacity. */
export function joinLabel(counts?: SignupCounts): string {
  if (!counts || (counts.heads === 0 && counts.waiting === 0 && counts.capacity === undefined)) return SIGNUP_JOIN_LABEL;
  const filled = counts.capacity === undefined ? `${counts.heads}` : `${counts.heads}/${counts.capacity}`;
  const waiting = counts.waiting > 0 ? ` (+${counts.waiting})` : "";
  return `${SIGNUP_JOIN_LABEL} · ${filled}${waiting}`;
}

/**
 * The two sign-up buttons of one occurrence. With `counts`, the join label carries the live count,
 * so updating the count is an `editMessageReplyMarkup` that leaves the reminder's text untouched.
 */
export function signupKeyboard(occurrenceId: string, counts?: SignupCounts): InlineKeyboardMarkup {
  return {
    inline_keyboard: [
      [
        { text: joinLabel(counts), callback_data: signupCallbackData("join", occurrenceId) },
        { text: SIGNUP_CANCEL_LABEL, callback_data: signupCallbackData("cancel", occurrenceId) },
      ],
    ],
  };
}

/**
 * Reads sign-up button data. Anyone can forge callback data, so anything that is not exactly
 * `su:j|c:<noticeId>:<YYYY-MM-DD>` (a real date, at most 64 bytes) gives undefined. Whether the
 * notice exists and takes sign-ups is for the caller to check.
 */
export function parseSignupCallback(data: string | undefined): SignupCallback | undefined {
  if (data === undefined || byteLength(data) > MAX_CALLBACK_BYTES) return undefined;
  const m = /^su:(?:(c)|j|([ja])([1-9]\d{0,3})):([a-z0-9][a-z0-9-]{0,31}:\d{4}-\d{2}-\d{2})$/.exec(data);
  const occurrenceId = m?.[4];
  if (!m || !occurrenceId || !parseOccurrenceId(occurrenceId)) return undefined;
  if (m[1]) return { action: "cancel", occurrenceId };
  if (!m[2]) return { action: "join", occurrenceId };
  const n = Number(m[3]);
  return m[2] === "a" ? { action: "join", occurrenceId, add: n } : { action: "join", occurrenceId, headcount: n };
}

/**
 * The occurrence of a reminder's keyboard: a join and a cancel button of one same occurrence.
 * Anything else gives undefined, the "which one?" lists of a private chat included (join only or
 * cancel only, several occurrences): pressing or answering one of those is not about one reminder.
 */
export function occurrenceOfKeyboard(markup: { inline_keyboard?: ReadonlyArray<ReadonlyArray<object>> } | undefined): string | undefined {
  const found = new Map<string, Set<SignupCallback["action"]>>();
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      const data = "callback_data" in button && typeof button.callback_data === "string" ? button.callback_data : undefined;
      const parsed = parseSignupCallback(data);
      if (!parsed) continue;
      const actions = found.get(parsed.occurrenceId) ?? new Set();
      actions.add(parsed.action);
      found.set(parsed.occurrenceId, actions);
    }
  }
  const [only] = found;
  return found.size === 1 && only && only[1].size === 2 ? only[0] : undefined;
}

/** What an attendance button on the staff list asks: mark (`y`) or unmark (`n`) one user. */
export type AttendanceCallback = { attended: boolean; userId: number; occurrenceId: string };

/** `at:y|n:<user id base36>:<occurrenceId>`: at most 5 + 11 + 1 + 43 = 60 bytes for any user id. */
export function attendanceCallbackData(attended: boolean, userId: number, occurrenceId: string): string {
  return `at:${attended ? "y" : "n"}:${userId.toString(36)}:${occurrenceId}`;
}

/** Reads attendance button data; forged or malformed data gives undefined. */
export function parseAttendanceCallback(data: string | undefined): AttendanceCallback | undefined {
  if (data === undefined || byteLength(data) > MAX_CALLBACK_BYTES) return undefined;
  const m = /^at:([yn]):([0-9a-z]{1,11}):([a-z0-9][a-z0-9-]{0,31}:\d{4}-\d{2}-\d{2})$/.exec(data);
  if (!m || !m[2] || !m[3] || !parseOccurrenceId(m[3])) return undefined;
  const userId = parseInt(m[2], 36);
  if (!Number.isSafeInteger(userId) || userId <= 0) return undefined;
  return { attended: m[1] === "y", userId, occurrenceId: m[3] };
}
