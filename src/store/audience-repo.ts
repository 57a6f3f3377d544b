import type { Locale } from "../domain/translate.js";
import { recipientsIn } from "./compounds-repo.js";
import { chatLocaleIn } from "./locales.js";
import type { Store } from "./engine/store.js";
import { staffIds } from "./users.js";

/** Who the scheduler's broadcasts go to, as it enqueues them. */
export interface AudienceRepo {
  /**
   * The chat ids that receive notices: subscribed and not blocked; with `to`, only the chats of
   * those compounds (a chat that chose none gets only notices meant for all; see `inAudience`).
   */
  subscribers(to?: readonly string[]): Promise<readonly number[]>;
  /** Every staff member and admin (user ids, their private chats). */
  staff(): Promise<readonly number[]>;
  /** The language a person reads outside any update (the locale service's rule, `chatLocaleIn`). */
  languageOf(userId: number): Promise<Locale>;
}

/** The audience over the JSON store. */
export function createAudienceRepo(store: Store): AudienceRepo {
  return {
    subscribers: (to) => Promise.resolve(recipientsIn(store.data, to)),
    staff: () => Promise.resolve(staffIds(store.data)),
    languageOf: (userId) => Promise.resolve(chatLocaleIn(store.data, userId)),
  };
}
