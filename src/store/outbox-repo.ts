import type { Localized } from "../domain/translate.js";
import type { BroadcastKind, BroadcastMedia, PollPayload, ProgressTarget } from "./broadcast-view.js";
import type { BroadcastRecord, Db } from "./schema.js";
import { isKeyTaken } from "./schedule-keys.js";
import type { Store } from "./engine/store.js";

/** What to deliver and to whom. */
export interface EnqueueInput {
  kind: BroadcastKind;
  /** idempotency key: a second enqueue with the same key creates nothing, ever */
  key?: string;
  /** rendered HTML in both languages; each recipient gets its chat's language */
  text: Localized;
  /** a photo or document (by file_id) with the text as its caption, for all or per language */
  media?: BroadcastMedia | { readonly zh?: BroadcastMedia; readonly en?: BroadcastMedia };
  /** attach the sign-up buttons of this occurrence (`noticeId:YYYY-MM-DD`) */
  occurrenceId?: string;
  /** a poll sent after the text (the text may then be empty); `ref` comes back in onSent's broadcast */
  poll?: PollPayload;
  /** chat ids; for private chats the user id */
  recipients: readonly number[];
  createdBy?: number;
  /** a staff chat that sees a progress message edited while it sends, then the summary */
  progress?: Omit<ProgressTarget, "messageId">;
}

/** The outbox as the store keeps it: broadcasts waiting to be sent, each with every recipient's state. */
export interface OutboxRepo {
  /**
   * Adds a broadcast with every recipient pending, unless its key was ever taken (then `created` is
   * false and `id` empty). Resolves once it is on disk, so a crash right after loses nothing.
   */
  enqueue(input: EnqueueInput): Promise<{ id: string; created: boolean }>;
}

/** The outbox repository over the JSON store. */
export function createOutboxRepo(store: Store, now: () => Date): OutboxRepo {
  return {
    enqueue: (input) => store.write((db) => addBroadcast(db, input, now()), "durable"),
  };
}

/** Adds a broadcast unless its key is already taken. Pure on the Db, so tests can use it directly. */
export function addBroadcast(db: Db, input: EnqueueInput, at: Date): { id: string; created: boolean } {
  if (input.key) {
    if (isKeyTaken(db, input.key)) return { id: "", created: false };
    db.enqueued[input.key] = at.toISOString();
  }
  const id = `b${at.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const recipients: BroadcastRecord["recipients"] = {};
  for (const chatId of input.recipients) recipients[String(chatId)] = { s: "p" };
  db.broadcasts[id] = {
    id,
    kind: input.kind,
    ...(input.key ? { key: input.key } : {}),
    createdAt: at.toISOString(),
    ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
    text: { zh: input.text.zh, en: input.text.en },
    ...(input.media ? { media: structuredClone(input.media) as BroadcastRecord["media"] } : {}),
    ...(input.occurrenceId ? { occurrenceId: input.occurrenceId } : {}),
    ...(input.poll ? { poll: structuredClone(input.poll) as BroadcastRecord["poll"] } : {}),
    recipients,
    status: "sending",
    ...(input.progress ? { progress: { chatId: input.progress.chatId, lang: input.progress.lang } } : {}),
  };
  return { id, created: true };
}
