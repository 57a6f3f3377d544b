import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GrammyError, HttpError } from "grammy";
import { createBot } from "./bot/create-bot.js";
import { registerCommands, registerCommandsForUser } from "./bot/commands.js";
import { createI18n } from "./bot/i18n.js";
import { createPoller } from "./bot/poller.js";
import { ConfigError, parseConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { StoreFileError } from "./store/durable-file.js";
import { StoreLockedError } from "./store/lock.js";
import { openStore } from "./store/store.js";
import { seedAdmins } from "./store/users.js";

const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));
const SHUTDOWN_LIMIT_MS = 9_000;

/** The composition root: reads the environment once, wires everything, handles shutdown. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
  const log = createLogger(config.logLevel, [config.token]);
  const store = await openStore({ file: config.dbFile });
  await store.update((db) => seedAdmins(db, config.adminIds));

  const i18n = createI18n(LOCALES_DIR);
  const bot = createBot({
    token: config.token,
    apiRoot: config.apiRoot,
    i18n,
    deps: {
      store,
      log,
      now: () => new Date(),
      adminIds: config.adminIds,
      timezone: config.timezone,
      onRolesChanged: (userId) =>
        registerCommandsForUser(bot.api, store.data, userId).catch((err: unknown) => log.warn({ err }, "could not update command menu")),
    },
  });

  try {
    // not bot.init(): it retries network errors forever, and an operator needs an answer now
    const signal = AbortSignal.timeout(15_000) as unknown as Parameters<typeof bot.api.getMe>[0];
    bot.botInfo = await bot.api.getMe(signal);
  } catch (err) {
    await store.close();
    throw describeStartupError(err, config.apiRoot);
  }
  log.info({ bot: bot.botInfo.username, apiRoot: config.apiRoot, dbFile: config.dbFile }, "bot identity confirmed");
  await bot.api.deleteWebhook(); // polling and a webhook exclude each other; pending updates are kept
  await registerCommands(bot.api, store.data).catch((err: unknown) => log.warn({ err }, "could not register commands"));

  let exitCode = 0;
  const poller = createPoller({
    bot,
    store,
    log,
    allowedUpdates: ["message", "edited_message", "callback_query", "my_chat_member"],
    onFatal: (error) => {
      console.error(error.message);
      exitCode = 1;
      void shutdown("fatal");
    },
  });

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, "stopping");
      const force = setTimeout(() => {
        log.error("shutdown took too long; exiting");
        process.exit(exitCode || 1);
      }, SHUTDOWN_LIMIT_MS);
      force.unref();
      await poller.stop();
      await store.close();
      log.info("stopped");
      process.exit(exitCode);
    })();
    return stopping;
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  log.info("polling for updates");
  await poller.run();
}

/** Turns what getMe threw into one line an operator can act on. */
function describeStartupError(err: unknown, apiRoot: string): Error {
  if (err instanceof GrammyError && err.error_code === 401) {
    return new Error("Telegram rejected BOT_TOKEN (401 Unauthorized). Check the token from @BotFather (send /mybots there to see it again).");
  }
  if (err instanceof GrammyError && err.error_code === 404) {
    return new Error(`The Bot API at ${apiRoot} answered 404 for this token: the token is malformed or TELEGRAM_API_ROOT is wrong.`);
  }
  if (err instanceof GrammyError) return new Error(`The Bot API refused getMe: ${err.description}`);
  if (err instanceof HttpError) {
    const cause = err.error instanceof Error ? (err.error.cause instanceof Error ? err.error.cause.message : err.error.message) : String(err.error);
    return new Error(`Cannot reach the Telegram Bot API at ${apiRoot} (${cause}). Check the network or TELEGRAM_API_ROOT.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof StoreFileError || err instanceof StoreLockedError;
  const token = process.env.BOT_TOKEN?.trim();
  let message = known || err instanceof Error ? (err as Error).message : String(err);
  if (token) message = message.split(token).join("***"); // the token never reaches a log line
  console.error(message);
  process.exit(1);
});
