import { Context } from "grammy";

const UNSET: unique symbol = Symbol("unset");

/**
 * grammY's Context with `msg`, `chat` and `from` worked out once per update. grammY's getters walk up
 * to twenty update fields on every read, and one update reads them dozens of times (the locale, the
 * rate limit, guards, features); profiling put those walks at about 7 % of an update's CPU. The update
 * never changes while it is handled, so the first answer stays right. Installed through grammY's own
 * extension point, the bot's `ContextConstructor` option.
 */
export class MemoContext extends Context {
  #msg: Context["msg"] | typeof UNSET = UNSET;
  #chat: Context["chat"] | typeof UNSET = UNSET;
  #from: Context["from"] | typeof UNSET = UNSET;

  override get msg(): Context["msg"] {
    if (this.#msg === UNSET) this.#msg = super.msg;
    return this.#msg;
  }

  override get chat(): Context["chat"] {
    if (this.#chat === UNSET) this.#chat = super.chat;
    return this.#chat;
  }

  override get from(): Context["from"] {
    if (this.#from === UNSET) this.#from = super.from;
    return this.#from;
  }
}
