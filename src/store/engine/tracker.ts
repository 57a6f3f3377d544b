/**
 * Change tracking for the store document: inside `store.write` the document is seen through
 * proxies that note the path of every write, so a commit saves only what changed (a few hundred
 * bytes appended to the journal) instead of rewriting the whole file.
 *
 * Paths are noted, not values: a commit reads each changed path's value as it is at commit time,
 * so many changes to one object in a batch cost one entry. A path under an already changed one is
 * not noted again. Arrays: setting an element (a push) notes the element; anything that shrinks or
 * reorders an array (splice, shift, a smaller length, delete) notes the whole array.
 */

/** A key path from the document root: object keys, array indexes as numbers. */
export type Path = (string | number)[];

/** One change of a commit: `[path, value]` sets, `[path]` deletes. */
export type Op = [Path, unknown] | [Path];

export interface Tracker {
  /** Runs `fn` over a tracking view of `root`; every proxy it handed out stops working afterwards. */
  run<R>(root: object, fn: (view: never) => R): R;
  /** The changes noted since the last call, with their values now, in the order first noted. */
  take(root: object): Op[];
  /** Whether anything was noted since the last `take`. */
  readonly dirty: boolean;
}

const keyOf = (path: Path): string => path.join("\u0000");

/** Creates a tracker (one per store). */
export function createTracker(): Tracker {
  let noted = new Map<string, Path>();
  // the proxies of the running callback, revoked when it returns: a proxy kept past its callback
  // would note paths that may no longer point at the same object (array elements move)
  let revokers: (() => void)[] = [];
  const targets = new WeakMap<object, object>();

  const note = (path: Path): void => {
    if (hasNotedAncestor(noted, path)) return;
    const key = keyOf(path);
    if (!noted.has(key)) noted.set(key, path);
  };

  /** The plain object behind a proxy, and proxies inside plain values replaced by their targets. */
  const unwrap = (value: unknown, depth = 0): unknown => {
    if (value === null || typeof value !== "object") return value;
    const target = targets.get(value);
    if (target) return target;
    if (depth > 32) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const inner: unknown = value[i];
        if (inner !== null && typeof inner === "object") value[i] = unwrap(inner, depth + 1);
      }
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      const record = value as Record<string, unknown>;
      for (const k of Object.keys(record)) {
        const inner = record[k];
        if (inner !== null && typeof inner === "object") record[k] = unwrap(inner, depth + 1);
      }
    }
    return value;
  };

  const view = (target: object, path: Path): object => {
    const isArray = Array.isArray(target);
    const { proxy, revoke } = Proxy.revocable(target, {
      get(t, key, receiver) {
        const value: unknown = Reflect.get(t, key, receiver);
        if (value === null || typeof value !== "object" || typeof key === "symbol") return value;
        return view(value, [...path, isArray && /^\d+$/.test(key) ? Number(key) : key]);
      },
      set(t, key, value, receiver) {
        if (typeof key === "symbol") return Reflect.set(t, key, value, receiver);
        if (isArray) {
          const list = t as unknown[];
          if (key === "length") {
            if ((value as number) < list.length) note(path);
          } else if (/^\d+$/.test(key) && Number(key) <= list.length) note([...path, Number(key)]);
          else note(path);
        } else note([...path, key]);
        return Reflect.set(t, key, unwrap(value), t);
      },
      deleteProperty(t, key) {
        if (typeof key !== "symbol") note(isArray ? path : [...path, key]);
        return Reflect.deleteProperty(t, key);
      },
      defineProperty(t, key, descriptor) {
        if (typeof key !== "symbol") note(isArray ? path : [...path, key]);
        return Reflect.defineProperty(t, key, "value" in descriptor ? { ...descriptor, value: unwrap(descriptor.value) } : descriptor);
      },
    });
    targets.set(proxy, target);
    revokers.push(revoke);
    return proxy;
  };

  return {
    run(root, fn) {
      const outer = revokers;
      revokers = [];
      try {
        return unwrap(fn(view(root, []) as never)) as ReturnType<typeof fn>;
      } finally {
        for (const revoke of revokers) revoke();
        revokers = outer;
      }
    },
    take(root) {
      const ops: Op[] = [];
      for (const path of noted.values()) {
        // an ancestor noted after this path holds its value already
        if (hasNotedAncestor(noted, path)) continue;
        const found = resolve(root, path);
        ops.push(found.exists ? [path, found.value] : [path]);
      }
      noted = new Map();
      return ops;
    },
    get dirty() {
      return noted.size > 0;
    },
  };
}

function hasNotedAncestor(noted: Map<string, Path>, path: Path): boolean {
  for (let i = 1; i < path.length; i++) if (noted.has(keyOf(path.slice(0, i)))) return true;
  return false;
}

function resolve(root: object, path: Path): { exists: boolean; value?: unknown } {
  let at: unknown = root;
  for (const key of path) {
    if (at === null || typeof at !== "object" || !Object.prototype.hasOwnProperty.call(at, key)) return { exists: false };
    at = (at as Record<string | number, unknown>)[key];
  }
  return { exists: true, value: at };
}

/**
 * Replays changes on a document (at start, from the journal). A set whose parent is missing creates
 * it: the journal is trusted to hold the changes in the order they were made.
 */
export function applyOps(root: Record<string, unknown>, ops: readonly Op[]): void {
  for (const op of ops) {
    const path = op[0];
    if (path.length === 0) continue;
    let at: Record<string | number, unknown> | undefined = root;
    for (let i = 0; i < path.length - 1 && at; i++) {
      const key = path[i]!;
      let next = at[key];
      if (next === null || typeof next !== "object") {
        // deleting under something already gone changes nothing
        next = op.length === 1 ? undefined : typeof path[i + 1] === "number" ? [] : {};
        if (next) at[key] = next;
      }
      at = next as Record<string | number, unknown> | undefined;
    }
    const last = path[path.length - 1]!;
    if (!at) continue;
    if (op.length === 2) at[last] = op[1];
    else if (Array.isArray(at) && typeof last === "number") at.splice(last, 1);
    else delete at[last];
  }
}
