import { attendanceRecords, walkInsRecordId, walkInsRecords } from "../domain/campaign/attendance.js";
import type { Campaign, ProgressRecord } from "../domain/campaign/metric.js";
import type { CampaignRepo } from "./campaign-repo.js";

const PARTY_METRIC = "party_member_participation";

/** Those of the given people whom staff marked as party members (/party): each backend reads its own. */
export type PartyMembers = (userIds: readonly number[]) => Promise<ReadonlySet<number>>;

/**
 * Turns staff-marked attendance into campaign progress: the data's feeds (cleanup day → weekly
 * participants, lecture → moral-practice events, any one-off event e1, e2… → the campaign's `events`
 * feed: environment-day volunteers) plus one person-time of party-member participation
 * for each attendee whom staff flagged as a party member (/party). Attendance, not sign-up, counts.
 * Record ids are deterministic, so marking someone twice adds nothing, and an unmark
 * (`change.attended` false) takes exactly that person's records back; the occurrence's "held"
 * record goes only once nobody is marked any more (`change.remaining` 0).
 */
export function createAttendanceFeed(partyMembers: PartyMembers, campaign: Campaign, repo: CampaignRepo) {
  const hasPartyMetric = campaign.metrics.some((m) => m.id === PARTY_METRIC);
  return async (
    noticeId: string,
    occurrence: { date: string; startsAt: string },
    attendeeIds: number[],
    change?: { attended: boolean; remaining: number },
  ): Promise<void> => {
    const at = occurrence.startsAt;
    const partyId = (userId: number) => `attendance:${noticeId}:${occurrence.date}:${userId}:${PARTY_METRIC}`;
    if (change && !change.attended) {
      const own = attendanceRecords(campaign, { noticeId, occurrence: occurrence.date, at, attendeeIds });
      // per-attendee records carry the attendee in `by`; the occurrence's own record has none
      const ids = own.filter((r) => r.by !== null || change.remaining === 0).map((r) => r.id);
      // the party flag may have changed since the mark: an id that was never stored is ignored
      if (hasPartyMetric) for (const userId of new Set(attendeeIds)) ids.push(partyId(userId));
      if (ids.length > 0) await repo.removeAttendance(ids);
      return;
    }
    const records: ProgressRecord[] = attendanceRecords(campaign, { noticeId, occurrence: occurrence.date, at, attendeeIds });
    if (hasPartyMetric) {
      const members = await partyMembers([...new Set(attendeeIds)]);
      for (const userId of new Set(attendeeIds)) {
        if (!members.has(userId)) continue;
        records.push({ id: partyId(userId), metricId: PARTY_METRIC, amount: 1, at, by: userId, source: "attendance" });
      }
    }
    if (records.length > 0) await repo.addAttendance(records);
  };
}

/**
 * Turns `/attended <notice-id> <date> +N` into campaign progress: N people counted at the door of
 * that occurrence, on every metric fed per attendee. A new count replaces the previous one (sending
 * the same line twice counts once); resolves with the previous count (0 when there was none), or
 * undefined when no metric is fed by this notice's attendance.
 */
export function createWalkInsFeed(campaign: Campaign, repo: CampaignRepo) {
  return async (noticeId: string, occurrence: { date: string; startsAt: string }, count: number): Promise<{ previous: number } | undefined> => {
    const records = walkInsRecords(campaign, { noticeId, occurrence: occurrence.date, at: occurrence.startsAt, count });
    const walkIns = records.filter((r) => r.walkIns === true);
    if (walkIns.length === 0) return undefined;
    const { removed } = await repo.replaceAttendance(walkIns.map((r) => r.id), records);
    const first = walkIns[0];
    const previous = removed.find((r) => first !== undefined && r.id === walkInsRecordId(noticeId, occurrence.date, first.metricId));
    return { previous: previous?.amount ?? 0 };
  };
}

/** What `createWalkInsFeed` makes. */
export type WalkInsFeed = ReturnType<typeof createWalkInsFeed>;
