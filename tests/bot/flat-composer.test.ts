import { Api, Composer, Context, type NextFunction } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { FlatComposer } from "../../src/bot/flat-composer.js";
import { callbackQuery, command, makeUser, privateMessage, type UpdateInput } from "../../tools/fake-bot-api/index.js";

const me = { id: 42, is_bot: true, first_name: "Bot", username: "Test_Bot" } as UserFromGetMe;
const user = makeUser(7);
const sent = { message_id: 1, date: 0, chat: { id: 7, type: "private", first_name: "x" }, from: me, text: "r" } as never;

type Kind = typeof Composer;

/**
 * One pipeline exercising what the bot uses of a composer, built with either class. Every step
 * writes to `trace`, so the two runs can be compared step for step.
 */
function pipeline(K: Kind, trace: string[]): Composer<Context> {
  const root = new K<Context>();
  const log = (what: string) => (ctx: Context, next: NextFunction) => (trace.push(what), next());
  root.use(log("first"));
  const guarded = root.errorBoundary((err, next) => {
    trace.push(`caught: ${err.error instanceof Error ? err.error.message : String(err.error)}`);
    return (err.ctx.msg?.text ?? "").includes("continue") ? next() : undefined;
  });
  const feature = new K<Context>();
  feature.command("ping", (ctx) => void trace.push(`ping match=${JSON.stringify(ctx.match)}`));
  feature.command(["a", "b"], log("a|b"), (ctx) => void trace.push(`a|b then match=${JSON.stringify(ctx.match)}`));
  feature.callbackQuery(/^x:(\d+)$/, (ctx) => void trace.push(`button ${ctx.match[1]}`));
  feature.on("message:text", async (ctx, next) => {
    trace.push("text seen");
    if (ctx.message.text === "sync throw") throw new Error("sync boom");
    if (ctx.message.text.startsWith("async throw")) {
      await Promise.resolve();
      throw new Error("async boom");
    }
    if (ctx.message.text.startsWith("twice")) {
      await next();
      await next();
      return;
    }
    await next();
  });
  feature.filter(async (ctx) => ctx.msg?.text === "async predicate", (ctx) => void trace.push(`async predicate ${ctx.msg?.text}`));
  feature.drop((ctx) => ctx.msg?.text !== "dropped not", log("drop passed"));
  feature.branch((ctx) => (ctx.msg?.text ?? "").length > 5, log("long"), log("short"));
  // a sync handler returning a value, and one that stops the chain
  feature.hears("stop here", (ctx) => void trace.push(`stopped at ${ctx.match}`));
  feature.use((_ctx, next) => (trace.push("sync next"), next()));
  guarded.use(feature);
  // added after the feature was installed: still runs
  feature.use(log("late in feature"));
  // chaining on the composer a filter returns
  guarded.command("chain").use(log("chain 1")).use((ctx) => void trace.push(`chain 2 match=${JSON.stringify(ctx.match)}`));
  guarded.use(log("after feature"));
  root.use(log("after boundary"));
  return root;
}

