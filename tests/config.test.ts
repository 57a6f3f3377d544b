import { describe, expect, it } from "vitest";
import { communityGroupKey, databaseSecrets } from "../src/config-backend.js";
import { ConfigError, parseConfig } from "../src/config.js";

// an obviously fake token of the right shape (digits, colon, URL-safe characters); never a real one
const TOKEN = "123456789:fake-token-for-tests_only";
const parse = (env: Record<string, string | undefined>) => parseConfig({ BOT_TOKEN: TOKEN, ...env });
const failure = (env: Record<string, string | undefined>): ConfigError => {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("parseConfig accepted the environment");
};

describe("parseConfig", () => {
  it("a missing token says how to get one from @BotFather", () => {
    for (const env of [{}, { BOT_TOKEN: "" }, { BOT_TOKEN: undefined }]) {
      const err = failure(env);
      expect(err.name).toBe("ConfigError");
      expect(err.message).toContain("@BotFather");
      expect(err.message).toContain("BOT_TOKEN");
      expect(err.message).not.toContain("\n"); // one clear paragraph, not a list of zod issues
    }
  });

  it("a blank token (spaces) also says how to get one", () => {
    expect(failure({ BOT_TOKEN: "   " }).message).toContain("@BotFather");
  });

  it("a malformed token is refused without echoing it", () => {
    for (const bad of ["not-a-token", "987654", "abc:DEF", "987:has space", ":XYZ"]) {
      const err = failure({ BOT_TOKEN: bad });
      expect(err.message).toMatch(/BOT_TOKEN looks malformed/);
      expect(err.message).not.toContain(bad);
    }
  });

  it("accepts a well-formed token, trimming whitespace", () => {
    expect(parse({ BOT_TOKEN: `  ${TOKEN}\n` }).token).toBe(TOKEN);
  });

  it("has defaults for everything else", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN });
    expect(config).toEqual({
      token: TOKEN,
      apiRoot: "https://api.telegram.org",
      adminIds: [],
      districtIds: [],
      dbFile: "data/db.json",
      dataDir: "data",
      logLevel: "info",
      community: "default",
      communities: ["default"],
      delivery: { perSecond: 30, groupPerMinute: 20, concurrency: 8 },
    });
  });

  it("takes COMMUNITY_TZ as an override of the data's time zone, and refuses an unknown zone", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, COMMUNITY_TZ: "Europe/Berlin" }).timezone).toBe("Europe/Berlin");
    expect(() => parseConfig({ BOT_TOKEN: TOKEN, COMMUNITY_TZ: "Mars/Olympus" })).toThrow(/COMMUNITY_TZ/);
  });

  it("empty strings count as unset (a .env line with nothing after =)", () => {
    const config = parse({ ADMIN_IDS: "", DB_FILE: "", TELEGRAM_API_ROOT: "", LOG_LEVEL: "" });
    expect(config.adminIds).toEqual([]);
    expect(config.dbFile).toBe("data/db.json");
    expect(config.apiRoot).toBe("https://api.telegram.org");
    expect(config.logLevel).toBe("info");
  });

  it("parses ADMIN_IDS as numeric ids, tolerating spaces and stray commas", () => {
    expect(parse({ ADMIN_IDS: "1001" }).adminIds).toEqual([1001]);
    expect(parse({ ADMIN_IDS: " 1001, 2002 ,3003," }).adminIds).toEqual([1001, 2002, 3003]);
    expect(parse({ ADMIN_IDS: "5000000001" }).adminIds).toEqual([5000000001]);
  });

  it("refuses an ADMIN_IDS entry that is not a numeric id, naming it", () => {
    for (const [value, culprit] of [
      ["1001,@wangfang", "@wangfang"],
      ["abc", "abc"],
      ["-5", "-5"],
      ["12.5", "12.5"],
    ] as const) {
      const err = failure({ BOT_TOKEN: TOKEN, ADMIN_IDS: value });
      expect(err.message).toContain("ADMIN_IDS");
      expect(err.message).toContain(`"${culprit}"`);
      expect(err.message).toMatch(/numeric Telegram user id/);
    }
  });

  it("parses DISTRICT_IDS like ADMIN_IDS, and refuses a bad entry naming it", () => {
    expect(parse({ DISTRICT_IDS: " 7001, 7002," }).districtIds).toEqual([7001, 7002]);
    const err = failure({ BOT_TOKEN: TOKEN, DISTRICT_IDS: "7001,@district" });
    expect(err.message).toContain("DISTRICT_IDS");
    expect(err.message).toContain('"@district"');
  });

  it("strips trailing slashes from TELEGRAM_API_ROOT", () => {
    expect(parse({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" }).apiRoot).toBe("http://127.0.0.1:8081");
    expect(parse({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081///" }).apiRoot).toBe("http://127.0.0.1:8081");
    expect(parse({ TELEGRAM_API_ROOT: "https://tg.example.org/api" }).apiRoot).toBe("https://tg.example.org/api");
  });

  it("refuses a TELEGRAM_API_ROOT that is not a URL", () => {
    expect(failure({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "localhost 8081" }).message).toMatch(/TELEGRAM_API_ROOT.*must be a URL/);
  });

  it("checks COMMUNITY_TZ and LOG_LEVEL", () => {
    expect(parse({ COMMUNITY_TZ: "Europe/Berlin" }).timezone).toBe("Europe/Berlin");
    expect(failure({ BOT_TOKEN: TOKEN, COMMUNITY_TZ: "Mars/Olympus" }).message).toMatch(/COMMUNITY_TZ/);
    expect(parse({ LOG_LEVEL: "debug" }).logLevel).toBe("debug");
    expect(failure({ BOT_TOKEN: TOKEN, LOG_LEVEL: "loud" }).message).toMatch(/^LOG_LEVEL: /);
  });

  it("reads the delivery limits, keeping concurrency a whole number of at least 1", () => {
    const config = parse({ SEND_RATE_PER_SECOND: "10", GROUP_RATE_PER_MINUTE: "15", SEND_CONCURRENCY: "2.7" });
    expect(config.delivery).toEqual({ perSecond: 10, groupPerMinute: 15, concurrency: 2 });
    expect(parse({ SEND_CONCURRENCY: "0.5" }).delivery.concurrency).toBe(1);
    expect(failure({ BOT_TOKEN: TOKEN, SEND_RATE_PER_SECOND: "-1" }).message).toMatch(/SEND_RATE_PER_SECOND/);
    expect(failure({ BOT_TOKEN: TOKEN, SEND_RATE_PER_SECOND: "fast" }).message).toMatch(/SEND_RATE_PER_SECOND/);
  });

  it("reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY in either case; none means no proxy", () => {
    expect(parse({}).proxy).toBeUndefined();
    expect(parse({ NO_PROXY: "localhost" }).proxy).toBeUndefined();
    expect(parse({ HTTPS_PROXY: "http://127.0.0.1:7890" }).proxy).toEqual({ https: "http://127.0.0.1:7890" });
    expect(parse({ https_proxy: "http://u:p@proxy.example.org:3128", http_proxy: "http://127.0.0.1:8118", no_proxy: "127.0.0.1,localhost" }).proxy).toEqual({
      https: "http://u:p@proxy.example.org:3128",
      http: "http://127.0.0.1:8118",
      noProxy: "127.0.0.1,localhost",
    });
    // the upper-case name wins, as in curl
    expect(parse({ HTTPS_PROXY: "http://a.example:1", https_proxy: "http://b.example:2" }).proxy?.https).toBe("http://a.example:1");
  });

  it("refuses a proxy that is not an http(s) URL, naming the variable", () => {
    expect(failure({ BOT_TOKEN: TOKEN, HTTPS_PROXY: "127.0.0.1:7890" }).message).toMatch(/^HTTPS_PROXY.*URL of an HTTP proxy/);
    expect(failure({ BOT_TOKEN: TOKEN, http_proxy: "socks5://127.0.0.1:1080" }).message).toMatch(/^HTTP_PROXY/);
  });

  it("reports several problems at once, one per line", () => {
    const err = failure({ BOT_TOKEN: TOKEN, ADMIN_IDS: "x", LOG_LEVEL: "loud" });
    const lines = err.message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.startsWith("ADMIN_IDS: "))).toBe(true);
    expect(lines.some((l) => l.startsWith("LOG_LEVEL: "))).toBe(true);
  });

  describe("DATABASE_URL and COMMUNITY", () => {
    it("takes a postgres:// or postgresql:// URL (a Unix socket's too)", () => {
      for (const url of ["postgres://bot:s3cret@db.example.org:5432/office", "postgresql://localhost/office", "postgres:///office?host=/run/postgresql"]) {
        expect(parse({ DATABASE_URL: url }).databaseUrl).toBe(url);
      }
      expect(parse({}).databaseUrl).toBeUndefined();
    });

    it("refuses anything else with a clear message that never echoes the URL (it may hold a password)", () => {
      for (const bad of ["mysql://root:hunter2@db/office", "hunter2", "https://hunter2@example.org/db", "postgres:"]) {
        const err = failure({ BOT_TOKEN: TOKEN, DATABASE_URL: bad });
        expect(err.message).toMatch(/^DATABASE_URL must be a PostgreSQL URL such as postgres:\/\//);
        expect(err.message).not.toContain("hunter2");
      }
    });

    it("what the logger hides: the URL and its password, as typed and decoded", () => {
      expect(databaseSecrets("postgres://bot:p%40ss@db/office")).toEqual(["postgres://bot:p%40ss@db/office", "p%40ss", "p@ss"]);
      expect(databaseSecrets("postgres://bot:100%zz@db/office")).toContain("100%zz");
      expect(databaseSecrets(undefined)).toEqual([]);
    });

    it("takes a community slug, \"default\" unless set", () => {
      expect(parse({}).community).toBe("default");
      expect(parse({ COMMUNITY: "lianhua-2" }).community).toBe("lianhua-2");
    });

    it("takes a comma-separated list of communities sharing one bot, on PostgreSQL only", () => {
      const pg = { DATABASE_URL: "postgres://localhost/office" };
      expect(parse({ ...pg, COMMUNITY: "liuhe, gaofeng" })).toMatchObject({ community: "liuhe", communities: ["liuhe", "gaofeng"] });
      expect(parse({ COMMUNITY: "liuhe" }).communities).toEqual(["liuhe"]);
      expect(failure({ BOT_TOKEN: TOKEN, COMMUNITY: "liuhe,gaofeng" }).message).toBe(
        "COMMUNITY lists several communities: one bot serving several needs DATABASE_URL (PostgreSQL); the embedded JSON store holds one community",
      );
      expect(failure({ BOT_TOKEN: TOKEN, ...pg, COMMUNITY: "liuhe,liuhe" }).message).toBe('COMMUNITY names "liuhe" twice');
      for (const bad of ["liuhe,", "liuhe,,gaofeng", "liuhe,Gaofeng"]) {
        expect(failure({ BOT_TOKEN: TOKEN, ...pg, COMMUNITY: bad }).message).toMatch(/^COMMUNITY must be a short slug of a-z, 0-9 and - .*; ".*" is not one$/);
      }
    });

    it("a group of communities is keyed by its sorted slugs; one community by its slug", () => {
      expect(communityGroupKey(["liuhe"])).toBe("liuhe");
      expect(communityGroupKey(["liuhe", "gaofeng"])).toBe("gaofeng,liuhe");
    });

    it("refuses a community that is not a slug", () => {
      for (const bad of ["Lianhua", "lian hua", "-north", "north-", "莲花", "a/b", "x".repeat(65)]) {
        expect(failure({ BOT_TOKEN: TOKEN, COMMUNITY: bad }).message).toMatch(/^COMMUNITY must be a short slug of a-z, 0-9 and -/);
      }
    });
  });
});
