/** Telegram-like flood control: N sends per second overall, M per minute into one group. */
export interface RateLimitOptions { perSecond: number; perGroupPerMinute?: number }

/** Returns retry_after in seconds when the call must be refused, else undefined (and counts it). */
export type RateLimiter = (chatId: unknown, now: number) => number | undefined;

export function createRateLimiter(opts: RateLimitOptions): RateLimiter {
  let second = -1;
  let count = 0;
  const groups = new Map<number, { start: number; count: number }>();
  return (chatId, now) => {
    const sec = Math.floor(now / 1000);
    if (sec !== second) { second = sec; count = 0; }
    if (count >= opts.perSecond) return 1;
    const chat = Number(chatId);
    if (opts.perGroupPerMinute !== undefined && chat < 0) {
      let w = groups.get(chat);
      if (w === undefined || now - w.start >= 60_000) groups.set(chat, (w = { start: now, count: 0 }));
      if (w.count >= opts.perGroupPerMinute) return Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
      w.count++;
    }
    count++;
    return undefined;
  };
}
