import { BotError, type CommandContext, type CommandMiddleware, Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";
import { commandPredicate } from "./command-match.js";

type MaybePromise<T> = T | Promise<T>;
type MaybeArray<T> = T | T[];
type Predicate<C extends Context> = (ctx: C) => MaybePromise<boolean>;

const done: Promise<void> = Promise.resolve();

/** A `filter`/`branch` step: tested in place, so a handler that does not apply costs no call and no closure. */
class Guard<C extends Context> {
  constructor(
    readonly predicate: Predicate<C>,
    readonly yes: Sub<C>,
    /** undefined: go on with the next step */
    readonly no: Sub<C> | undefined,
  ) {}
}

/** Another FlatComposer's steps, run in place (its list is live: later additions count). */
class Sub<C extends Context> {
  constructor(readonly chain: Step<C>[]) {}
}

type Step<C extends Context> = MiddlewareFn<C> | Guard<C> | Sub<C>;

/** Where to go on once a sub-list is done: the rest of the list that holds it. */
interface Frame<C extends Context> {
  chain: Step<C>[];
  i: number;
  up: Frame<C> | undefined;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";
}

/** Calls one middleware with a `next` that goes on after `chain[i]` (once, as grammY allows). */
function call<C extends Context>(mw: MiddlewareFn<C>, chain: Step<C>[], i: number, up: Frame<C> | undefined, ctx: C, next: NextFunction): Promise<void> {
  let called = false;
  const result = mw(ctx, () => {
    if (called) return Promise.reject(new Error("`next` already called before!"));
    called = true;
    return runFrom(chain, i + 1, up, ctx, next);
  });
  if (result instanceof Promise) return result as Promise<void>;
  // a foreign thenable is awaited as grammY awaits it; anything else means done
  return isThenable(result) ? Promise.resolve(result).then(() => undefined) : done;
}

/**
 * Runs `chain[i..]`, then the rest that `up` holds, then `next`. Failed guards are stepped over and
 * sub-lists entered in this loop: only real middleware is called. Every call gets a promise back and
 * nothing throws synchronously, as with grammY's own chaining.
 */
function runFrom<C extends Context>(chain: Step<C>[], i: number, up: Frame<C> | undefined, ctx: C, next: NextFunction): Promise<void> {
  try {
    for (;;) {
      if (i >= chain.length) {
        if (up === undefined) return next();
        ({ chain, i, up } = up);
        continue;
      }
      const step = chain[i] as Step<C>;
      let sub: Sub<C> | undefined;
      if (step instanceof Guard) {
        const ok = step.predicate(ctx);
        if (ok instanceof Promise) return ok.then(afterGuard(step, chain, i, up, ctx, next));
        sub = ok ? step.yes : step.no;
        if (sub === undefined) {
          i++;
          continue;
        }
      } else if (step instanceof Sub) sub = step;
      else return call(step, chain, i, up, ctx, next);
      up = { chain, i: i + 1, up };
      chain = sub.chain;
      i = 0;
    }
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Goes on once an asynchronous predicate has answered. */
function afterGuard<C extends Context>(guard: Guard<C>, chain: Step<C>[], i: number, up: Frame<C> | undefined, ctx: C, next: NextFunction) {
  return (yes: boolean): Promise<void> => {
    const sub = yes ? guard.yes : guard.no;
    if (sub === undefined) return runFrom(chain, i + 1, up, ctx, next);
    return runFrom(sub.chain, 0, { chain, i: i + 1, up }, ctx, next);
  };
}

/**
 * A grammY `Composer` whose middleware runs as one flat list. grammY chains each `use` as two nested
 * async functions and runs every `command`/`on`/`callbackQuery` through `lazy`, which builds a new
 * Composer and awaits the predicate for every update passing by; profiling showed that walk over the
 * bot's ~35 handlers to cost more than answering the question itself. Here a handler that does not
 * apply costs its (synchronous) predicate and nothing else, and composers installed in one another
 * run in place. Order, `next` (once), `ctx.match`, `filter`/`branch` and error boundaries behave as
 * grammY's; `on`, `command`, `callbackQuery`… are grammY's own methods, which all go through `filter`.
 */
export class FlatComposer<C extends Context> extends Composer<C> {
  private readonly chain: Step<C>[];
  private readonly run: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    const chain = middleware.map((mw) => FlatComposer.step(mw));
    this.chain = chain;
    this.run = (ctx, next) => runFrom(chain, 0, undefined, ctx, next);
  }

  /** Another FlatComposer runs in place; other middleware objects are asked for their function on every call, as grammY does. */
  private static step<C extends Context>(mw: Middleware<C>): Step<C> {
    if (mw instanceof FlatComposer) return new Sub((mw as FlatComposer<C>).chain);
    return typeof mw === "function" ? mw : (ctx, next) => mw.middleware()(ctx, next);
  }

  private static steps<C extends Context>(middleware: MaybeArray<Middleware<C>>): Sub<C> {
    return new Sub([middleware].flat().map((mw) => FlatComposer.step(mw)));
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FlatComposer<C>(...middleware);
    this.chain.push(new Sub(composer.chain));
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: Predicate<C>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: Predicate<C>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FlatComposer<C>(...middleware);
    this.chain.push(new Guard(predicate, new Sub(composer.chain), undefined));
    return composer;
  }

  /** grammY's `command`, with a predicate that reads the command entity directly (see command-match.ts). */
  override command(command: MaybeArray<string>, ...middleware: Array<CommandMiddleware<C>>): Composer<CommandContext<C>> {
    return this.filter(commandPredicate(command) as unknown as (ctx: C) => ctx is CommandContext<C>, ...middleware);
  }

  override branch(predicate: Predicate<C>, trueMiddleware: MaybeArray<Middleware<C>>, falseMiddleware: MaybeArray<Middleware<C>>): Composer<C> {
    const composer = new FlatComposer<C>();
    this.chain.push(new Guard(predicate, FlatComposer.steps(trueMiddleware), FlatComposer.steps(falseMiddleware)), new Sub(composer.chain));
    return composer;
  }

  override errorBoundary(errorHandler: (error: BotError<C>, next: NextFunction) => MaybePromise<unknown>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FlatComposer<C>(...middleware);
    const bound = composer.run;
    this.chain.push(async (ctx, next) => {
      let nextCalled = false;
      // inline arrows: tsx names every function bound to a name with a defineProperty call
      try {
        await bound(ctx, () => ((nextCalled = true), done));
      } catch (err) {
        nextCalled = false;
        await errorHandler(new BotError(err, ctx), () => ((nextCalled = true), done));
      }
      if (nextCalled) await next();
    });
    return composer;
  }
}
