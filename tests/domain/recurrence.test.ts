import { describe, expect, it } from "vitest";
import type { NoticeCatalog, NoticeDef, NoticeRule, ReminderSpec } from "../../src/domain/notice.js";
import {
  addDays,
  bulletinFor,
  dueReminders,
  isLocalDate,
  localDateOf,
  localToInstant,
  nextOccurrence,
  nextReminder,
  occurrenceOn,
  occurrencesBetween,
  reminderDeadline,
  reminderTime,
} from "../../src/domain/recurrence.js";

const SH = "Asia/Shanghai";
const NY = "America/New_York";

function notice(id: string, rule: NoticeRule, reminders: ReminderSpec[] = []): NoticeDef {
  return {
    id,
    title: { zh: id, en: id },
    text: { zh: "{date}", en: "{date}" },
    rule,
    durationMinutes: 60,
    reminders,
  };
}

const cleanup = notice("cleanup-day", { kind: "monthly-nth-weekday", nth: -1, weekday: 6, time: "08:30" }, [
  { id: "eve", dayOffset: -1, time: "19:00" },
  { id: "morning", dayOffset: 0, time: "07:30" },
]);
const pest = notice("pest-control", { kind: "monthly-nth-weekday", nth: 2, weekday: 3, time: "09:00" }, [
  { id: "eve", dayOffset: -1, time: "19:00" },
]);
const health = notice("health-bulletin", { kind: "monthly-day", day: 1, months: [1, 3, 5, 7, 9, 11], time: "10:00" }, [
  { id: "publish", dayOffset: 0, time: "10:00" },
]);
const lecture = notice("civility-lecture", { kind: "monthly-nth-weekday", nth: 3, weekday: 0, time: "15:00" }, [
  { id: "eve", dayOffset: -1, time: "19:00" },
]);
const catalog: NoticeCatalog = { timezone: SH, notices: [cleanup, pest, health, lecture], bulletins: [] };

const at = (iso: string) => new Date(iso);
const dates = (n: NoticeDef, tz: string, from: string, to: string) =>
  occurrencesBetween(n, tz, at(from), at(to)).map((o) => o.date);

