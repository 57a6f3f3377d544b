/**
 * sender.stop(): it waits for the requests in flight to settle (their outcomes saved), and no longer
 * than stopTimeoutMs; then what is still in flight is aborted and its recipient stays pending.
 */
import { Api, type Transformer } from "grammy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWorld, enqueue, WAIT, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await w?.close();
  w = undefined;
});

/** sendMessage calls are held until released (or aborted, as a request with a signal is). */
function gate() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let entered = 0;
  const transformer: Transformer = async (prev, method, payload, signal) => {
    if (method !== "sendMessage") return prev(method, payload, signal);
    entered++;
    await new Promise<void>((resolve, reject) => {
      void released.then(resolve);
      (signal as AbortSignal | undefined)?.addEventListener("abort", () => reject(new Error("aborted")));
    });
    return prev(method, payload, signal);
  };
  return { transformer, release, entered: () => entered };
}

/** A world whose sender's sendMessage calls pass the gate before the world's recording API. */
async function gatedWorld(stopTimeoutMs: number): Promise<{ world: World; g: ReturnType<typeof gate> }> {
  const g = gate();
  const api = new Api("123:TEST");
  const made: { world?: World } = {}; // the world's recording API answers what passes the gate
  api.config.use((prev, method, payload, signal) => made.world!.rec.transformer(prev, method, payload, signal), g.transformer);
  made.world = await createWorld([501], { sender: { api, stopTimeoutMs } });
  return { world: made.world, g };
}

describe("sender.stop()", () => {
  it("waits for a send in flight, then saves its outcome", async () => {
    const { world, g } = await gatedWorld(60_000);
    w = world;
    const id = await enqueue(w, { recipients: [501] });
    await vi.waitFor(() => expect(g.entered()).toBe(1), WAIT);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let stopped = false;
    const stopping = w.sender.stop().then(() => void (stopped = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(stopped).toBe(false); // the send is still in flight, within the bound
    vi.useRealTimers();
    g.release();
    await stopping;
    expect(w.delivered(501)).toBe(1);
    expect(w.store.data.broadcasts[id]?.recipients["501"]?.s).toBe("s"); // its outcome is on disk
  });

  it("does not wait past stopTimeoutMs: the send is aborted and its recipient stays pending", async () => {
    const { world, g } = await gatedWorld(5_000);
    w = world;
    const id = await enqueue(w, { recipients: [501] });
    await vi.waitFor(() => expect(g.entered()).toBe(1), WAIT);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let stopped = false;
    const stopping = w.sender.stop().then(() => void (stopped = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await stopping;
    expect(w.delivered(501)).toBe(0);
    expect(w.store.data.broadcasts[id]?.recipients["501"]?.s).toBe("p"); // sent again after a restart
  });
});
