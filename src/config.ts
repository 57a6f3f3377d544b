import { createHash } from "node:crypto";
import { z } from "zod";
import { community, databaseUrl, MANY_NEED_DATABASE } from "./config-backend.js";
import type { Localized } from "./domain/translate.js";

/** Thrown for any missing or malformed setting; the message is meant for the operator. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const HOW_TO_GET_A_TOKEN =
  "BOT_TOKEN is not set. Get a token from @BotFather in Telegram (send /newbot, follow the steps, " +
  "copy the token it gives you), then put it in a .env file as BOT_TOKEN=<token> or run " +
  "`BOT_TOKEN=<token> npm start`. See .env.example.";

const ids = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const parts = (value ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const out: number[] = [];
    for (const p of parts) {
      if (!/^\d{1,15}$/.test(p)) {
        ctx.addIssue({ code: "custom", message: `"${p}" is not a numeric Telegram user id` });
        return z.NEVER;
      }
      out.push(Number(p));
    }
    return out;
  });

const ON_OFF = new Map<string, boolean>([["on", true], ["true", true], ["1", true], ["yes", true], ["off", false], ["false", false], ["0", false], ["no", false]]);

/** Paid broadcast's defaults: Telegram's 1,000 a second, and enough requests in flight to reach it. */
const PAID = { perSecond: 1000, concurrency: 100 };
const FREE = { perSecond: 30, concurrency: 8 };

const positive = (fallback: number) => z.coerce.number().positive().default(fallback);

const proxyUrl = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be the URL of an HTTP proxy, such as http://127.0.0.1:7890 or http://user:password@proxy.example.org:3128` }).optional();

const envSchema = z.object({
  BOT_TOKEN: z
    .string({ error: HOW_TO_GET_A_TOKEN })
    .trim()
    .min(1, HOW_TO_GET_A_TOKEN)
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "BOT_TOKEN looks malformed: a token from @BotFather looks like 123456789:AAE…"),
  TELEGRAM_API_ROOT: z
    .url({ error: "TELEGRAM_API_ROOT must be a URL such as https://api.telegram.org" })
    .default("https://api.telegram.org")
    .transform((u) => u.replace(/\/+$/, "")),
  ADMIN_IDS: ids,
  DISTRICT_IDS: ids,
  DB_FILE: z.string().trim().min(1).default("data/db.json"),
  DATA_DIR: z.string().trim().min(1).default("data"),
  COMMUNITY_TZ: z
    .string()
    .optional()
    .refine((tz) => tz === undefined || isTimeZone(tz), { message: "COMMUNITY_TZ must be an IANA time zone such as Asia/Shanghai" }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Telegram's own ceiling: 1,000 a second with paid broadcast, about 30 without
  SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000, "SEND_RATE_PER_SECOND: Telegram allows at most 1000 messages a second (with PAID_BROADCAST=on)").optional(),
  GROUP_RATE_PER_MINUTE: positive(20),
  SEND_CONCURRENCY: z.coerce.number().positive().optional(),
  PAID_BROADCAST: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => v === undefined || v === "" || ON_OFF.has(v), { message: "PAID_BROADCAST must be on or off" })
    .transform((v) => v !== undefined && ON_OFF.get(v) === true),
  HTTPS_PROXY: proxyUrl("HTTPS_PROXY"),
  HTTP_PROXY: proxyUrl("HTTP_PROXY"),
  NO_PROXY: z.string().optional(),
  WEBHOOK_URL: z.url({ error: "WEBHOOK_URL must be the public https URL Telegram posts updates to" }).optional(),
  WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8080), // 0: any free port (the log says which)
  WEBHOOK_HOST: z.string().default("0.0.0.0"),
  WEBHOOK_PATH: z.string().regex(/^\/[\w\-/]*$/, "WEBHOOK_PATH must start with / (e.g. /telegram)").optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "WEBHOOK_SECRET may use only A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
    .optional(),
  DATABASE_URL: databaseUrl,
  COMMUNITY: community,
});

