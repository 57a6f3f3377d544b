/** How fast the sender may call the Bot API. */
export interface RateOptions {
  /** messages per second overall (Telegram: about 30); Infinity or 0 = no limit (benchmarks) */
  perSecond: number;
  /** messages per minute into one group or supergroup (Telegram: 20) */
  groupPerMinute: number;
  /**
   * Added to every window, so that arrival jitter (the server counts when a request arrives, we
   * count when it leaves) cannot push a window over the limit. Default 0.
   */
  marginMs?: number;
}

/**
 * A sliding-window limiter: at most `perSecond` takes in any window of 1 s (+ margin) and at most
 * `groupPerMinute` takes per group chat (negative id) in any window of 60 s (+ margin). Private
 * chats are only limited by the global window (a broadcast sends them one message each).
 * Time is given by the caller (milliseconds, monotonic), so tests can use a fake clock.
 */
export interface RateLimiter {
  /** Milliseconds until the global window has room (0 = now). */
  globalWait(now: number): number;
  /** Milliseconds until this chat has room (0 = now; always 0 for private chats). */
  chatWait(chatId: number, now: number): number;
  /** Records one call to `chatId` at `now` (call only after both waits are 0). */
  take(chatId: number, now: number): void;
}

/** A chat id Telegram rate-limits as a group (groups, supergroups and channels are negative). */
export const isGroupChat = (chatId: number): boolean => chatId < 0;

/** Creates the limiter (see RateLimiter). */
export function createRateLimiter(options: RateOptions): RateLimiter {
  const margin = options.marginMs ?? 0;
  const unlimited = !Number.isFinite(options.perSecond) || options.perSecond <= 0;
  const size = unlimited ? 0 : Math.floor(options.perSecond);
  // ring of the last `size` take times; slot `next` holds the oldest once full
  const ring = new Float64Array(size);
  let next = 0;
  let taken = 0;
  const groupLimit = Math.max(1, Math.floor(options.groupPerMinute));
  const groups = new Map<number, number[]>();

  const groupTimes = (chatId: number, now: number): number[] => {
    let times = groups.get(chatId);
    if (!times) groups.set(chatId, (times = []));
    while (times.length > 0 && (times[0] as number) + 60_000 + margin <= now) times.shift();
    return times;
  };

  return {
    globalWait(now) {
      if (unlimited || taken < size) return 0;
      return Math.max(0, (ring[next] as number) + 1000 + margin - now);
    },
    chatWait(chatId, now) {
      if (!isGroupChat(chatId)) return 0;
      const times = groupTimes(chatId, now);
      if (times.length < groupLimit) return 0;
      return Math.max(1, (times[times.length - groupLimit] as number) + 60_000 + margin - now);
    },
    take(chatId, now) {
      if (!unlimited) {
        ring[next] = now;
        next = (next + 1) % size;
        taken++;
      }
      if (isGroupChat(chatId)) {
        groupTimes(chatId, now).push(now);
        if (groups.size > 10_000) pruneGroups(groups, now - 60_000 - margin);
      }
    },
  };
}

/** Forgets groups with nothing in their window, so the map stays small over a long run. */
function pruneGroups(groups: Map<number, number[]>, before: number): void {
  for (const [id, times] of groups) {
    if (times.length === 0 || (times[times.length - 1] as number) <= before) groups.delete(id);
  }
}