describe("occurrences", () => {
  it("last Saturday of Nov 2026 is the 28th, 08:30 Shanghai", () => {
    const occ = nextOccurrence(cleanup, SH, at("2026-11-25T00:00:00Z"));
    expect(occ).toEqual({ noticeId: "cleanup-day", date: "2026-11-28", startsAt: at("2026-11-28T00:30:00Z") });
  });

  it("last Saturday when the month ends on a Sunday (Jan 2027 → 30th) and on a Thursday (Dec 2026 → 26th)", () => {
    expect(dates(cleanup, SH, "2026-12-01T00:00:00Z", "2027-02-01T00:00:00Z")).toEqual(["2026-12-26", "2027-01-30"]);
  });

  it("second Wednesday of Dec 2026 is the 9th", () => {
    expect(nextOccurrence(pest, SH, at("2026-11-30T00:00:00Z"))?.date).toBe("2026-12-09");
    expect(nextOccurrence(pest, SH, at("2026-11-30T00:00:00Z"))?.startsAt).toEqual(at("2026-12-09T01:00:00Z"));
  });

  it("third Sunday: 15 Nov and 20 Dec 2026", () => {
    expect(dates(lecture, SH, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z")).toEqual(["2026-11-15", "2026-12-20"]);
  });

  it("odd-month day 1: 2027-01-01 10:00 Shanghai = 02:00Z, then 1 March", () => {
    const occs = occurrencesBetween(health, SH, at("2026-11-25T00:00:00Z"), at("2027-03-31T00:00:00Z"));
    expect(occs.map((o) => o.date)).toEqual(["2027-01-01", "2027-03-01"]);
    expect(occs[0]?.startsAt).toEqual(at("2027-01-01T02:00:00Z"));
  });

  it("range is [from, to): start at `from` included, at `to` excluded", () => {
    expect(dates(cleanup, SH, "2026-11-28T00:30:00Z", "2026-11-28T00:31:00Z")).toEqual(["2026-11-28"]);
    expect(dates(cleanup, SH, "2026-11-28T00:00:00Z", "2026-11-28T00:30:00Z")).toEqual([]);
  });

  it("the local date differs from the UTC date for an early-morning start", () => {
    const early = notice("early", { kind: "weekly", weekday: 1, time: "06:00" });
    const occ = nextOccurrence(early, SH, at("2026-11-29T00:00:00Z"));
    expect(occ?.date).toBe("2026-11-30");
    expect(occ?.startsAt).toEqual(at("2026-11-29T22:00:00Z"));
  });

  it("Feb 29 2028 exists; a Feb-29 rule then skips to 2032", () => {
    const leap = notice("leap", { kind: "monthly-day", day: 29, months: [2], time: "09:00" });
    expect(nextOccurrence(leap, SH, at("2027-01-01T00:00:00Z"))?.date).toBe("2028-02-29");
    expect(nextOccurrence(leap, SH, at("2028-03-01T00:00:00Z"))?.date).toBe("2032-02-29");
    const lastTue = notice("last-tue", { kind: "monthly-nth-weekday", nth: -1, weekday: 2, time: "09:00" });
    expect(nextOccurrence(lastTue, SH, at("2028-02-01T00:00:00Z"))?.date).toBe("2028-02-29");
  });

  it("monthly-day 31 skips months without a 31st", () => {
    const d31 = notice("d31", { kind: "monthly-day", day: 31, time: "12:00" });
    expect(dates(d31, SH, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")).toEqual([
      "2027-01-31",
      "2027-03-31",
      "2027-05-31",
      "2027-07-31",
      "2027-08-31",
      "2027-10-31",
      "2027-12-31",
    ]);
    expect(nextOccurrence(d31, SH, at("2027-02-01T00:00:00Z"))?.date).toBe("2027-03-31");
  });

  it("weekly and once rules", () => {
    const weekly = notice("w", { kind: "weekly", weekday: 5, time: "18:00" });
    expect(dates(weekly, SH, "2026-11-25T00:00:00Z", "2026-12-15T00:00:00Z")).toEqual([
      "2026-11-27",
      "2026-12-04",
      "2026-12-11",
    ]);
    const once = notice("o", { kind: "once", date: "2026-12-24", time: "18:00" });
    expect(nextOccurrence(once, SH, at("2026-11-25T00:00:00Z"))?.startsAt).toEqual(at("2026-12-24T10:00:00Z"));
    expect(nextOccurrence(once, SH, at("2026-12-24T10:00:01Z"))).toBeUndefined();
  });

  it("an occurrence in progress is not next; one starting exactly now is", () => {
    expect(nextOccurrence(cleanup, SH, at("2026-11-28T01:00:00Z"))?.date).toBe("2026-12-26");
    expect(nextOccurrence(cleanup, SH, at("2026-11-28T00:30:00Z"))?.date).toBe("2026-11-28");
  });

  it("occurrenceOn validates the date", () => {
    expect(occurrenceOn(cleanup, SH, "2026-11-28")?.startsAt).toEqual(at("2026-11-28T00:30:00Z"));
    expect(occurrenceOn(cleanup, SH, "2026-11-21")).toBeUndefined();
    expect(occurrenceOn(cleanup, SH, "2026-11-31")).toBeUndefined();
    expect(occurrenceOn(cleanup, SH, "28.11.2026")).toBeUndefined();
    expect(occurrenceOn(health, SH, "2027-02-01")).toBeUndefined();
  });
});

describe("skipped dates", () => {
  // no cleanup day on 26 Dec 2026 (say, the Spring Festival clean-up is done another way)
  const skipping: NoticeDef = { ...cleanup, skip: ["2026-12-26"] };

  it("are not occurrences: not next, not in a range, not on their date", () => {
    expect(nextOccurrence(skipping, SH, at("2026-12-01T00:00:00Z"))?.date).toBe("2027-01-30");
    expect(occurrencesBetween(skipping, SH, at("2026-11-01T00:00:00Z"), at("2027-02-01T00:00:00Z")).map((o) => o.date)).toEqual(["2026-11-28", "2027-01-30"]);
    expect(occurrenceOn(skipping, SH, "2026-12-26")).toBeUndefined();
    expect(occurrenceOn(skipping, SH, "2026-11-28")?.date).toBe("2026-11-28");
  });

  it("have no reminders, while the other dates keep theirs", () => {
    const withSkip: NoticeCatalog = { ...catalog, notices: [skipping] };
    const eveOf26 = at("2026-12-25T11:00:00Z"); // 19:00 on the 25th
    expect(dueReminders(withSkip, at("2026-12-25T10:00:00Z"), eveOf26)).toEqual([]);
    expect(dueReminders(catalog, at("2026-12-25T10:00:00Z"), eveOf26).map((r) => r.key)).toEqual(["cleanup-day:2026-12-26:eve"]);
    expect(dueReminders(withSkip, at("2027-01-29T10:00:00Z"), at("2027-01-29T11:00:00Z")).map((r) => r.key)).toEqual(["cleanup-day:2027-01-30:eve"]);
  });
});

describe("calendar helpers", () => {
  it("addDays crosses month and year ends, and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
  it("isLocalDate rejects impossible dates", () => {
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalDate("2027-02-29")).toBe(false);
    expect(isLocalDate("2027-13-01")).toBe(false);
  });
  it("localDateOf uses the community zone", () => {
    expect(localDateOf(at("2026-11-27T16:00:00Z"), SH)).toBe("2026-11-28");
    expect(localDateOf(at("2026-11-27T15:59:59Z"), SH)).toBe("2026-11-27");
  });
});

describe("reminders", () => {
  it("reminderTime: eve 19:00 the day before, across a month end", () => {
    const occ = occurrenceOn(pest, SH, "2027-09-08");
    expect(occ).toBeDefined();
    // first of the month: the eve is on the last day of the previous month
    const first = occurrenceOn(health, SH, "2027-03-01");
    expect(reminderTime(first!, { id: "eve", dayOffset: -1, time: "19:00" }, SH)).toEqual(at("2027-02-28T11:00:00Z"));
    expect(reminderTime(occ!, pest.reminders[0]!, SH)).toEqual(at("2027-09-07T11:00:00Z"));
  });

  it("dueReminders after a downtime: both missed reminders sent once if the event has not started", () => {
    const since = at("2026-11-27T10:00:00Z"); // 18:00 on the 27th, then the bot went down
    const now = at("2026-11-28T00:00:00Z"); // back at 08:00 on the 28th, event at 08:30
    expect(dueReminders(catalog, since, now)).toEqual([
      {
        noticeId: "cleanup-day",
        date: "2026-11-28",
        reminderId: "eve",
        dueAt: at("2026-11-27T11:00:00Z"),
        startsAt: at("2026-11-28T00:30:00Z"),
        key: "cleanup-day:2026-11-28:eve",
      },
      {
        noticeId: "cleanup-day",
        date: "2026-11-28",
        reminderId: "morning",
        dueAt: at("2026-11-27T23:30:00Z"),
        startsAt: at("2026-11-28T00:30:00Z"),
        key: "cleanup-day:2026-11-28:morning",
      },
    ]);
  });

  it("dueReminders after a long downtime: a reminder a week ahead is still sent days late, before its event", () => {
    const weekAhead = notice("lecture", { kind: "monthly-day", day: 20, time: "10:00" }, [{ id: "week", dayOffset: -7, time: "19:00" }]);
    const c: NoticeCatalog = { timezone: SH, notices: [weekAhead], bulletins: [] };
    // due Wed 13 Jan 19:00 (11:00Z); the bot was down from 18:00 that day to Sun 17 Jan 08:00
    expect(dueReminders(c, at("2027-01-13T10:00:00Z"), at("2027-01-17T00:00:00Z")).map((r) => r.key)).toEqual(["lecture:2027-01-20:week"]);
    // once the lecture has begun, it is no longer useful
    expect(dueReminders(c, at("2027-01-13T10:00:00Z"), at("2027-01-20T02:00:00Z"))).toEqual([]);
  });

  it("dueReminders drops reminders whose event has begun", () => {
    expect(dueReminders(catalog, at("2026-11-27T10:00:00Z"), at("2026-11-28T00:30:00Z"))).toEqual([]);
    expect(dueReminders(catalog, at("2026-11-27T10:00:00Z"), at("2026-11-28T05:00:00Z"))).toEqual([]);
  });

  it("dueReminders respects since < dueAt <= now", () => {
    const eve = at("2026-11-27T11:00:00Z");
    expect(dueReminders(catalog, eve, at("2026-11-27T12:00:00Z"))).toEqual([]);
    expect(dueReminders(catalog, at("2026-11-27T10:59:00Z"), eve).map((r) => r.key)).toEqual([
      "cleanup-day:2026-11-28:eve",
    ]);
    expect(dueReminders(catalog, eve, eve)).toEqual([]);
  });

  it("a reminder at the event time (the bulletin) is due at that time and until the end of its day", () => {
    const keys = (s: string, n: string) => dueReminders(catalog, at(s), at(n)).map((r) => r.key);
    expect(keys("2027-01-01T01:59:00Z", "2027-01-01T02:00:00Z")).toEqual(["health-bulletin:2027-01-01:publish"]);
    expect(keys("2026-12-31T12:00:00Z", "2027-01-01T15:59:00Z")).toEqual(["health-bulletin:2027-01-01:publish"]);
    expect(keys("2026-12-31T12:00:00Z", "2027-01-01T16:00:00Z")).toEqual([]);
    const r = { dueAt: at("2027-01-01T02:00:00Z"), startsAt: at("2027-01-01T02:00:00Z") };
    expect(reminderDeadline(r, SH)).toEqual(at("2027-01-01T16:00:00Z"));
  });

  it("a scheduler ticking every ten minutes for five weeks sees each key exactly once", () => {
    const seen = new Map<string, number>();
    let since = at("2026-11-25T00:00:00Z");
    for (let t = since.getTime() + 600_000; t <= at("2027-01-02T00:00:00Z").getTime(); t += 600_000) {
      const now = new Date(t);
      for (const r of dueReminders(catalog, since, now)) seen.set(r.key, (seen.get(r.key) ?? 0) + 1);
      since = now;
    }
    expect([...seen.keys()].sort()).toEqual([
      "civility-lecture:2026-12-20:eve",
      "cleanup-day:2026-11-28:eve",
      "cleanup-day:2026-11-28:morning",
      "cleanup-day:2026-12-26:eve",
      "cleanup-day:2026-12-26:morning",
      "health-bulletin:2027-01-01:publish",
      "pest-control:2026-12-09:eve",
    ]);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it("nextReminder gives the next occurrence and its reminders, marking the next not yet due", () => {
    const next = nextReminder(cleanup, SH, at("2026-11-27T12:00:00Z"));
    expect(next?.occurrence.date).toBe("2026-11-28");
    expect(next?.reminders.map((r) => r.reminderId)).toEqual(["eve", "morning"]);
    expect(next?.next?.key).toBe("cleanup-day:2026-11-28:morning");
    expect(nextReminder(cleanup, SH, at("2026-11-28T00:00:00Z"))?.next).toBeUndefined();
  });
});

describe("daylight saving time", () => {
  it("a nonexistent local time is shifted forward by the gap", () => {
    expect(localToInstant("2027-03-14", "02:30", NY)).toEqual(at("2027-03-14T07:30:00Z")); // 03:30 EDT
    expect(localToInstant("2027-03-28", "02:30", "Europe/Berlin")).toEqual(at("2027-03-28T01:30:00Z")); // 03:30 CEST
    expect(localToInstant("2026-10-04", "02:15", "Australia/Lord_Howe")).toEqual(at("2026-10-03T15:45:00Z")); // 02:45 +11
  });

  it("an ambiguous local time is the first of the two", () => {
    expect(localToInstant("2026-11-01", "01:30", NY)).toEqual(at("2026-11-01T05:30:00Z")); // 01:30 EDT
    expect(localToInstant("2026-10-25", "02:30", "Europe/Berlin")).toEqual(at("2026-10-25T00:30:00Z")); // CEST
  });

  it("ordinary times on either side of a transition keep their own offset", () => {
    expect(localToInstant("2027-03-14", "01:59", NY)).toEqual(at("2027-03-14T06:59:00Z"));
    expect(localToInstant("2027-03-14", "03:00", NY)).toEqual(at("2027-03-14T07:00:00Z"));
    expect(localToInstant("2026-11-01", "02:00", NY)).toEqual(at("2026-11-01T07:00:00Z"));
    expect(localToInstant("2026-11-28", "08:30", SH)).toEqual(at("2026-11-28T00:30:00Z"));
  });

  function tickThrough(c: NoticeCatalog, from: string, to: string): Map<string, Date[]> {
    const seen = new Map<string, Date[]>();
    let since = at(from);
    for (let t = since.getTime() + 300_000; t <= at(to).getTime(); t += 300_000) {
      const now = new Date(t);
      for (const r of dueReminders(c, since, now)) seen.set(r.key, [...(seen.get(r.key) ?? []), r.dueAt]);
      since = now;
    }
    return seen;
  }

  it("spring forward: a 02:30 reminder fires exactly once, at 03:30 local", () => {
    const n = notice("dst", { kind: "weekly", weekday: 0, time: "09:00" }, [{ id: "r", dayOffset: 0, time: "02:30" }]);
    const seen = tickThrough({ timezone: NY, notices: [n], bulletins: [] }, "2027-03-13T12:00:00Z", "2027-03-14T20:00:00Z");
    expect([...seen.entries()]).toEqual([["dst:2027-03-14:r", [at("2027-03-14T07:30:00Z")]]]);
  });

  it("fall back: an ambiguous 01:30 reminder fires exactly once, the first time", () => {
    const n = notice("dst", { kind: "weekly", weekday: 0, time: "09:00" }, [{ id: "r", dayOffset: 0, time: "01:30" }]);
    const seen = tickThrough({ timezone: NY, notices: [n], bulletins: [] }, "2026-10-31T12:00:00Z", "2026-11-01T20:00:00Z");
    expect([...seen.entries()]).toEqual([["dst:2026-11-01:r", [at("2026-11-01T05:30:00Z")]]]);
  });

  it("an event at a nonexistent time starts once, on the right local date", () => {
    const n = notice("dst", { kind: "weekly", weekday: 0, time: "02:30" });
    const occs = occurrencesBetween(n, NY, at("2027-03-07T00:00:00Z"), at("2027-03-22T00:00:00Z"));
    expect(occs.map((o) => [o.date, o.startsAt.toISOString()])).toEqual([
      ["2027-03-07", "2027-03-07T07:30:00.000Z"],
      ["2027-03-14", "2027-03-14T07:30:00.000Z"],
      ["2027-03-21", "2027-03-21T06:30:00.000Z"],
    ]);
  });
});

describe("bulletinFor", () => {
  const title = { zh: "t", en: "t" };
  const c = {
    bulletins: [
      { id: "2027-03", title, body: title },
      { id: "2027-01", publishOn: "2027-01-01", title, body: title },
      { id: "2027-05", publishOn: "2027-04-28", title, body: title },
    ],
  };
  it("picks the one published that day, else the latest before", () => {
    expect(bulletinFor(c, "2026-11-01")).toBeUndefined();
    expect(bulletinFor(c, "2027-01-01")?.id).toBe("2027-01");
    expect(bulletinFor(c, "2027-02-15")?.id).toBe("2027-01");
    expect(bulletinFor(c, "2027-03-01")?.id).toBe("2027-03");
    expect(bulletinFor(c, "2027-05-01")?.id).toBe("2027-05");
  });
});
