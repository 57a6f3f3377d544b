import { z } from "zod";
import { noticeSchema } from "./notice-catalog.js";
import { dateOverridesSchema } from "./date-override-schema.js";

/**
 * What staff change from the chat (issue 14), kept in the store under `db.office`: compounds added
 * with `/home add`, broadcasts waiting for their `at=` time. Every part defaults to empty, so a
 * store written before it loads unchanged.
 */
const localized = z.object({ zh: z.string(), en: z.string() });

const compound = z.object({ id: z.string(), name: localized, addedBy: z.number().int().optional(), at: z.string().optional() });

/** The photo or document a broadcast is sent as, its text the caption (reused by file_id: one upload). */
export const broadcastMedia = z.object({ type: z.enum(["photo", "document"]), fileId: z.string() });

const scheduled = z.object({
  id: z.string(),
  /** the instant it goes out (UTC ISO) */
  at: z.string(),
  createdBy: z.number().int(),
  createdAt: z.string(),
  /** the text as typed (plain) */
  text: z.string(),
  media: broadcastMedia.optional(),
  /** compound ids; absent = everyone */
  to: z.array(z.string()).optional(),
  progress: z.object({ chatId: z.number().int(), lang: z.enum(["zh", "en"]) }),
  status: z.enum(["waiting", "sent", "cancelled", "late"]),
  /** the outbox broadcast it became */
  broadcastId: z.string().optional(),
  /** the announcement of a one-off event: its rendered HTML per language, and its sign-up buttons */
  html: localized.optional(),
  occurrenceId: z.string().optional(),
});

/** A preview waiting for Confirm (/event, /move, /skip, /broadcast): drafts-repo.ts. */
const draft = z.object({
  kind: z.string(),
  /** the staff member who may confirm it */
  owner: z.number().int(),
  createdAt: z.string(),
  /** pending: waiting; sending: a Confirm is at work; done: confirmed (a second press says so) */
  state: z.enum(["pending", "sending", "done"]),
  value: z.unknown(),
});

export const officeSchema = z.object({
  compounds: z.array(compound).default([]),
  scheduled: z.record(z.string(), scheduled).default({}),
  nextScheduled: z.number().int().default(1),
  /** the notices, once seeded from data/notices.json on first start (absent: not yet seeded) */
  notices: z.array(noticeSchema).optional(),
  /** the number of the next one-off event (`e1`, `e2`, …) */
  nextEvent: z.number().int().default(1),
  /** grammY conversations (/event step by step, /events edits) in progress, by chat */
  conversations: z.record(z.string(), z.unknown()).default({}),
  /** moved and skipped dates of notices, by notice id (date-override-schema.ts) */
  dateOverrides: dateOverridesSchema.default({}),
  /** previews waiting for Confirm, by token; absent in older stores */
  drafts: z.record(z.string(), draft).default({}),
});

export type OfficeData = z.infer<typeof officeSchema>;
export type StoredCompound = z.infer<typeof compound>;
export type ScheduledBroadcast = z.infer<typeof scheduled>;
export type BroadcastMedia = z.infer<typeof broadcastMedia>;
export type StoredDraft = z.infer<typeof draft>;

/** An empty office part. */
export function emptyOffice(): OfficeData {
  return { compounds: [], scheduled: {}, nextScheduled: 1, nextEvent: 1, conversations: {}, dateOverrides: {}, drafts: {} };
}
