import type { Logger } from "pino";
import type { Leadership } from "./store/leadership.js";

/** Work only the leader does (the scheduler, the sender, live-count edits, setWebhook, command menus). */
export interface LeaderDuty {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface LeaderDuties {
  /** Follows the leadership from now on; starts the duties at once if this instance leads. */
  start(): Promise<void>;
  /** Stops following and stops the duties (shutdown). */
  stop(): Promise<void>;
  /** Whether the duties run now. */
  readonly running: boolean;
  /** Resolves once the changes seen so far are carried out (tests). */
  settled(): Promise<void>;
}

export interface LeaderDutiesOptions {
  readonly leadership: Leadership;
  /** started in this order, stopped in the reverse */
  readonly duties: readonly LeaderDuty[];
  readonly log: Pick<Logger, "info" | "warn" | "error">;
  /** told once the duties stopped because leadership was lost (not on `stop()`) */
  readonly onLost?: () => void;
}

/**
 * Starts the leader's duties when this instance gains leadership and stops them when it loses it.
 * Changes are carried out one after another, so a quick loss after a gain waits for the starts to
 * finish, then stops what started. The first start's errors reach `start()`'s caller (the bot does
 * not start half a leader); later ones are logged.
 */
export function createLeaderDuties(o: LeaderDutiesOptions): LeaderDuties {
  const { leadership, duties, log } = o;
  let running = false;
  let following = false;
  let unsubscribe: (() => void) | undefined;
  let chain: Promise<void> = Promise.resolve();

  const startAll = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (const duty of duties) await duty.start();
  };
  const stopAll = async (): Promise<void> => {
    if (!running) return;
    running = false;
    for (const duty of [...duties].reverse()) {
      try {
        await duty.stop();
      } catch (err) {
        log.error({ err, duty: duty.name }, "could not stop a leader's duty");
      }
    }
  };
  const follow = (leader: boolean): void => {
    chain = chain.then(async () => {
      if (!following) return;
      if (leader && !running) {
        log.info({ duties: duties.map((d) => d.name) }, "this instance leads now: starting the leader's duties");
        await startAll().catch((err: unknown) => log.error({ err }, "could not start the leader's duties"));
      } else if (!leader && running) {
        log.warn("this instance no longer leads: stopping the leader's duties");
        await stopAll();
        o.onLost?.();
      }
    });
  };

  return {
    get running() {
      return running;
    },
    async start() {
      if (following) return;
      following = true;
      unsubscribe = leadership.onChange(follow);
      const first = chain.then(() => (following && leadership.isLeader() ? startAll() : undefined));
      chain = first.catch(() => undefined);
      await first;
    },
    async stop() {
      following = false;
      unsubscribe?.();
      unsubscribe = undefined;
      chain = chain.then(stopAll);
      await chain;
    },
    settled: () => chain,
  };
}
