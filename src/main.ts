import { existsSync } from "node:fs";
import { databaseSecrets } from "./config-backend.js";
import { parseConfig } from "./config.js";

// Only the config is loaded before the environment is checked, so a missing token is reported at
// once; the rest of the bot (grammY, features, chart renderer) is imported after.

const SHUTDOWN_LIMIT_MS = 9_000;

/** The composition root: reads the environment once, wires everything, handles shutdown. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
  const { createApiFetch } = await import("./bot/transport/api-fetch.js");
  const { createPoller } = await import("./bot/transport/poller.js");
  const { createUpdateQueue } = await import("./bot/transport/update-queue.js");
  const { createWebhookServer, replayInbox, startInboxSweep } = await import("./bot/transport/webhook.js");
  const { createLogger } = await import("./logger.js");
  const { openBackend } = await import("./main-backend.js");
  const { ALLOWED_UPDATES, kickWhileLeading, leaderDuties } = await import("./main-duties.js");
  const { describeProxy, describeStartupError } = await import("./main-errors.js");
  const { createLeaderDuties } = await import("./main-leader.js");
  const { createUnits } = await import("./main-units.js");
  const log = createLogger(config.logLevel, [config.token, ...databaseSecrets(config.databaseUrl)]);
  const backend = await openBackend(config, log);
  const { leadership, updates } = backend;
  const transport = createApiFetch(config.proxy ? { proxy: config.proxy } : {});
  if (config.proxy) log.info({ proxy: describeProxy(config.proxy) }, "Bot API calls go through a proxy");
  if (config.delivery.paid) log.info({ perSecond: config.delivery.perSecond }, "paid broadcast on: each message sent costs 0.1 Telegram Star from the bot's balance");
  let units;
  try {
    // Telegram serves one poller per bot: on PostgreSQL, polling needs the leader lease
    const polling = config.webhook ? { ok: true as const } : await backend.pollingDecision();
    if (!polling.ok) throw new Error(polling.message);
    const demoted = await backend.seedAdmins(config.adminIds);
    if (demoted.length > 0) {
      log.warn({ userIds: demoted }, `admins no longer in ADMIN_IDS were demoted to staff: ${demoted.join(", ")} (an admin can remove them with /staff remove <id>)`);
    }
    // one app per community (several share the bot behind a router: COMMUNITY=a,b)
    units = await createUnits({ config, backend, log, fetch: transport.fetch });
    // not bot.init(): it retries network errors forever, and an operator needs an answer now
    const signal = AbortSignal.timeout(15_000) as unknown as Parameters<typeof units.entry.api.getMe>[0];
    const me = await units.entry.api.getMe(signal).catch(async (err: unknown) => {
      throw describeStartupError(err, config.apiRoot, await import("grammy"));
    });
    units.identify(me);
    log.info({ bot: me.username, apiRoot: config.apiRoot, ...backend.where }, "bot identity confirmed");
  } catch (err) {
    await backend.close();
    throw err;
  }
  const { entry: bot, apps } = units;

  let exitCode = 0;
  let stopping: Promise<void> | undefined;
  // the webhook inbox's sweep (renews this instance's claims, takes over a dead one's updates)
  let stopSweep: (() => void) | undefined;
  // only the leader sends: a follower's broadcasts wait in the outbox for the leader's sender
  const duties = createLeaderDuties({
    leadership, log, duties: leaderDuties({ app: apps, config, log, backend: backend.kind }),
    // a stopped sender does not start again: a deposed leader exits, and its restart follows
    onLost: () => {
      exitCode = 1;
      void shutdown("lost the leader lease");
    },
  });
  for (const app of apps) kickWhileLeading(app, () => duties.running);
  const queue = createUpdateQueue({ bot, updates, log });
  const poller = config.webhook
    ? undefined
    : createPoller({
        bot,
        updates,
        log,
        queue,
        allowedUpdates: ALLOWED_UPDATES,
        onFatal: (error) => {
          console.error(error.message);
          exitCode = 1;
          void shutdown("fatal");
        },
      });
  const server = config.webhook
    ? createWebhookServer({
        queue, updates, log, secret: config.webhook.secret, path: config.webhook.path,
        // a load balancer's question only: no counters (anyone reaching the port may ask); 503 once stopping
        health: () => ({ ok: stopping === undefined, leader: leadership.isLeader() }),
      })
    : undefined;

  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, "stopping");
      const force = setTimeout(() => {
        console.error("Shutdown took too long; exiting.");
        process.exit(exitCode || 1);
      }, SHUTDOWN_LIMIT_MS);
      force.unref();
      try {
        server?.close();
        stopSweep?.();
        await poller?.stop();
        await queue.drain();
        await duties.stop(); // the scheduler, live-count edits, the sender (when leading)
        await leadership.stop();
        await transport.close();
        await backend.close();
        log.info("stopped");
      } catch (err) {
        // e.g. the last write failed (disk full): say so, and exit non-zero so the operator looks
        log.error({ err }, "could not stop cleanly");
        exitCode = 1;
      }
      process.exit(exitCode);
    })();
    return stopping;
  };
  // `on`, not `once`: under systemd the whole group gets SIGTERM and npm/tsx relay it again; a second
  // signal without a listener would kill the process mid-shutdown (tsx exits 143), before the flush
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  if (config.webhook && server) {
    const { url, host, port } = config.webhook;
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
    const replayed = await replayInbox(updates, queue);
    if (replayed > 0) log.info({ replayed }, "handled updates saved before a restart");
    stopSweep = startInboxSweep({ updates, queue, log });
    await leadership.start();
    await duties.start(); // the leader also sets the webhook
    // the port actually bound: WEBHOOK_PORT=0 takes any free one (tests)
    const bound = server.address();
    log.info({ url, port: typeof bound === "object" && bound ? bound.port : port, leader: leadership.isLeader() }, "receiving updates by webhook");
    return;
  }
  await leadership.start();
  await duties.start();
  await bot.api.deleteWebhook(); // polling and a webhook exclude each other; pending updates are kept
  log.info("polling for updates");
  await poller?.run();
}

main().catch(async (err: unknown) => {
  let message = err instanceof Error ? err.message : String(err);
  // the token and the database's password never reach a log line
  const token = process.env.BOT_TOKEN?.trim();
  const { databaseSecrets } = await import("./config-backend.js");
  for (const secret of [...(token ? [token] : []), ...databaseSecrets(process.env.DATABASE_URL)]) message = message.split(secret).join("***");
  console.error(message);
  process.exit(1);
});
