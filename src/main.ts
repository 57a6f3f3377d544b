import { existsSync } from "node:fs";
import { ConfigError, parseConfig, type Config } from "./config.js";

// Only the config is loaded before the environment is checked, so a missing token is reported at
// once; the rest of the bot (grammY, features, chart renderer) is imported after.

const SHUTDOWN_LIMIT_MS = 9_000;
// poll_answer: the awareness survey's answers (/survey), for polling and the webhook alike
const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "poll_answer"] as const;

/** The composition root: reads the environment once, wires everything, handles shutdown. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
  const { createApp } = await import("./app.js");
  const { createApiFetch } = await import("./bot/transport/api-fetch.js");
  const { createPoller } = await import("./bot/transport/poller.js");
  const { createUpdateQueue } = await import("./bot/transport/update-queue.js");
  const { createWebhookServer, replayInbox } = await import("./bot/transport/webhook.js");
  const { createLogger } = await import("./logger.js");
  const { openStore } = await import("./store/engine/store.js");
  const { alwaysLeader } = await import("./store/leadership.js");
  const { createUpdatesRepo } = await import("./store/updates-repo.js");
  const { seedAdmins, unlistedAdmins } = await import("./store/users.js");
  const log = createLogger(config.logLevel, [config.token]);
  const store = await openStore({ file: config.dbFile });
  const transport = createApiFetch(config.proxy ? { proxy: config.proxy } : {});
  if (config.proxy) log.info({ proxy: describeProxy(config.proxy) }, "Bot API calls go through a proxy");
  if (config.delivery.paid) log.info({ perSecond: config.delivery.perSecond }, "paid broadcast on: each message sent costs 0.1 Telegram Star from the bot's balance");
  let app;
  try {
    const demoted = unlistedAdmins(store.data, config.adminIds);
    await store.write((db) => seedAdmins(db, config.adminIds), "durable");
    if (demoted.length > 0) {
      log.warn({ userIds: demoted }, `admins no longer in ADMIN_IDS were demoted to staff: ${demoted.join(", ")} (an admin can remove them with /staff remove <id>)`);
    }
    app = await createApp({ config, store, log, fetch: transport.fetch });
  } catch (err) {
    await store.close();
    throw err;
  }
  const { bot, sender, scheduler } = app;
  // the embedded store: this process owns it (file lock), so it always leads; PostgreSQL's lease later
  const leadership = alwaysLeader();

  try {
    // not bot.init(): it retries network errors forever, and an operator needs an answer now
    const signal = AbortSignal.timeout(15_000) as unknown as Parameters<typeof bot.api.getMe>[0];
    bot.botInfo = await bot.api.getMe(signal);
  } catch (err) {
    await store.close();
    throw describeStartupError(err, config.apiRoot, await import("grammy"));
  }
  log.info({ bot: bot.botInfo.username, apiRoot: config.apiRoot, dbFile: config.dbFile }, "bot identity confirmed");
  await app.menus.registerAll().catch((err: unknown) => log.warn({ err }, "could not register commands"));

  let exitCode = 0;
  let stopping: Promise<void> | undefined;
  const updates = createUpdatesRepo(store);
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
        await poller?.stop();
        await queue.drain();
        await scheduler.stop();
        app.stopFeatures();
        await sender.stop();
        await leadership.stop();
        await transport.close();
        await store.close();
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

  await leadership.start();
  sender.start();
  await scheduler.start();

  if (config.webhook && server) {
    const { url, host, port, secret } = config.webhook;
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
    const replayed = await replayInbox(updates, queue);
    if (replayed > 0) log.info({ replayed }, "handled updates saved before a restart");
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES, max_connections: 40 });
    // the port actually bound: WEBHOOK_PORT=0 takes any free one (tests)
    const bound = server.address();
    log.info({ url, port: typeof bound === "object" && bound ? bound.port : port }, "receiving updates by webhook");
    return;
  }
  await bot.api.deleteWebhook(); // polling and a webhook exclude each other; pending updates are kept
  log.info("polling for updates");
  await poller?.run();
}

/** The proxies' addresses for the log, without any user name or password in them. */
function describeProxy(proxy: NonNullable<Config["proxy"]>): string {
  const host = (u: string | undefined) => (u ? new URL(u).host : "none");
  return `https ${host(proxy.https)}, http ${host(proxy.http)}${proxy.noProxy ? `, not for ${proxy.noProxy}` : ""}`;
}

/** Turns what getMe threw into one line an operator can act on. */
function describeStartupError(err: unknown, apiRoot: string, grammy: typeof import("grammy")): Error {
  const { GrammyError, HttpError } = grammy;
  if (err instanceof GrammyError && err.error_code === 401) {
    return new Error("Telegram rejected BOT_TOKEN (401 Unauthorized). Check the token from @BotFather (send /mybots there to see it again).");
  }
  if (err instanceof GrammyError && err.error_code === 404) {
    return new Error(`The Bot API at ${apiRoot} answered 404 for this token: the token is malformed or TELEGRAM_API_ROOT is wrong.`);
  }
  if (err instanceof GrammyError) return new Error(`The Bot API refused getMe: ${err.description}`);
  if (err instanceof HttpError) {
    const inner = err.error;
    const cause = inner instanceof Error ? (inner.cause instanceof Error ? inner.cause.message : inner.message) : String(inner);
    return new Error(`Cannot reach the Telegram Bot API at ${apiRoot} (${cause}). Check the network or TELEGRAM_API_ROOT.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

main().catch(async (err: unknown) => {
  const { StoreFileError } = await import("./store/engine/durable-file.js");
  const { StoreLockedError } = await import("./store/engine/lock.js");
  const known = err instanceof ConfigError || err instanceof StoreFileError || err instanceof StoreLockedError;
  const token = process.env.BOT_TOKEN?.trim();
  let message = known || err instanceof Error ? (err as Error).message : String(err);
  if (token) message = message.split(token).join("***"); // the token never reaches a log line
  console.error(message);
  process.exit(1);
});