async function runBoth(input: UpdateInput): Promise<{ grammy: string[]; flat: string[] }> {
  const out = { grammy: [] as string[], flat: [] as string[] };
  for (const [name, K] of [["grammy", Composer], ["flat", FlatComposer]] as const) {
    const trace = out[name];
    const ctx = new Context({ update_id: 1, ...input } as Update, new Api("123:TEST"), me);
    const mw = pipeline(K, trace).middleware();
    try {
      await mw(ctx, async () => void trace.push("outer next"));
      trace.push("resolved");
    } catch (err) {
      trace.push(`rejected: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return out;
}

const cases: [string, UpdateInput][] = [
  ["a command with arguments", command(user, "/ping", "  hello  world")],
  ["a command addressed to the bot", command(user, "/ping@test_bot", "x")],
  ["a command addressed to another bot", command(user, "/ping@other_bot", "x")],
  ["a command in a list, two handlers", command(user, "/b", "arg")],
  ["an unknown command", command(user, "/nope")],
  ["a command addressed to the bot in another case", command(user, "/ping@test_BOT", "  x")],
  ["a command of a list addressed to the bot", command(user, "/a@test_bot")],
  ["a command in capitals", command(user, "/PING", "x")],
  ["a command without arguments", command(user, "/ping")],
  ["a command's name as plain text, no entity", privateMessage(user, "/ping x")],
  ["a command entity not at the start", { message: { ...command(user, "/ping").message!, text: "/pingpong /ping", entities: [{ type: "bot_command", offset: 0, length: 9 }, { type: "bot_command", offset: 10, length: 5 }] } }],
  ["bold text before the command entity at the start", { message: { ...command(user, "/ping", "y").message!, entities: [{ type: "bold", offset: 0, length: 5 }, { type: "bot_command", offset: 0, length: 5 }] } }],
  ["a command in a channel post", { channel_post: { ...command(user, "/ping", "c").message!, chat: { id: -100, type: "channel", title: "C" } } }],
  ["a command in a photo's caption", { message: { message_id: 5, date: 0, chat: { id: 7, type: "private", first_name: "x" }, from: user, photo: [], caption: "/ping x", caption_entities: [{ type: "bot_command", offset: 0, length: 5 }] } }],
  ["a chained composer", command(user, "/chain", "c")],
  ["plain text, short", privateMessage(user, "hi")],
  ["plain text, long", privateMessage(user, "a longer text")],
  ["an async predicate", privateMessage(user, "async predicate")],
  ["drop() not dropping", privateMessage(user, "dropped not")],
  ["hears stopping the chain", privateMessage(user, "stop here")],
  ["a synchronous throw, caught by the boundary", privateMessage(user, "sync throw")],
  ["an asynchronous throw, caught, then next()", privateMessage(user, "async throw continue")],
  ["next called twice", privateMessage(user, "twice")],
  ["a matching button", callbackQuery(user, "x:12", sent)],
  ["another button", callbackQuery(user, "y:12", sent)],
];

describe("FlatComposer runs a pipeline exactly as grammY's Composer does", () => {
  for (const [name, input] of cases) {
    it(name, async () => {
      const { grammy, flat } = await runBoth(input);
      expect(flat).toEqual(grammy);
      expect(flat.length).toBeGreaterThan(1);
    });
  }

  it("reports `next` called twice as grammY does", async () => {
    const { flat } = await runBoth(privateMessage(user, "twice"));
    expect(flat).toContain("caught: `next` already called before!");
  });

  it("turns a synchronous throw outside any boundary into a rejection", async () => {
    const c = new FlatComposer<Context>();
    c.use(() => {
      throw new Error("outside");
    });
    const ctx = new Context({ update_id: 1, ...privateMessage(user, "x") } as Update, new Api("123:TEST"), me);
    const result = c.middleware()(ctx, () => Promise.resolve());
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow("outside");
  });

  it("steps over handlers that do not apply without calling them", async () => {
    const c = new FlatComposer<Context>();
    let called = 0;
    for (let i = 0; i < 50; i++) c.command(`c${i}`, () => void called++);
    let reached = false;
    const ctx = new Context({ update_id: 1, ...command(user, "/progress") } as Update, new Api("123:TEST"), me);
    await c.middleware()(ctx, async () => void (reached = true));
    expect(called).toBe(0);
    expect(reached).toBe(true);
  });
});

/**
 * FlatComposer relies on one fact of grammY's Composer that its types do not promise: every
 * filtering method (command, on, hears, callbackQuery, …) is built on `this.filter`, and nothing
 * else but use/filter/branch/errorBoundary adds middleware. grammY is pinned exactly in
 * package.json; these tests fail when an upgrade changes either fact, before the bot misroutes.
 */
describe("the grammY internals FlatComposer relies on", () => {
  class Counting extends Composer<Context> {
    filters = 0;
    override filter(...args: Parameters<Composer<Context>["filter"]>): Composer<Context> {
      this.filters++;
      return super.filter(...args);
    }
  }
  const noop = () => undefined;
  const viaFilter: [string, (c: Composer<Context>) => unknown][] = [
    ["command", (c) => c.command("x", noop)],
    ["on", (c) => c.on("message:text", noop)],
    ["hears", (c) => c.hears(/x/, noop)],
    ["callbackQuery", (c) => c.callbackQuery("x", noop)],
    ["inlineQuery", (c) => c.inlineQuery("x", noop)],
    ["chatType", (c) => c.chatType("private", noop)],
    ["reaction", (c) => c.reaction("👍", noop)],
    ["gameQuery", (c) => c.gameQuery("x", noop)],
    ["chosenInlineResult", (c) => c.chosenInlineResult("x", noop)],
    ["preCheckoutQuery", (c) => c.preCheckoutQuery("x", noop)],
    ["shippingQuery", (c) => c.shippingQuery("x", noop)],
    ["drop", (c) => c.drop(() => false, noop)],
  ];
  it.each(viaFilter)("%s is built on this.filter", (_name, add) => {
    const c = new Counting();
    add(c);
    expect(c.filters).toBe(1);
  });

  it("adds no middleware-adding method FlatComposer does not know", () => {
    const known = new Set([
      "constructor", "middleware", "use", "on", "hears", "command", "reaction", "chatType", "callbackQuery", "gameQuery", "inlineQuery",
      "chosenInlineResult", "preCheckoutQuery", "shippingQuery", "filter", "drop", "fork", "lazy", "route", "branch", "errorBoundary",
    ]);
    expect(Object.getOwnPropertyNames(Composer.prototype).filter((n) => !known.has(n))).toEqual([]);
  });
});
