import type { ChatCommunitiesRepo } from "../../store/chat-communities-repo.js";

export interface BindingCacheOptions {
  /** most chats remembered (the least recently used are dropped first); default 10,000 */
  max?: number;
  /**
   * how long a remembered answer is trusted (default 30 s): another instance may rebind a chat,
   * and this one follows within this time
   */
  ttlMs?: number;
  /** milliseconds (default Date.now) */
  now?: () => number;
}

/**
 * The chats' communities with a bounded memory in front: most updates come from chats seen a moment
 * ago, so their community is found without a query. Unbound chats are remembered too (as unbound).
 * A binding made or removed here updates the memory at once.
 */
export function createBindingCache(repo: ChatCommunitiesRepo, o: BindingCacheOptions = {}): ChatCommunitiesRepo {
  const max = Math.max(1, o.max ?? 10_000);
  const ttlMs = o.ttlMs ?? 30_000;
  const now = o.now ?? Date.now;
  // a Map keeps insertion order: re-inserting on use makes its first key the least recently used
  const known = new Map<number, { community: string | undefined; at: number }>();
  const remember = (chatId: number, community: string | undefined): void => {
    known.delete(chatId);
    known.set(chatId, { community, at: now() });
    if (known.size > max) known.delete(known.keys().next().value as number);
  };
  return {
    async communityOf(chatId) {
      const hit = known.get(chatId);
      if (hit && now() - hit.at < ttlMs) {
        known.delete(chatId);
        known.set(chatId, hit);
        return hit.community;
      }
      const community = await repo.communityOf(chatId);
      remember(chatId, community);
      return community;
    },
    async bind(chatId, community) {
      await repo.bind(chatId, community);
      remember(chatId, community);
    },
    async unbind(chatId) {
      await repo.unbind(chatId);
      remember(chatId, undefined);
    },
  };
}
