import type { Logger } from "pino";
import type { App } from "./app.js";
import type { Config } from "./config.js";
import type { LeaderDuty } from "./main-leader.js";

// poll_answer: the awareness survey's answers (/survey), for polling and the webhook alike
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "poll_answer"] as const;

/** How often a PostgreSQL leader looks for broadcasts other instances put in the outbox. */
export const OUTBOX_POLL_MS = 2_000;
/** How often the leader takes the sign-up counts changed while it did not handle the change (a follower's). */
export const LIVE_COUNT_POLL_MS = 2_000;

/**
 * The leader's duties in the order they start (stopped in reverse): for each community's app (one,
 * or several sharing the bot) the command menus, the sender, live-count edits and the scheduler;
 * then, by webhook, setWebhook (once: it is the bot's). On PostgreSQL the leader also looks at each
 * outbox every OUTBOX_POLL_MS: a broadcast confirmed on another instance kicks only that instance's
 * (idle) sender. Live-count edits take, every LIVE_COUNT_POLL_MS, the counts changed by presses a
 * follower handled (or this instance before it led, e.g. replayed at start).
 */
export function leaderDuties(o: {
  app: App | readonly App[];
  config: Config;
  log: Logger;
  backend: "json" | "postgres";
}): LeaderDuty[] {
  const { config, log } = o;
  const apps: readonly App[] = Array.isArray(o.app) ? o.app : [o.app as App];
  const duties = apps.flatMap((app) => appDuties(app, log, o.backend));
  const webhook = config.webhook;
  const api = apps[0]?.bot.api;
  if (webhook && api) {
    duties.push({
      name: "setWebhook",
      start: async () => {
        await api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES, max_connections: 40 });
      },
      stop: () => undefined,
    });
  }
  return duties;
}

function appDuties(app: App, log: Logger, backend: "json" | "postgres"): LeaderDuty[] {
  let liveTimer: NodeJS.Timeout | undefined;
  const duties: LeaderDuty[] = [
    { name: "command menus", start: () => app.menus.registerAll().catch((err: unknown) => log.warn({ err }, "could not register commands")), stop: () => undefined },
    { name: "sender", start: () => app.sender.start(), stop: () => app.sender.stop() },
    {
      name: "live-count edits",
      start: () => {
        liveTimer = setInterval(() => void app.liveCounts.poll().catch((err: unknown) => log.warn({ err }, "could not take changed sign-up counts")), LIVE_COUNT_POLL_MS);
        liveTimer.unref();
      },
      stop: () => {
        clearInterval(liveTimer);
        app.stopFeatures();
      },
    },
    { name: "scheduler", start: () => app.scheduler.start(), stop: () => app.scheduler.stop() },
  ];
  if (backend === "postgres") {
    let timer: NodeJS.Timeout | undefined;
    duties.push({
      name: "outbox poll",
      start: () => {
        timer = setInterval(() => app.sender.kick(), OUTBOX_POLL_MS);
        timer.unref();
      },
      stop: () => clearInterval(timer),
    });
  }
  return duties;
}

/**
 * Only a leader's sender takes broadcasts up: one confirmed on a follower waits in the outbox for the
 * leader's. Likewise live counts: a follower marks a changed count for the leader's editor.
 */
export function kickWhileLeading(app: Pick<App, "outbox" | "sender" | "liveCounts">, leading: () => boolean): void {
  app.liveCounts.followLeader(leading);
  app.outbox.onEnqueued = () => {
    if (leading()) app.sender.kick();
  };
}
