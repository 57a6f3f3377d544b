/**
 * Which community a chat belongs to, when several communities share one bot (COMMUNITY=a,b, on
 * PostgreSQL): a private chat is bound by `/start <slug>` or by choosing, a group by the first
 * `/start <slug>` sent in it. The front router (src/bot/communities/) hands each update to the
 * community its chat is bound to.
 */
export interface ChatCommunitiesRepo {
  /** The community the chat is bound to, if any. */
  communityOf(chatId: number): Promise<string | undefined>;
  /** Binds the chat to `community` (replacing another binding). */
  bind(chatId: number, community: string): Promise<void>;
  /** Forgets the chat's binding (its /forgetme). */
  unbind(chatId: number): Promise<void>;
}
