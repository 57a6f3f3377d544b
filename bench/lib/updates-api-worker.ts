/**
 * The fake Bot API server for bench/updates.bench.ts, in a worker thread, so Telegram's side does
 * not share the bot's thread (helper; not a benchmark). workerData: FakeBotApiOptions.
 *
 * Messages in:
 *  - { type: "push", updates: UpdateInput[], chats: number[] }: queues the updates for getUpdates
 *    and answers { type: "done", ms } once every chat in `chats` got a successful sendMessage
 *    (ms: from the push to the last of those replies, on the worker's clock);
 *  - { type: "stats" }: answers { type: "stats", calls: { [method]: count } };
 *  - { type: "replies" }: answers { type: "replies", replies: [chat id, sendMessage params…][] }, what
 *    each chat of the last push was sent (for a baseline bot that sends the same bytes);
 *  - "stop".
 */
import { parentPort, workerData } from "node:worker_threads";
import { createFakeBotApi, type FakeBotApiOptions, type RecordedCall, type UpdateInput } from "../../tools/fake-bot-api/index.js";

export type WorkerIn = { type: "push"; updates: UpdateInput[]; chats: number[] } | { type: "stats" } | { type: "replies" } | "stop";
export type WorkerOut =
  | { type: "ready"; url: string }
  | { type: "done"; ms: number; replies: number }
  | { type: "stats"; calls: Record<string, number> }
  | { type: "replies"; replies: [number, Record<string, unknown>[]][] };

const server = createFakeBotApi({ maxCalls: 20_000, ...(workerData as FakeBotApiOptions) });
const { url } = await server.start();
const counts: Record<string, number> = {};
let waiting: { chats: Set<number>; startedAt: number; replies: number } | undefined;
// what each chat of the last push was sent, in order
let sent = new Map<number, Record<string, unknown>[]>();

// count every call as it is recorded (the server is the core: its own `handle` calls `record`)
const record = server.record.bind(server);
server.record = (call: RecordedCall): void => {
  record(call);
  counts[call.method] = (counts[call.method] ?? 0) + 1;
  if (!waiting || call.method !== "sendMessage" || "drop" in call.response || !call.response.ok) return;
  const chat = Number(call.params.chat_id);
  sent.set(chat, [...(sent.get(chat) ?? []), call.params]);
  waiting.replies++;
  waiting.chats.delete(Number(call.params.chat_id));
  if (waiting.chats.size === 0) {
    const ms = performance.now() - waiting.startedAt;
    const replies = waiting.replies;
    waiting = undefined;
    parentPort?.postMessage({ type: "done", ms, replies } satisfies WorkerOut);
  }
};

parentPort?.postMessage({ type: "ready", url } satisfies WorkerOut);
parentPort?.on("message", (msg: WorkerIn) => {
  if (msg === "stop") {
    void server.stop().then(() => parentPort?.close());
  } else if (msg.type === "push") {
    waiting = { chats: new Set(msg.chats), startedAt: performance.now(), replies: 0 };
    sent = new Map();
    for (const u of msg.updates) server.pushUpdate(u);
  } else if (msg.type === "replies") {
    parentPort?.postMessage({ type: "replies", replies: [...sent] } satisfies WorkerOut);
  } else {
    parentPort?.postMessage({ type: "stats", calls: { ...counts } } satisfies WorkerOut);
  }
});
