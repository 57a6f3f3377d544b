import { beforeAll, describe, expect, it } from "vitest";
import { apply, createAggregates, currentValue } from "../../../src/domain/campaign/aggregates.js";
import { attendanceRecords, walkInsRecords } from "../../../src/domain/campaign/attendance.js";
import { findMetric, type Campaign } from "../../../src/domain/campaign/metric.js";
import { loadRealCampaign } from "./fixture.js";

let campaign: Campaign;
beforeAll(async () => {
  campaign = (await loadRealCampaign()).campaign;
});

describe("attendanceRecords", () => {
  it("cleanup-day attendance counts one per attendee in weekly_cleanup_participants", () => {
    const records = attendanceRecords(campaign, { noticeId: "cleanup-day", occurrence: "2026-07-25", at: "2026-07-25T00:30:00Z", attendeeIds: [11, 12, 12] });
    expect(records).toEqual([
      { id: "attendance:cleanup-day:2026-07-25:11:weekly_cleanup_participants", metricId: "weekly_cleanup_participants", amount: 1, at: "2026-07-25T00:30:00Z", by: 11, source: "attendance" },
      { id: "attendance:cleanup-day:2026-07-25:12:weekly_cleanup_participants", metricId: "weekly_cleanup_participants", amount: 1, at: "2026-07-25T00:30:00Z", by: 12, source: "attendance" },
    ]);
    const agg = createAggregates(campaign);
    for (const r of records) apply(agg, r);
    const metric = findMetric(campaign, "weekly_cleanup_participants");
    if (metric === undefined) throw new Error("missing");
    // marks alone are not a head count: they wait beside the figure until walk-ins complete them
    const now = new Date("2026-07-26T00:00:00Z");
    expect(currentValue(agg, metric, now, "Asia/Shanghai")).toMatchObject({ value: 0, periodKey: null, pending: { periodKey: "2026-07-20", marked: 2 } });
    for (const r of walkInsRecords(campaign, { noticeId: "cleanup-day", occurrence: "2026-07-25", at: "2026-07-25T00:30:00Z", count: 0 })) apply(agg, r);
    expect(currentValue(agg, metric, now, "Asia/Shanghai")).toMatchObject({ value: 2, periodKey: "2026-07-20", isCurrent: true });
    expect(currentValue(agg, metric, now, "Asia/Shanghai")).not.toHaveProperty("pending");
  });

  it("a civility lecture held counts one moral-practice session", () => {
    const records = attendanceRecords(campaign, { noticeId: "civility-lecture", occurrence: "2026-07-19", at: "2026-07-19T07:00:00Z", attendeeIds: [1, 2, 3] });
    expect(records.map((r) => [r.metricId, r.amount, r.id])).toEqual([["moral_practice_events", 1, "attendance:civility-lecture:2026-07-19:held:moral_practice_events"]]);
    expect(attendanceRecords(campaign, { noticeId: "civility-lecture", occurrence: "2026-07-19", at: "2026-07-19T07:00:00Z", attendeeIds: [] })).toEqual([]);
  });

  it("notices without a feed produce nothing", () => {
    expect(attendanceRecords(campaign, { noticeId: "pest-control", occurrence: "2026-07-08", at: "2026-07-08T01:00:00Z", attendeeIds: [5] })).toEqual([]);
  });
});

describe("walkInsRecords", () => {
  it("counts walk-ins on the per-attendee metric as a head count, and holds a lecture", () => {
    expect(walkInsRecords(campaign, { noticeId: "cleanup-day", occurrence: "2026-11-28", at: "2026-11-28T00:30:00Z", count: 180 })).toEqual([
      { id: "attendance:cleanup-day:2026-11-28:walk-ins:weekly_cleanup_participants", metricId: "weekly_cleanup_participants", amount: 180, at: "2026-11-28T00:30:00Z", by: null, source: "attendance", walkIns: true },
    ]);
    const lecture = walkInsRecords(campaign, { noticeId: "civility-lecture", occurrence: "2026-07-19", at: "2026-07-19T07:00:00Z", count: 30 });
    expect(lecture.map((r) => r.id)).toEqual(["attendance:civility-lecture:2026-07-19:held:moral_practice_events"]);
    expect(walkInsRecords(campaign, { noticeId: "pest-control", occurrence: "2026-07-08", at: "2026-07-08T01:00:00Z", count: 5 })).toEqual([]);
  });
});
