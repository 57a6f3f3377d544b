/** Row types of the PostgreSQL tables (see migrations.ts), as Kysely sees them. */
import type { ColumnType, Generated } from "kysely";

type Ts = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

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
export interface DraftsTable { community: string; id: string; owner: number; body: Json; created_at: Ts; expires_at: Ts }
export interface LeasesTable { name: string; community: string | null; holder: string; epoch: number; expires_at: Ts }

export interface InboxTable { community: string; update_id: number; body: Json }

export interface Tables {
  inbox: InboxTable;
  chats: ChatsTable; users: UsersTable; roles: RolesTable; handled_updates: HandledUpdatesTable;
  broadcasts: BroadcastsTable; deliveries: DeliveriesTable; schedule_keys: ScheduleKeysTable;
  occurrences: OccurrencesTable; roster: RosterTable; signup_events: SignupEventsTable;
  campaign_records: CampaignRecordsTable; campaign_targets: CampaignTargetsTable; drafts: DraftsTable;
  campaign_state: CampaignStateTable;
  campaign_buckets: CampaignBucketsTable;
  leases: LeasesTable;
}
