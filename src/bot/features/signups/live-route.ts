import type { Api } from "grammy";
import type { SignupRepo } from "../../../store/signup-repo.js";
import type { LiveCounter } from "./live-count.js";

/**
 * Live-count edits are the leader's duty (one editor keeps Telegram's per-group limits, and its
 * throttle sees every change). A change made while this instance does not lead is marked in the
 * store instead (the pressed group message remembered first), and the leader's editor takes the
 * marks every few seconds (`poll`) and edits as if the change had been its own.
 */
export interface LiveCountRoute {
  /** What the features call: the local editor while leading, a mark in the store otherwise. */
  readonly live: LiveCounter;
  /** Tells the route whether this instance leads now (default: it does: one process). */
  followLeader(leading: () => boolean): void;
  /** The leader's part: takes the marks and refreshes those occurrences' counts; answers how many. */
  poll(api: Api): Promise<number>;
}

export function createLiveCountRoute(o: {
  local: LiveCounter;
  repo: Pick<SignupRepo, "rememberLiveMessage" | "markCountChanged" | "takeCountChanges">;
  onError?: (err: unknown) => void;
}): LiveCountRoute {
  const { local, repo } = o;
  let leading = (): boolean => true;
  const marking = new Set<Promise<void>>();
  const mark = async (occurrenceId: string, extra: readonly { chatId: number; messageId: number }[]): Promise<void> => {
    for (const m of extra) await repo.rememberLiveMessage(occurrenceId, m.chatId, m.messageId);
    await repo.markCountChanged(occurrenceId);
  };
  const live: LiveCounter = {
    touch(api, occurrenceId, extra = []) {
      if (leading()) {
        local.touch(api, occurrenceId, extra);
        return;
      }
      const p: Promise<void> = mark(occurrenceId, extra).catch((err: unknown) => o.onError?.(err)).finally(() => marking.delete(p));
      marking.add(p);
    },
    sent: (api, occurrenceId, message, markup) => local.sent(api, occurrenceId, message, markup),
    async idle() {
      while (marking.size > 0) await Promise.allSettled([...marking]);
      await local.idle();
    },
    stop: () => local.stop(),
  };
  return {
    live,
    followLeader(next) {
      leading = next;
    },
    async poll(api) {
      const changed = await repo.takeCountChanges();
      for (const occurrenceId of changed) local.touch(api, occurrenceId);
      return changed.length;
    },
  };
}