/** The bot's settings, parsed once from the environment by `main`. */
export interface Config {
  token: string;
  apiRoot: string;
  adminIds: number[];
  /** district officials (DISTRICT_IDS): /district shows them every community's figures summed */
  districtIds: number[];
  dbFile: string;
  dataDir: string;
  /** overrides the time zone in data/notices.json (Asia/Shanghai as shipped) */
  timezone?: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /**
   * The sender's pace. `paid`: Telegram's paid broadcast (`allow_paid_broadcast`, up to 1,000
   * messages a second, 0.1 Star each, from the bot's balance); off unless PAID_BROADCAST=on.
   */
  delivery: { perSecond: number; groupPerMinute: number; concurrency: number; paid?: boolean };
  /**
   * HTTP proxies for Bot API calls, from the usual HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either
   * case): where Telegram cannot be reached directly, the calls go through the proxy for the API
   * root's scheme, unless NO_PROXY names its host.
   */
  proxy?: { https?: string; http?: string; noProxy?: string };
  /** set when updates come by webhook instead of long polling */
  webhook?: { url: string; host: string; port: number; path: string; secret: string };
  /** PostgreSQL (postgres://…) instead of the embedded JSON store; holds a password: never log it */
  databaseUrl?: string;
  /** the community this instance serves and its data files seed (a slug; "default" unless set; the first of `communities`) */
  community: string;
  /** every community this bot serves (COMMUNITY=a,b: several share one bot, on PostgreSQL only); absent: `community` alone */
  communities?: readonly string[];
  /** not from the environment: set by main-units when one bot serves several communities, the names of those with their own folder */
  communityNames?: ReadonlyMap<string, Localized>;
}

/** Parses environment variables into a Config, or throws a ConfigError that says what to fix. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  // curl and most tools also read the lower-case names
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"]) {
    const value = cleaned[name] ?? cleaned[name.toLowerCase()];
    if (value !== undefined) cleaned[name] = value;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((i) => {
      const name = i.path.length ? String(i.path[0]) : "";
      return name && !i.message.startsWith(name) ? `${name}: ${i.message}` : i.message;
    });
    // the token hint alone says it best
    const tokenIssue = parsed.error.issues.find((i) => i.path[0] === "BOT_TOKEN");
    throw new ConfigError(tokenIssue && !cleaned.BOT_TOKEN ? HOW_TO_GET_A_TOKEN : messages.join("\n"));
  }
  const e = parsed.data;
  if (e.COMMUNITY.length > 1 && !e.DATABASE_URL) throw new ConfigError(MANY_NEED_DATABASE);
  return {
    token: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    adminIds: e.ADMIN_IDS,
    districtIds: e.DISTRICT_IDS,
    dbFile: e.DB_FILE,
    dataDir: e.DATA_DIR,
    ...(e.COMMUNITY_TZ ? { timezone: e.COMMUNITY_TZ } : {}),
    logLevel: e.LOG_LEVEL,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    community: e.COMMUNITY[0] as string,
    communities: e.COMMUNITY,
    delivery: {
      perSecond: e.SEND_RATE_PER_SECOND ?? (e.PAID_BROADCAST ? PAID : FREE).perSecond,
      groupPerMinute: e.GROUP_RATE_PER_MINUTE,
      concurrency: Math.max(1, Math.floor(e.SEND_CONCURRENCY ?? (e.PAID_BROADCAST ? PAID : FREE).concurrency)),
      ...(e.PAID_BROADCAST ? { paid: true } : {}),
    },
    ...(e.HTTPS_PROXY || e.HTTP_PROXY
      ? {
          proxy: {
            ...(e.HTTPS_PROXY ? { https: e.HTTPS_PROXY } : {}),
            ...(e.HTTP_PROXY ? { http: e.HTTP_PROXY } : {}),
            ...(e.NO_PROXY ? { noProxy: e.NO_PROXY } : {}),
          },
        }
      : {}),
    ...(e.WEBHOOK_URL
      ? {
          webhook: {
            url: e.WEBHOOK_URL,
            host: e.WEBHOOK_HOST,
            port: e.WEBHOOK_PORT,
            // the path of the public URL unless given: a proxy usually forwards it unchanged
            path: e.WEBHOOK_PATH ?? (new URL(e.WEBHOOK_URL).pathname || "/"),
            // stable across restarts without another setting: derived from the token
            secret: e.WEBHOOK_SECRET ?? createHash("sha256").update(`webhook:${e.BOT_TOKEN}`).digest("hex"),
          },
        }
      : {}),
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
