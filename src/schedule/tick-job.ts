/**
 * One thing the scheduler does on every wake-up. A job asks the domain what is due at `now` and
 * enqueues it; it must be idempotent (woken twice for the same minute, it enqueues nothing new) and
 * must catch its own errors (node-cron does not report them and bot.catch never sees them).
 */
export type TickJob = (now: Date) => Promise<void>;
