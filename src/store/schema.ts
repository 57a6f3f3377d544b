import { z } from "zod";
import { broadcastMedia, emptyOffice, officeSchema } from "./office-schema.js";

/** The current store layout. Bump it and add a migration in `migrations.ts` when the layout changes. */
export const SCHEMA_VERSION = 2;

const locale = z.enum(["zh", "en"]);
const iso = z.string();

const chat = z.object({
  id: z.number().int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
  title: z.string().optional(),
  subscribed: z.boolean(),
  /** false once Telegram said we may not write there (blocked, kicked, deactivated) */
  active: z.boolean(),
  inactiveReason: z.string().optional(),
  lang: locale.optional(),
  /** the compound (小区) a group is bound to (`data/compounds.json` id); none = notices for all only */
  compound: z.string().optional(),
  since: iso,
  updatedAt: iso,
});

const user = z.object({
  id: z.number().int(),
  firstName: z.string(),
  lastName: z.string().optional(),
  username: z.string().optional(),
  lang: locale.optional(),
  partyMember: z.boolean().optional(),
  /** the compound (小区) the resident chose with /home (`data/compounds.json` id) */
  compound: z.string().optional(),
  seenAt: iso,
});

const recipient = z.object({
  /** p = pending, s = sent, f = failed, b = blocked (chat inactive) */
  s: z.enum(["p", "s", "f", "b"]),
  err: z.string().optional(),
  /** message id, kept where the message is edited later (live sign-up counts) */
  mid: z.number().int().optional(),
});

const broadcast = z.object({
  id: z.string(),
  kind: z.enum(["notice", "adhoc", "personal", "report"]),
  /** idempotency key (e.g. `cleanup-day:2026-11-28:eve`): one broadcast per key, ever */
  key: z.string().optional(),
  createdAt: iso,
  createdBy: z.number().int().optional(),
  /** rendered HTML per locale */
  text: z.object({ zh: z.string(), en: z.string() }),
  /** when set, the message carries sign-up buttons for this occurrence */
  occurrenceId: z.string().optional(),
  /** sent as this photo or document, with the text as its caption */
  media: broadcastMedia.optional(),
  recipients: z.record(z.string(), recipient),
  status: z.enum(["sending", "done"]),
  /** where the staff member who started it sees its progress */
  progress: z
    .object({
      chatId: z.number().int(),
      messageId: z.number().int().optional(),
      lang: locale,
      /** set with status "done", cleared once the summary is shown: a stop or crash in between sends it at the next start */
      summaryPending: z.boolean().optional(),
    })
    .optional(),
  finishedAt: iso.optional(),
  /** set when done: the totals, after which delivered recipients are dropped to keep the store small */
  counts: z
    .object({ total: z.number().int(), sent: z.number().int(), failed: z.number().int(), blocked: z.number().int() })
    .optional(),
});

/** A sign-up event: kept in the sign-up log beside the store (`<store>.signups.ndjson`), not in the document. */
export const signupEventSchema = z.object({
  seq: z.number().int(),
  at: iso,
  userId: z.number().int(),
  occurrenceId: z.string(),
  type: z.enum(["join", "cancel", "attended", "unattended"]),
  headcount: z.number().int().optional(),
  via: z.enum(["button", "text", "command", "staff"]),
  by: z.number().int().optional(),
});

const progressRecord = z.object({
  id: z.string(),
  metricId: z.string(),
  amount: z.number(),
  aware: z.number().optional(),
  at: iso,
  by: z.number().int().nullable(),
  note: z.string().optional(),
  source: z.enum(["seed", "staff", "attendance"]),
});

/** The whole store. */
export const dbSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  /** the last journal commit this snapshot holds (set when a snapshot is written) */
  commit: z.number().int().default(0),
  chats: z.record(z.string(), chat),
  users: z.record(z.string(), user),
  roles: z.record(z.string(), z.enum(["admin", "staff"])),
  /** webhook updates saved before Telegram got its 200, until they are handled */
  inbox: z.record(z.string(), z.unknown()).default({}),
  /** update ids already handled (a bounded window), so a redelivered update changes nothing */
  handledUpdates: z.array(z.number().int()),
  broadcasts: z.record(z.string(), broadcast),
  /** idempotency keys of everything the scheduler enqueued, with when */
  enqueued: z.record(z.string(), iso),
  /** live reminder messages in groups, per occurrence, edited with the sign-up count */
  liveMessages: z.record(z.string(), z.array(z.object({ chatId: z.number().int(), messageId: z.number().int() }))),
  campaign: z.object({
    seeded: z.boolean(),
    records: z.array(progressRecord),
    targets: z.record(z.string(), z.number()),
    nextId: z.number().int(),
  }),
  /** what staff changed from the chat: compounds, broadcasts waiting for their time (office-schema.ts) */
  office: officeSchema.default(emptyOffice),
});

export type Db = z.infer<typeof dbSchema>;
export type ChatRecord = z.infer<typeof chat>;
export type UserRecord = z.infer<typeof user>;
export type Role = Db["roles"][string];
export type BroadcastRecord = z.infer<typeof broadcast>;
export type RecipientState = z.infer<typeof recipient>;
export type StoredSignupEvent = z.infer<typeof signupEventSchema>;
export type StoredProgressRecord = z.infer<typeof progressRecord>;

/** An empty store of the current version. */
export function emptyDb(): Db {
  return {
    version: SCHEMA_VERSION,
    commit: 0,
    chats: {},
    users: {},
    roles: {},
    inbox: {},
    handledUpdates: [],
    broadcasts: {},
    enqueued: {},
    liveMessages: {},
    campaign: { seeded: false, records: [], targets: {}, nextId: 1 },
    office: emptyOffice(),
  };
}
