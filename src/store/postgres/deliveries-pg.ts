/**
 * The deliveries over PostgreSQL: one row per (broadcast, recipient). Pending rows are claimed with
 * `FOR UPDATE SKIP LOCKED` (two claimers at once get disjoint sets), outcomes written in batched
 * UPDATE … FROM unnest(…), one at a time with what came meanwhile merged (group-commit.ts);
 * finishing keeps the totals and drops the delivered rows never edited later.
 */
import { sql } from "kysely";
import type { ClaimedRecipient, DeliveriesRepo, FinishResult, RecipientOutcome } from "../deliveries-repo.js";
import type { PendingSummary, ResumeResult, SendingBroadcast } from "../deliveries-reads.js";
import type { PgDb } from "./database.js";
import { countsOf, rowToView, summaryPending } from "./deliveries-view.js";
import { moveChat } from "./chats-pg-moves.js";
import { createPgHistoryReads } from "./deliveries-history-pg.js";
import { groupCommit } from "./group-commit.js";

async function recordBatch(db: PgDb, community: string, outcomes: readonly RecipientOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const ids = outcomes.map((o) => o.broadcastId);
  const keys = outcomes.map((o) => o.key);
  const ss = outcomes.map((o) => o.outcome.s);
  const errs = outcomes.map((o) => o.outcome.err ?? null);
  const mids = outcomes.map((o) => o.outcome.mid ?? null);
  await sql`
    UPDATE deliveries d SET s = u.s, err = u.err, mid = u.mid
    FROM unnest(${ids}::text[], ${keys}::text[], ${ss}::text[], ${errs}::text[], ${mids}::bigint[]) AS u(b, k, s, err, mid)
    WHERE d.community = ${community} AND d.broadcast_id = u.b AND d.chat_key = u.k`.execute(db);
}

async function resume(db: PgDb, community: string, skip: ReadonlySet<string>): Promise<ResumeResult> {
  const rows = (await db.selectFrom("broadcasts").selectAll().where("community", "=", community).orderBy("created_at").orderBy("id").execute())
    .filter((r) => !skip.has(r.id) && (r.status === "sending" || summaryPending(r)));
  const counts = await countsOf(db, community, rows.filter((r) => r.status === "sending").map((r) => r.id));
  const pendingRows = await db.selectFrom("deliveries").select(["broadcast_id", "chat_key"])
    .where("community", "=", community).where("s", "=", "p")
    .where("broadcast_id", "in", rows.length ? rows.map((r) => r.id) : [""]).execute();
  const sending: SendingBroadcast[] = [];
  const summaries: PendingSummary[] = [];
  for (const r of rows) {
    if (r.status === "sending") {
      const pending = pendingRows.filter((p) => p.broadcast_id === r.id).map((p) => p.chat_key);
      sending.push({ broadcast: rowToView(r), pending, counts: counts.get(r.id)! });
    } else {
      const durationMs = Math.max(0, (r.finished_at ?? r.created_at).getTime() - r.created_at.getTime());
      summaries.push({ broadcast: rowToView(r) as PendingSummary["broadcast"], counts: r.counts as PendingSummary["counts"], durationMs });
    }
  }
  return { sending, summaries };
}

async function claim(db: PgDb, community: string, broadcastId: string, keys: readonly string[]) {
  return db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom("deliveries").select(["chat_key", "s"])
      .where("community", "=", community).where("broadcast_id", "=", broadcastId)
      .where("chat_key", "in", keys.length ? [...keys] : [""]).forUpdate().skipLocked().execute();
    const found = new Map(rows.map((r) => [r.chat_key, r.s]));
    const pendingKeys = keys.filter((k) => found.get(k) === "p");
    const chats = pendingKeys.length
      ? await tx.selectFrom("chats").select(["id", "active", "subscribed", "inactive_reason"]).where("community", "=", community)
        .where("id", "in", pendingKeys.map(Number)).execute()
      : [];
    const byId = new Map(chats.map((c) => [String(c.id), c]));
    const pending: ClaimedRecipient[] = pendingKeys.map((key) => {
      const c = byId.get(key);
      if (!c) return { key };
      return { key, chat: { active: c.active, subscribed: c.subscribed, ...(c.inactive_reason !== null ? { inactiveReason: c.inactive_reason } : {}) } };
    });
    // a key locked by another claimer is neither pending for us nor gone
    const gone = keys.filter((k) => !found.has(k));
    const locked = gone.length
      ? new Set((await tx.selectFrom("deliveries").select("chat_key").where("community", "=", community)
        .where("broadcast_id", "=", broadcastId).where("chat_key", "in", gone).execute()).map((r) => r.chat_key))
      : new Set<string>();
    return { pending, gone: gone.filter((k) => !locked.has(k)) };
  });
}

async function finish(db: PgDb, community: string, id: string, at: Date, claimed: ReadonlySet<string>): Promise<FinishResult> {
  return db.transaction().execute(async (tx) => {
    const b = await tx.selectFrom("broadcasts").selectAll().where("community", "=", community).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!b) return { status: "gone" } as const;
    if (b.status === "done") return { status: "done", broadcast: rowToView(b), counts: b.counts as never } as const;
    const pending = (await tx.selectFrom("deliveries").select("chat_key").where("community", "=", community)
      .where("broadcast_id", "=", id).where("s", "=", "p").execute()).map((r) => r.chat_key).filter((k) => !claimed.has(k));
    if (pending.length > 0) return { status: "more", pending } as const;
    const counts = (await countsOf(tx, community, [id])).get(id)!;
    const progress = b.progress ? { ...(b.progress as object), summaryPending: true } : null;
    const done = await tx.updateTable("broadcasts").set({ status: "done", finished_at: at, counts: JSON.stringify(counts), progress: progress && JSON.stringify(progress) })
      .where("community", "=", community).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
    await tx.deleteFrom("deliveries").where("community", "=", community).where("broadcast_id", "=", id)
      .where("s", "=", "s").where("mid", "is", null).execute();
    return { status: "done", broadcast: rowToView(done), counts } as const;
  });
}

async function setProgress(db: PgDb, community: string, id: string, patch: string): Promise<void> {
  await sql`UPDATE broadcasts SET progress = progress || ${patch}::jsonb
    WHERE community = ${community} AND id = ${id} AND progress IS NOT NULL`.execute(db);
}

/** The deliveries over PostgreSQL, for one community: the sender's part and staff's look back (deliveries-history-pg.ts). */
export function createPgDeliveriesRepo(db: PgDb, community: string): DeliveriesRepo {
  const record = groupCommit((outcomes) => recordBatch(db, community, outcomes));
  return {
    ...createPgHistoryReads(db, community),
    resume: (skip) => resume(db, community, skip),
    claim: (broadcastId, keys) => claim(db, community, broadcastId, keys),
    record: (outcomes) => (outcomes.length === 0 ? Promise.resolve() : record(outcomes)),
    flush: () => Promise.resolve(),
    finish: (id, at, claimed) => finish(db, community, id, at, claimed),
    progressShown: (id, messageId) => setProgress(db, community, id, JSON.stringify({ messageId })),
    async summaryShown(id) {
      await sql`UPDATE broadcasts SET progress = progress - 'summaryPending'
        WHERE community = ${community} AND id = ${id} AND progress IS NOT NULL`.execute(db);
    },
    async chatBlocked(chatId, reason, at) {
      await db.updateTable("chats").set({ active: false, inactive_reason: reason, updated_at: at })
        .where("community", "=", community).where("id", "=", chatId).execute();
    },
    chatMigrated: (fromId, toId, at) => moveChat(db, community, fromId, toId, at),
  };
}
