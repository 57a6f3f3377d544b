import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { TickJob } from "./tick-job.js";

export interface SchedulerOptions {
  /** run in order on every tick; each one's errors are caught and logged, the others still run */
  jobs: TickJob[];
  /** IANA zone node-cron matches the expression in (explicit, never the host's) */
  timezone: string;
  log: Logger;
  /** when to wake up; every minute by default. Waking only; what is due comes from the jobs. */
  cronExpression?: string;
  /** the clock (tests inject one) */
  now?: () => Date;
}

export interface Scheduler {
  /** Runs one tick at once (catch-up of whatever fell due while the bot was down), then starts cron. */
  start(): Promise<void>;
  /** Stops cron and waits for a running tick to finish. */
  stop(): Promise<void>;
  /** Runs every job once for `now`; resolves false (doing nothing) if a tick is still running. */
  tick(now?: Date): Promise<boolean>;
}

/**
 * The clock of the bot. node-cron only wakes it: it does not catch up missed runs and skips a run when
 * the event loop stalls, so the jobs work out what is due from the domain and the store, never from
 * "cron fired". Ticks never overlap, and no error escapes (node-cron would only print it and
 * bot.catch never sees it).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { jobs, timezone, log } = options;
  const expression = options.cronExpression ?? "* * * * *";
  const clock = options.now ?? (() => new Date());
  if (!cron.validate(expression)) throw new Error(`invalid cron expression: ${expression}`);
  let task: ScheduledTask | undefined;
  let running: Promise<void> | undefined;

  const runJobs = async (now: Date): Promise<void> => {
    for (const [index, job] of jobs.entries()) {
      try {
        await job(now);
      } catch (err) {
        log.error({ err, job: job.name || index, at: now.toISOString() }, "scheduled job failed");
      }
    }
  };

  const tick = async (now: Date = clock()): Promise<boolean> => {
    if (running) {
      log.warn({ at: now.toISOString() }, "previous tick still running; skipping this one");
      return false;
    }
    running = runJobs(now);
    try {
      await running;
    } finally {
      running = undefined;
    }
    return true;
  };

  return {
    tick,
    async start() {
      if (task) return;
      await tick();
      task = cron.schedule(
        expression,
        async () => {
          try {
            await tick();
          } catch (err) {
            log.error({ err }, "scheduler tick failed");
          }
        },
        { timezone, name: "scheduler", noOverlap: true, logger: cronLogger(log) },
      );
      log.info({ expression, timezone }, "scheduler started");
    },
    async stop() {
      const current = task;
      task = undefined;
      if (current) await current.destroy();
      if (running) await running;
    },
  };
}

/** node-cron's own warnings (missed runs, overlap) go to our log instead of the console. */
function cronLogger(log: Logger): NonNullable<Parameters<typeof cron.schedule>[2]>["logger"] {
  return {
    info: (message) => log.debug({ source: "node-cron" }, message),
    warn: (message) => log.warn({ source: "node-cron" }, message),
    error: (message, err) => log.error({ source: "node-cron", err: err ?? message }, String(message)),
    debug: (message) => log.debug({ source: "node-cron" }, String(message)),
  };
}
