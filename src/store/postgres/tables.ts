/** Row types of the PostgreSQL tables (see migrations.ts), as Kysely sees them. */
import type { ColumnType, Generated } from "kysely";
import type { StoredIssue } from "../../domain/bulletin-issue.js";
import type { NoticeDef } from "../../domain/notice.js";

type Ts = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
type StoredVersion = NonNullable<StoredIssue["zh"]>;

export interface ChatsTable {
  community: string; id: number; type: string; title: string | null; subscribed: boolean; active: boolean;
  inactive_reason: string | null; lang: string | null; compound: string | null; received: Json | null;
  since: Ts; updated_at: Ts;
}
export interface UsersTable {
  community: string; id: number; first_name: string; last_name: string | null; username: string | null;
  lang: string | null; party_member: boolean | null; compound: string | null; seen_at: Ts;
}
export interface RolesTable { community: string; user_id: number; role: string; seq: Generated<number> }
export interface HandledUpdatesTable { community: string; update_id: number; at: Generated<Date> }
export interface BroadcastsTable {
  community: string; id: string; key: string | null; kind: string; created_at: Ts; created_by: number | null;
  body: Json; status: string; progress: Json | null; finished_at: Ts | null; counts: Json | null;
}
export interface DeliveriesTable {
  community: string; broadcast_id: string; chat_key: string; s: string; err: string | null; mid: number | null;
}
export interface ScheduleKeysTable { community: string; key: string; at: Ts }
export interface OccurrencesTable { community: string; id: string; capacity: number | null; state: Generated<Json> }
export interface RosterTable {
  community: string; occurrence_id: string; seq: Generated<number>; user_id: number; status: string;
  headcount: Generated<number>; joined_at: Ts; attended: boolean | null;
}
export interface SignupEventsTable {
  community: string; seq: Generated<number>; at: Ts; user_id: number; occurrence_id: string; type: string;
  headcount: number | null; via: string; by: number | null;
}
export interface SignupMarksTable {
  community: string; occurrence_id: string; user_id: number; seq: Generated<number>; heads: number; walk_in: boolean;
  at: Ts; by: number | null;
}
export interface LiveMessagesTable { community: string; occurrence_id: string; chat_id: number; message_id: number; seq: Generated<number> }
export interface CampaignRecordsTable {
  community: string; id: string; metric_id: string; amount: number; aware: number | null; at: Ts;
  by: number | null; note: string | null; source: string; attendance_id: string | null;
  walk_ins: boolean | null; undone: Generated<boolean>; seq: Generated<number>;
}
export interface CampaignTargetsTable { community: string; metric_id: string; target: number }
export interface CampaignStateTable { community: string; seeded: Generated<boolean>; next_id: Generated<number>; version: Generated<number> }
export interface CampaignBucketsTable {
  community: string; metric_id: string; span: string; key: string; amount: number; surveyed: number; aware: number;
  count: number; marked: number; counts: number;
}
export interface DraftsTable {
  community: string; id: string; owner: number; body: Json; created_at: Ts; expires_at: Ts;
  kind: Generated<string>; state: Generated<string>; // 003_office
}
export interface LeasesTable { name: string; community: string | null; holder: string; epoch: number; expires_at: Ts }

export interface InboxTable { community: string; update_id: number; body: Json; owner: string | null; claimed_at: Generated<Date> }
export interface LiveCountMarksTable { community: string; occurrence_id: string; at: Generated<Date> }

// 003_office
export interface CompoundsTable { community: string; id: string; name_zh: string; name_en: string; added_by: number | null; at: Ts; seq: Generated<number> }
export interface ScheduledTable {
  community: string; n: number; id: string; at: Ts; created_by: number; created_at: Ts; text: string; media: Json | null;
  to: Json<string[]> | null; progress: Json; status: string; broadcast_id: string | null; html: Json | null; occurrence_id: string | null;
}
export interface DateMovesTable { community: string; notice_id: string; from_date: string; to_date: string; time: string; via: Json<string[]> | null; pos: number; by: number; at: Ts }
export interface DateSkipsTable { community: string; notice_id: string; date: string; reason: string | null; by: number; at: Ts; seq: Generated<number> }
export interface ConversationsTable { community: string; key: string; value: Json }
export interface SurveyStateTable { community: string; next_round: number }
export interface SurveyRoundsTable {
  community: string; id: string; seq: number; started_at: Ts; started_by: number | null; closed_at: Ts | null;
  questions: Json<string[]>; recipients: number; next_form: number; forgotten: Json;
}
export interface SurveyRespondentsTable {
  community: string; round_id: string; user_id: number; answers: Json<Record<string, number[]>>;
  form: number | null; aware: boolean | null; compound: string | null; completed_at: Ts | null;
  figures_synced: Generated<boolean>;
}
export interface SurveyPollsTable { community: string; poll_id: string; round_id: string; user_id: number; question_id: string }

// notices_bulletins
export interface NoticeBooksTable { community: string; next_event: Generated<number>; seeded_at: Generated<Date> }
export interface NoticesTable { community: string; id: string; pos: number; def: Json<NoticeDef> }
export interface BulletinsTable { community: string; id: string; publish_on: string; zh: Json<StoredVersion> | null; en: Json<StoredVersion> | null }

// 009_chat_communities
export interface ChatCommunitiesTable { bot_id: number; chat_id: number; community: string; at: Generated<Date> }

// 010_rate_windows
export interface RateWindowsTable { community: string; key: string; hits: number; until_ms: number }

export interface Tables {
  inbox: InboxTable;
  conversations: ConversationsTable;
  survey_state: SurveyStateTable; survey_rounds: SurveyRoundsTable; survey_respondents: SurveyRespondentsTable;
  survey_polls: SurveyPollsTable;
  chats: ChatsTable; users: UsersTable; roles: RolesTable; handled_updates: HandledUpdatesTable;
  broadcasts: BroadcastsTable; deliveries: DeliveriesTable; schedule_keys: ScheduleKeysTable;
  occurrences: OccurrencesTable; roster: RosterTable; signup_events: SignupEventsTable;
  signup_marks: SignupMarksTable; live_messages: LiveMessagesTable; live_count_marks: LiveCountMarksTable; // 008_instances
  campaign_records: CampaignRecordsTable; campaign_targets: CampaignTargetsTable; drafts: DraftsTable;
  campaign_state: CampaignStateTable;
  campaign_buckets: CampaignBucketsTable;
  leases: LeasesTable;
  compounds: CompoundsTable; scheduled: ScheduledTable; date_moves: DateMovesTable; date_skips: DateSkipsTable; // 003_office
  notice_books: NoticeBooksTable; notices: NoticesTable; bulletins: BulletinsTable; // notices_bulletins
  chat_communities: ChatCommunitiesTable; // 009
  rate_windows: RateWindowsTable; // 010
}
