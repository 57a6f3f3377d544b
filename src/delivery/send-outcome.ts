import type { Message } from "grammy/types";
import type { Logger } from "pino";
import type { DeliveriesRepo } from "../store/deliveries-repo.js";
import type { ActiveBroadcast, Job } from "./active-broadcast.js";
import type { DispatchOptions } from "./job-dispatch.js";
import type { JobQueue } from "./job-queue.js";
import type { OutcomeBuffer } from "./outcome-buffer.js";
import type { Pacing } from "./pacing.js";
import { isGroupChat } from "./rate-limiter.js";
import type { Count, Recipients } from "./recipients.js";
import { classifySendError } from "./send-errors.js";

/** What acting on a send's answer needs. */
export interface OutcomeDeps {
  options: DispatchOptions;
  pacing: Pick<Pacing, "pauseFor" | "now">;
  jobs: JobQueue;
  recipients: Pick<Recipients, "close" | "follow">;
  deliveries: Pick<DeliveriesRepo, "chatBlocked" | "chatMigrated" | "claim">;
  buffer: Pick<OutcomeBuffer, "commit">;
  activeById: (id: string) => ActiveBroadcast | undefined;
  count: Count;
  log: Logger;
  stopping: () => boolean;
  wake: () => void;
}

export interface SendOutcome {
  /** The recipient got its last part: sent (keeping the message id where it is edited later). */
  delivered(job: Job, message: Message): void;
  /** What a failure means: pause on 429, chat inactive on 403, follow a migration, retry with backoff, or give up. */
  failed(job: Job, err: unknown): void;
}

export function createSendOutcome(deps: OutcomeDeps): SendOutcome {
  const { options: o, pacing, jobs, recipients, deliveries, log } = deps;
  const migrated = followMigration(deps);
  return {
    delivered(job, message) {
      const b = job.a.broadcast;
      // group reminders: their live counts are edited; staff's ad-hoc notices: /correct edits every copy
      const keepId = (isGroupChat(job.chatId) && b.occurrenceId !== undefined) || (b.kind === "adhoc" && b.progress !== undefined);
      recipients.close(job, keepId ? { s: "s", mid: message.message_id } : { s: "s" });
      try {
        o.onSent?.(b, job.chatId, message);
      } catch (err) {
        log.error({ err, broadcast: b.id, chatId: job.chatId }, "onSent failed");
      }
    },
    failed(job, err) {
      const f = classifySendError(err);
      const where = { broadcast: job.a.id, chatId: job.chatId };
      switch (f.kind) {
        case "retry-after":
          pacing.pauseFor(f.seconds);
          return jobs.continueWith(job);
        case "blocked":
          deliveries.chatBlocked(job.chatId, f.reason, o.now()).catch((e: unknown) => log.error({ err: e, ...where }, "could not mark a chat inactive"));
          return recipients.close(job, { s: "b", err: f.reason });
        case "migrated":
          return migrated(job, f.toChatId);
        case "rejected":
          log.warn({ ...where, reason: f.reason }, "Telegram refused a broadcast message");
          return recipients.close(job, { s: "f", err: f.reason });
        case "transient":
          if (deps.stopping()) return recipients.close(job, undefined); // stays pending in the store; the next run sends it
          if (++job.attempts >= o.maxAttempts) {
            log.warn({ ...where, reason: f.reason }, "giving up on a recipient after repeated errors");
            return recipients.close(job, { s: "f", err: f.reason });
          }
          deps.count("retried");
          return jobs.defer({ ...job, notBefore: pacing.now() + o.retryDelayMs * 2 ** (job.attempts - 1) });
      }
    },
  };
}

/** The chat and its pending deliveries move to the supergroup; the job goes on there if it is still to send. */
function followMigration(deps: OutcomeDeps): (job: Job, to: number) => void {
  const { options: o, jobs, recipients, deliveries, log } = deps;
  return (job, to) => {
    const from = job.chatId;
    log.info({ from, to }, "group became a supergroup; following it");
    recipients.follow(from, to);
    deps.buffer.commit(); // the outcomes decided so far go first (applied in call order)
    const key = String(to);
    const takeOver = !job.a.handled.has(key);
    if (takeOver) job.a.handled.add(key);
    const moved = deliveries.chatMigrated(from, to, o.now()).then(async ({ merged }) => {
      // where both ids were recipients, the supergroup gets one message: the total counts it once
      for (const id of merged) {
        const a = deps.activeById(id);
        if (a) a.counts.total--;
      }
      const still = takeOver && (await deliveries.claim(job.a.id, [key])).pending.length > 0;
      if (still) jobs.continueWith({ ...job, key, chatId: to });
      else recipients.close(job, undefined);
    });
    moved
      .catch((err: unknown) => {
        log.error({ err, from, to }, "could not follow a migrated group");
        recipients.close(job, undefined);
      })
      .finally(deps.wake);
  };
}
