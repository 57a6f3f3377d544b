import type { Campaign, ProgressRecord } from "./metric.js";

/** Staff marked who attended one occurrence of a scheduled notice. */
export interface AttendanceEvent {
  noticeId: string;
  /** The occurrence's calendar date, `YYYY-MM-DD` in the community time zone. */
  occurrence: string;
  /** The occurrence's start as an ISO instant: records are dated then, so they land in its week and month. */
  at: string;
  attendeeIds: number[];
}

/** One-off events' ids: `e1`, `e2`, … */
const EVENT_ID = /^e[1-9]\d*$/;

/** The metrics a notice's or event's attendance feeds: the metrics' own feeds, and for an event the campaign's `events`. */
export function attendanceFeeds(campaign: Campaign, noticeId: string): { metricId: string; per: "attendee" | "occurrence" }[] {
  const feeds: { metricId: string; per: "attendee" | "occurrence" }[] = [];
  for (const metric of campaign.metrics) {
    for (const feed of metric.attendance ?? []) if (feed.notice === noticeId) feeds.push({ metricId: metric.id, per: feed.per });
  }
  if (EVENT_ID.test(noticeId)) for (const feed of campaign.events ?? []) feeds.push({ metricId: feed.metric, per: feed.per });
  return feeds;
}

/**
 * The progress records an attendance produces, per the metrics' `attendance` feeds in the data:
 * `attendee` → 1 per attendee (cleanup-day → weekly_cleanup_participants), `occurrence` → 1 for the
 * occurrence being held (civility-lecture → moral_practice_events). Ids are deterministic, so marking
 * the same person twice yields the same id: the caller stores a record only if its id is new.
 * Per-attendee records carry the attendee's id in `by`, so /forgetme can find them.
 */
export function attendanceRecords(campaign: Campaign, event: AttendanceEvent): ProgressRecord[] {
  const records: ProgressRecord[] = [];
  const base = `attendance:${event.noticeId}:${event.occurrence}`;
  for (const { metricId, per } of attendanceFeeds(campaign, event.noticeId)) {
    if (per === "occurrence") {
      if (event.attendeeIds.length > 0) records.push({ id: `${base}:held:${metricId}`, metricId, amount: 1, at: event.at, by: null, source: "attendance" });
      continue;
    }
    for (const userId of new Set(event.attendeeIds)) {
      records.push({ id: `${base}:${userId}:${metricId}`, metricId, amount: 1, at: event.at, by: userId, source: "attendance" });
    }
  }
  return records;
}

/** Staff counted `count` people who came without being marked one by one (`/attended <id> <date> +N`). */
export interface WalkInsEvent {
  noticeId: string;
  occurrence: string;
  at: string;
  count: number;
}

/** The id of an occurrence's walk-ins record for a metric (one per occurrence: a new count replaces it). */
export function walkInsRecordId(noticeId: string, occurrence: string, metricId: string): string {
  return `attendance:${noticeId}:${occurrence}:walk-ins:${metricId}`;
}

/**
 * The records of an occurrence's walk-ins: `count` people on every metric fed per attendee, marked
 * `walkIns` (a head count: the period's figure is then known, see `periodAmount`), even for 0 ("those
 * marked were everyone"); and, when anyone came, the occurrence-fed metrics' "held" record.
 */
export function walkInsRecords(campaign: Campaign, event: WalkInsEvent): ProgressRecord[] {
  const records: ProgressRecord[] = [];
  for (const { metricId, per } of attendanceFeeds(campaign, event.noticeId)) {
    if (per === "attendee") {
      const id = walkInsRecordId(event.noticeId, event.occurrence, metricId);
      records.push({ id, metricId, amount: event.count, at: event.at, by: null, source: "attendance", walkIns: true });
    } else if (event.count > 0) {
      records.push({ id: `attendance:${event.noticeId}:${event.occurrence}:held:${metricId}`, metricId, amount: 1, at: event.at, by: null, source: "attendance" });
    }
  }
  return records;
}
