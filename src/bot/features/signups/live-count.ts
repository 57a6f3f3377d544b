import type { Api } from "grammy";
import { signupKeyboard } from "../../../domain/signups/buttons.js";
import type { SignupRepo } from "../../../store/signup-repo.js";

/** A message showing an occurrence's sign-up buttons. */
export interface LiveMessage {
  chatId: number;
  messageId: number;
}

/**
 * Keeps the count on reminders' join buttons current ("报名 / I'll join · 12/20"). Only the
 * keyboard is edited (`editMessageReplyMarkup`), so the reminder's text is never rebuilt.
 *
 * Telegram allows about 20 edits a minute in a group, so edits are throttled per chat (not only per
 * message: a group holds the eve and the morning reminder): at most one edit per `intervalMs`.
 * Changes in between are coalesced, and the trailing edit reads the count when it runs, so the
 * final count is always shown. An unchanged keyboard is not sent again; "message is not modified"
 * and vanished messages are ignored; a 429 waits `retry_after`. Across all chats, edits are also
 * spaced (`globalGapMs`, 100 ms: at most 10 a second), so a burst cannot crowd out broadcasts; and
 * with a `gate` (the sender's rate limit) every edit also counts against the limits broadcasts use,
 * so both together stay within Telegram's ~30 a second and 20 a minute per group.
 */
export interface LiveCounter {
  /** The count of an occurrence changed: refresh its recorded reminders and the `extra` messages. */
  touch(api: Api, occurrenceId: string, extra?: readonly LiveMessage[]): void;
  /**
   * A reminder was just delivered into a group with `markup` (no count: a count frozen at sending
   * would go stale): shows the current count on it, unless that is what it already shows.
   */
  sent(api: Api, occurrenceId: string, message: LiveMessage, markup: object): void;
  /** Resolves once nothing is pending (tests, shutdown). */
  idle(): Promise<void>;
  /** Drops pending edits and timers. */
  stop(): void;
}

interface ChatState {
  api: Api;
  /** messageId → occurrenceId, oldest first */
  dirty: Map<number, string>;
  nextAt: number;
  timer?: NodeJS.Timeout;
  running: boolean;
}

const MAX_REMEMBERED = 5000;

type ApiSignal = NonNullable<Parameters<Api["editMessageReplyMarkup"]>[3]>;

/** Runs one Bot API call to a chat when a shared rate limit allows (Sender.limited). */
export type RateGate = <T>(chatId: number, call: (signal: ApiSignal) => Promise<T>) => Promise<T>;

const ungated: RateGate = (_chatId, call) => call(undefined as unknown as ApiSignal);

export function createLiveCounter(options: {
  repo: Pick<SignupRepo, "counts" | "liveMessages">;
  intervalMs?: number;
  globalGapMs?: number;
  /** the sender's rate limit; without one, edits are limited only by the spacing above */
  gate?: RateGate;
  onError?: (err: unknown) => void;
}): LiveCounter {
  const { repo } = options;
  const gate = options.gate ?? ungated;
  const interval = options.intervalMs ?? 4000;
  const globalGap = options.globalGapMs ?? Math.min(100, interval);
  // the earliest moment any chat may edit next
  let globalNextAt = 0;
  const chats = new Map<number, ChatState>();
  // what each message shows now, so an unchanged count costs no call
  const shown = new Map<string, string>();
  // set by stop(): an edit in flight then must not schedule the next one (the store may be closing)
  let stopped = false;
  // recorded live messages being read for a touch: idle() waits for them too
  const reading = new Set<Promise<void>>();

  const remember = (key: string, value: string) => {
    shown.delete(key);
    shown.set(key, value);
    if (shown.size > MAX_REMEMBERED) shown.delete(shown.keys().next().value as string);
  };

  const schedule = (chatId: number, state: ChatState) => {
    if (stopped || state.running || state.timer || state.dirty.size === 0) return;
    state.timer = setTimeout(() => void run(chatId, state), Math.max(0, state.nextAt - Date.now()));
    state.timer.unref?.();
  };

  const run = async (chatId: number, state: ChatState) => {
    state.timer = undefined;
    const now = Date.now();
    if (globalNextAt > now) {
      // another chat holds this slot: come back at the next free one
      state.nextAt = Math.max(state.nextAt, globalNextAt);
      schedule(chatId, state);
      return;
    }
    globalNextAt = now + globalGap;
    state.running = true;
    try {
      for (const [messageId, occurrenceId] of state.dirty) {
        state.dirty.delete(messageId);
        const c = await repo.counts(occurrenceId);
        const markup = signupKeyboard(occurrenceId, { heads: c.heads, waiting: c.waiting, ...(c.capacity === undefined ? {} : { capacity: c.capacity }) });
        const key = `${chatId}:${messageId}`;
        const text = JSON.stringify(markup);
        if (shown.get(key) === text) continue;
        try {
          await gate(chatId, (signal) => state.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: markup }, signal));
          remember(key, text);
          state.nextAt = Date.now() + interval;
        } catch (err) {
          const e = err as { error_code?: number; description?: string; parameters?: { retry_after?: number } };
          if (e.error_code === 429) {
            state.dirty.set(messageId, occurrenceId);
            state.nextAt = Date.now() + (e.parameters?.retry_after ?? 5) * 1000;
          } else if (e.description?.includes("message is not modified")) {
            remember(key, text);
          } else if (e.error_code !== 400 && e.error_code !== 403) {
            options.onError?.(err);
          }
        }
        break; // one edit per turn: the next waits for the interval
      }
    } finally {
      state.running = false;
      // the state (and its nextAt) stays while an interval runs, so a new change cannot edit early
      if (state.dirty.size === 0 && state.nextAt <= Date.now()) chats.delete(chatId);
      else schedule(chatId, state);
    }
  };

  const mark = (api: Api, occurrenceId: string, messages: readonly LiveMessage[]) => {
    if (stopped) return;
    for (const m of messages) {
      let state = chats.get(m.chatId);
      if (!state) {
        state = { api, dirty: new Map(), nextAt: 0, running: false };
        chats.set(m.chatId, state);
      }
      state.api = api;
      state.dirty.set(m.messageId, occurrenceId);
      schedule(m.chatId, state);
    }
  };

  return {
    touch(api, occurrenceId, extra = []) {
      const read: Promise<void> = repo
        .liveMessages(occurrenceId)
        .then((recorded) => mark(api, occurrenceId, [...recorded, ...extra]), options.onError)
        .finally(() => reading.delete(read));
      reading.add(read);
    },
    sent(api, occurrenceId, message, markup) {
      remember(`${message.chatId}:${message.messageId}`, JSON.stringify(markup));
      mark(api, occurrenceId, [message]);
    },
    async idle() {
      while (!stopped && (reading.size > 0 || [...chats.values()].some((s) => s.running || s.timer || s.dirty.size > 0))) await new Promise((r) => setTimeout(r, 5));
    },
    stop() {
      stopped = true;
      for (const s of chats.values()) clearTimeout(s.timer);
      chats.clear();
    },
  };
}
