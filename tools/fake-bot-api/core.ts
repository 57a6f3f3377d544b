/**
 * The Bot API behaviour shared by the HTTP server and the in-process recording transformer:
 * validate, flood control, injected faults, then a plausible result; every call is recorded.
 */
import type { Message, Update, UserFromGetMe } from "grammy/types";
import { createFaults, errors, type ApiReply, type Behaviour, type DROP, type Faults } from "./faults.js";
import { createFileRegistry } from "./files.js";
import { createMessageStore, type MessageStore } from "./message-store.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { results, type BotState } from "./results.js";
import { createValidator, type Validator } from "./validate.js";

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Date.now() when the call arrived */
  at: number;
  /** what was answered; `{ drop: true }` when the connection was dropped */
  response: ApiReply | typeof DROP;
}

export interface CoreOptions {
  botInfo?: Partial<UserFromGetMe>;
  behaviour?: Behaviour;
  rateLimit?: RateLimitOptions;
  /** oldest messages per chat are forgotten beyond this (default 2000) */
  maxMessagesPerChat?: number;
  /** oldest recorded calls are forgotten beyond this (default 200,000), so long benchmarks stay bounded */
  maxCalls?: number;
  validator?: Validator;
  now?: () => number;
}

export interface BotApiCore extends Omit<Faults, "pick" | "behaviour"> {
  readonly botInfo: UserFromGetMe;
  readonly calls: RecordedCall[];
  readonly store: MessageStore;
  readonly state: BotState;
  readonly validator: Validator;
  behaviour: Behaviour | undefined;
  /** Handles one call and records it. */
  handle(method: string, params: Record<string, unknown>): ApiReply | typeof DROP;
  record(call: RecordedCall): void;
  /** The injected fault for a call, if any (for calls the core does not answer itself: getUpdates). */
  pickFault(method: string, params: Record<string, unknown>): ReturnType<Faults["pick"]>;
  /** Lets the store know the chats and messages in an update (ids continue from them). */
  observeUpdate(update: Update): void;
  /** Messages the bot sent and has not deleted, current version, oldest first. */
  sentMessages(chatId?: number | string): Message[];
  /** Resolves with the first call (recorded from now on, or from index `since`) matching `predicate`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs?: number, since?: number): Promise<RecordedCall>;
  clear(): void;
}

const SENDS = /^(send|edit|copy|forward)/;

export function defaultBotInfo(token: string, info: Partial<UserFromGetMe> = {}): UserFromGetMe {
  const id = Number(token.split(":")[0]) || 123;
  return {
    id, is_bot: true, first_name: "Test Bot", username: "test_bot", can_join_groups: true, can_read_all_group_messages: false,
    supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
    allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false, ...info,
  };
}

export function createBotApiCore(token: string, options: CoreOptions = {}): BotApiCore {
  const validator = options.validator ?? createValidator();
  const faults = createFaults(options.behaviour);
  const store = createMessageStore(options.maxMessagesPerChat);
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  const now = options.now ?? Date.now;
  const maxCalls = options.maxCalls ?? 200_000;
  const calls: RecordedCall[] = [];
  const waiters = new Set<(c: RecordedCall) => void>();
  const state: BotState = {
    webhookUrl: "", commands: new Map(), texts: new Map(), files: createFileRegistry(), pendingUpdates: () => 0, dropPendingUpdates: () => undefined,
  };
  const botInfo = defaultBotInfo(token, options.botInfo);

  const core: BotApiCore = {
    botInfo, calls, store, state, validator,
    get behaviour() { return faults.behaviour; },
    set behaviour(b) { faults.behaviour = b; },
    failNext: faults.failNext,
    pickFault: (method, params) => faults.pick(method, params),
    blockChat: faults.blockChat,
    unblockChat: faults.unblockChat,
    migrateChat: faults.migrateChat,
    record(call) {
      calls.push(call);
      if (calls.length > maxCalls * 1.25) calls.splice(0, calls.length - maxCalls);
      for (const w of waiters) w(call);
    },
    handle(method, params) {
      const at = now();
      const response = answer(method, params, at);
      core.record({ method, params, at, response });
      return response;
    },
    observeUpdate(update) {
      // a callback query carries the bot's own message, which the store already holds
      const m = update.message ?? update.channel_post;
      if (m) {
        store.addUserMessage(m);
        state.files.observe(m);
      }
      else if (update.callback_query?.message) store.rememberChat(update.callback_query.message.chat);
      const chat = update.my_chat_member?.chat ?? update.chat_member?.chat;
      if (chat) store.rememberChat(chat);
    },
    sentMessages: (chatId) => store.sent(chatId),
    waitForCall(predicate, timeoutMs = 5000, since) {
      if (since !== undefined) {
        const found = calls.slice(since).find(predicate);
        if (found) return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waitForCall: no matching call within ${timeoutMs} ms (${calls.length} calls recorded)`));
        }, timeoutMs);
        const check = (c: RecordedCall): void => {
          if (!predicate(c)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(c);
        };
        waiters.add(check);
      });
    },
    clear() {
      calls.length = 0;
      store.clear();
    },
  };

  function answer(method: string, params: Record<string, unknown>, at: number): ApiReply | typeof DROP {
    const checked = validator.check(method, params);
    if (!checked.ok) return checked;
    if (limiter && SENDS.test(checked.method)) {
      const retry = limiter(params.chat_id, at);
      if (retry !== undefined) return errors.tooManyRequests(retry);
    }
    const fault = faults.pick(checked.method, params);
    if (fault) return fault;
    const run = results[checked.method];
    if (run === undefined) return { ok: true, result: true };
    return run({ params, text: checked.text, markup: checked.markup, store, bot: botInfo, state, now: at });
  }
  return core;
}
