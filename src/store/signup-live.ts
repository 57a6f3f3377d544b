import type { Store } from "./engine/store.js";

/** Reminder messages kept per occurrence for live counts (bounds the list in a busy month). */
const MAX_LIVE_MESSAGES = 500;

/**
 * Remembers a reminder message sent into a group, so its join button shows the live count. For
 * the sender's onSent hook; batched (no wait for the disk: losing one only loses a count update).
 */
export function recordLiveMessage(store: Store, occurrenceId: string, chatId: number, messageId: number): void {
  store.write((db) => {
    const list = (db.liveMessages[occurrenceId] ??= []);
    if (list.some((m) => m.chatId === chatId && m.messageId === messageId)) return;
    list.push({ chatId, messageId });
    if (list.length > MAX_LIVE_MESSAGES) list.splice(0, list.length - MAX_LIVE_MESSAGES);
  }, "batched");
}

/** A reminder message in a group whose sign-up count is kept current. */
export interface LiveMessageRef {
  readonly chatId: number;
  readonly messageId: number;
}

/** The live messages of a sign-up repo: where counts are edited in. */
export interface LiveMessages {
  /** The reminder messages recorded for an occurrence (a copy). */
  liveMessages(occurrenceId: string): Promise<readonly LiveMessageRef[]>;
  /**
   * Remembers a reminder message in a group (delivered, or first pressed) so its count is kept
   * current; batched, and no write when it is already known.
   */
  rememberLiveMessage(occurrenceId: string, chatId: number, messageId: number): Promise<void>;
  /**
   * The count of an occurrence changed on an instance that does not lead: marks it for the leader,
   * whose live-count editor takes the marks (`takeCountChanges`); marking twice is one mark.
   */
  markCountChanged(occurrenceId: string): Promise<void>;
  /** The occurrences marked since the last call (each once), the marks cleared. */
  takeCountChanges(): Promise<string[]>;
}

/** Builds the live-message part of a sign-up repo. */
export function createLiveMessages(store: Store): LiveMessages {
  // one process: the marks need not outlive it (a restart shows counts as they are on the next change)
  const changed = new Set<string>();
  return {
    liveMessages: async (occurrenceId) => liveMessagesOf(store, occurrenceId).map((m) => ({ chatId: m.chatId, messageId: m.messageId })),
    async rememberLiveMessage(occurrenceId, chatId, messageId) {
      if (liveMessagesOf(store, occurrenceId).some((l) => l.chatId === chatId && l.messageId === messageId)) return;
      recordLiveMessage(store, occurrenceId, chatId, messageId);
    },
    markCountChanged(occurrenceId) {
      changed.add(occurrenceId);
      return Promise.resolve();
    },
    takeCountChanges() {
      const taken = [...changed];
      changed.clear();
      return Promise.resolve(taken);
    },
  };
}

/** The reminder messages recorded for an occurrence. */
export function liveMessagesOf(store: Store, occurrenceId: string): ReadonlyArray<{ chatId: number; messageId: number }> {
  return store.data.liveMessages[occurrenceId] ?? [];
}
