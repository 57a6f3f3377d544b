import { GrammyError, HttpError } from "grammy";

/** What a failed send means for the recipient and for the sender. */
export type SendFailure =
  /** flood control: the whole sender waits `seconds` (Telegram's limit is per bot), then retries */
  | { kind: "retry-after"; seconds: number }
  /** 403: blocked by the user, kicked from the group, account deactivated; never send there again */
  | { kind: "blocked"; reason: string }
  /** 400 with migrate_to_chat_id: the group became a supergroup; send there instead */
  | { kind: "migrated"; toChatId: number }
  /** any other 4xx: Telegram will refuse it again, so record it as failed without retrying */
  | { kind: "rejected"; reason: string }
  /** network errors, timeouts and 5xx: may succeed later; retry with backoff, a bounded number of times */
  | { kind: "transient"; reason: string };

/** Classifies what a Bot API call threw (after auto-retry gave up). */
export function classifySendError(err: unknown): SendFailure {
  if (err instanceof GrammyError) {
    const code = err.error_code;
    const migrateTo = err.parameters.migrate_to_chat_id;
    if (code === 429) return { kind: "retry-after", seconds: Math.max(1, err.parameters.retry_after ?? 5) };
    if (code === 403) return { kind: "blocked", reason: err.description };
    if (code === 400 && typeof migrateTo === "number") return { kind: "migrated", toChatId: migrateTo };
    // 401/404 mean our token or API root is wrong, not this recipient: keep it pending and retry
    if (code >= 500 || code === 401 || code === 404) return { kind: "transient", reason: `${code} ${err.description}` };
    return { kind: "rejected", reason: err.description };
  }
  if (err instanceof HttpError) return { kind: "transient", reason: describeHttpError(err) };
  return { kind: "transient", reason: err instanceof Error ? err.message : String(err) };
}

/** Telegram's answer to an edit that changes nothing: harmless for progress messages. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && err.description.includes("message is not modified");
}

function describeHttpError(err: HttpError): string {
  const inner = err.error;
  if (inner instanceof Error) return inner.cause instanceof Error ? `${inner.message}: ${inner.cause.message}` : inner.message;
  return err.message;
}
