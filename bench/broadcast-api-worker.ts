/**
 * The fake Bot API server for bench/broadcast.bench.ts, in a worker thread: Telegram's side then
 * does not share the sender's thread, so the figures measure the bot (helper; not a benchmark).
 * workerData: FakeBotApiOptions. Messages in: "calls" (answer the send/edit calls seen), "stop".
 */
import { parentPort, workerData } from "node:worker_threads";
import { createFakeBotApi, type FakeBotApiOptions } from "../tools/fake-bot-api/index.js";

/** One call as the benchmark needs it. */
export interface SeenCall {
  method: string;
  chatId: number;
  at: number;
  /** 0 when it succeeded, else the error code (or -1 for a dropped connection) */
  error: number;
}

const server = createFakeBotApi(workerData as FakeBotApiOptions);
const { url } = await server.start();
parentPort?.postMessage({ url });
parentPort?.on("message", (msg: string) => {
  if (msg === "calls") {
    const seen: SeenCall[] = server.calls
      .filter((c) => /^(send|edit)/.test(c.method))
      .map((c) => ({
        method: c.method,
        chatId: Number(c.params.chat_id),
        at: c.at,
        error: "drop" in c.response ? -1 : c.response.ok ? 0 : c.response.error_code,
      }));
    parentPort?.postMessage({ calls: seen });
  } else if (msg === "stop") {
    void server.stop().then(() => parentPort?.close());
  }
});
