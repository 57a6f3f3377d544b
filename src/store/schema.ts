import { z } from "zod";
import { bulletinIssue } from "./bulletin-schema.js";
import { emptyOffice, officeSchema } from "./office-schema.js";
import { emptySurveys, surveysSchema } from "./survey-schema.js";

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
  /**
   * the last reminders with sign-up buttons delivered here, oldest first (occurrence id, message id,
   * when): which notice a text sign-up without a reply, or a reply to a message without buttons, means
   */
  received: z.array(z.object({ o: z.string(), m: z.number().int().optional(), at: iso })).optional(),
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

/** A file sent by its Telegram file_id (uploaded once), the broadcast's text as its caption. */
const broadcastMedia = z.object({ type: z.enum(["photo", "document"]), fileId: z.string().min(1) });

/** A poll a broadcast sends (sendPoll); `ref` is opaque to the sender and handed back with the sent poll. */
const pollPayload = z.object({
  question: z.object({ zh: z.string(), en: z.string() }),
  options: z.array(z.object({ zh: z.string(), en: z.string() })),
  anonymous: z.boolean(),
  ref: z.string().optional(),
});

const broadcast = z.object({
  id: z.string(),
  kind: z.enum(["notice", "adhoc", "personal", "report", "survey"]),
  /** idempotency key (e.g. `cleanup-day:2026-11-28:eve`): one broadcast per key, ever */
  key: z.string().optional(),
  createdAt: iso,
  createdBy: z.number().int().optional(),
  /** rendered HTML per locale */
  text: z.object({ zh: z.string(), en: z.string() }),
  /**
   * when set, a photo or document goes out with the text as its caption (or, when the text is over
   * the caption limit, the file alone and then the text): one file for every language, or per language
   * (a language without one gets the text alone)
   */
  media: z.union([broadcastMedia, z.object({ zh: broadcastMedia.optional(), en: broadcastMedia.optional() })]).optional(),
  /** when set, the message carries sign-up buttons for this occurrence */
  occurrenceId: z.string().optional(),
  /** when set, a poll is sent after the text (the text may be empty): the awareness survey's questions */
  poll: pollPayload.optional(),
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

/** [user id, headcount, joined at] */
const settledEntry = z.tuple([z.number().int(), z.number().int(), z.string()]);

/** A sign-up event: kept in the sign-up log beside the store (`<store>.signups.ndjson`), not in the document. */
export const signupEventSchema = z.object({
  seq: z.number().int(),
  at: iso,
  userId: z.number().int(),
  occurrenceId: z.string(),
  type: z.enum(["join", "cancel", "attended", "unattended", "settled"]),
  headcount: z.number().int().optional(),
  via: z.enum(["button", "text", "command", "staff"]),
  by: z.number().int().optional(),
  /** settled only (written by the store, user id 0): the roster's lists as they stood live */
  roster: z.object({ confirmed: z.array(settledEntry), waitlist: z.array(settledEntry) }).optional(),
});

const progressRecord = z.object({
  id: z.string(),
  metricId: z.string(),
  amount: z.number(),
  aware: z.number().optional(),
  at: iso,
  by: z.number().int().nullable(),
  note: z.string().optional(),
  source: z.enum(["seed", "staff", "attendance", "survey"]),
  /** attendance: people counted at the door (`/attended <id> <date> +N`), not marked one by one */
  walkIns: z.boolean().optional(),
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
  /** health-bulletin issues published from the chat, by month (`YYYY-MM`); absent in older stores */
  bulletins: z.record(z.string(), bulletinIssue).default({}),
  campaign: z.object({
    seeded: z.boolean(),
    records: z.array(progressRecord),
    targets: z.record(z.string(), z.number()),
    nextId: z.number().int(),
  }),
  /** awareness survey rounds (/survey); absent in older stores */
  surveys: surveysSchema.default(emptySurveys),
  /** what staff changed from the chat: compounds, broadcasts waiting for their time (office-schema.ts) */
  office: officeSchema.default(emptyOffice),
});

export type Db = z.infer<typeof dbSchema>;
export type ChatRecord = z.infer<typeof chat>;
export type UserRecord = z.infer<typeof user>;
export type Role = Db["roles"][string];
export type BroadcastRecord = z.infer<typeof broadcast>;
export type BroadcastMedia = z.infer<typeof broadcastMedia>;
export type RecipientState = z.infer<typeof recipient>;
export type StoredSignupEvent = z.infer<typeof signupEventSchema>;
export type { StoredBulletinIssue } from "./bulletin-schema.js";
export type StoredProgressRecord = z.infer<typeof progressRecord>;
export type PollPayload = z.infer<typeof pollPayload>;
export type { SurveyRespondent, SurveyRound } from "./survey-schema.js";

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
    bulletins: {},
    campaign: { seeded: false, records: [], targets: {}, nextId: 1 },
    surveys: emptySurveys(),
    office: emptyOffice(),
  };
}
