import { describe, expect, it } from "vitest";
import type { Bulletin, NoticeDef } from "../../src/domain/notice.js";
import { formatDate, placeholdersIn, renderNoticeText } from "../../src/domain/notice-text.js";
import { occurrenceOn } from "../../src/domain/recurrence.js";

const SH = "Asia/Shanghai";

const cleanup: NoticeDef = {
  id: "cleanup-day",
  title: { zh: "周末卫生日", en: "Cleanup day" },
  text: { zh: "{title}：{date}在{place}集合（{day}，{time}）", en: "{title}: {date} at {place} ({day}, {time}) {unknown}" },
  place: { zh: "柳河路40号小区门口", en: "the No. 40 gate" },
  rule: { kind: "monthly-nth-weekday", nth: -1, weekday: 6, time: "08:30" },
  durationMinutes: 180,
  reminders: [],
};

describe("formatDate", () => {
  it("formats an instant in the community zone, with the time", () => {
    const instant = new Date("2026-11-29T00:30:00Z"); // Sunday 29 Nov, 08:30 Shanghai
    expect(formatDate(instant, SH, "zh")).toBe("11月29日（周日）08:30");
    expect(formatDate(instant, SH, "en")).toBe("Sun 29 Nov, 08:30");
  });
  it("uses the local date, not the UTC one", () => {
    const instant = new Date("2026-11-27T16:30:00Z"); // already Saturday 28th 00:30 in Shanghai
    expect(formatDate(instant, SH, "zh")).toBe("11月28日（周六）00:30");
    expect(formatDate(instant, "America/New_York", "en")).toBe("Fri 27 Nov, 11:30");
  });
  it("formats a calendar date without a time", () => {
    expect(formatDate("2026-11-28", SH, "zh")).toBe("11月28日（周六）");
    expect(formatDate("2026-11-28", SH, "en")).toBe("Sat 28 Nov");
    expect(formatDate("2027-01-01", SH, "en")).toBe("Fri 1 Jan");
    expect(formatDate("2027-09-08", SH, "en")).toBe("Wed 8 Sep");
  });
});

describe("renderNoticeText", () => {
  const occ = occurrenceOn(cleanup, SH, "2026-11-28")!;
  it("fills the placeholders per language and leaves unknown ones", () => {
    expect(renderNoticeText(cleanup, occ, SH, "zh")).toBe(
      "周末卫生日：11月28日（周六）08:30在柳河路40号小区门口集合（11月28日（周六），08:30）",
    );
    expect(renderNoticeText(cleanup, occ, SH, "en")).toBe(
      "Cleanup day: Sat 28 Nov, 08:30 at the No. 40 gate (Sat 28 Nov, 08:30) {unknown}",
    );
  });
  it("leaves names of Object's own properties as written", () => {
    const n = { ...cleanup, text: { zh: "{constructor} {toString} {title}", en: "x" } };
    expect(renderNoticeText(n, occ, SH, "zh")).toBe("{constructor} {toString} 周末卫生日");
  });
  it("does not escape: data text is plain text, escaping is the caller's", () => {
    const n = { ...cleanup, text: { zh: "<b>{place}</b> & co", en: "x" }, place: { zh: "A&B", en: "A&B" } };
    expect(renderNoticeText(n, occ, SH, "zh")).toBe("<b>A&B</b> & co");
  });
  it("fills the bulletin, or leaves it empty without one", () => {
    const n = { ...cleanup, bulletin: true, text: { zh: "专刊 {bulletinTitle}\n\n{bulletin}", en: "{bulletin}" } };
    const b: Bulletin = { id: "2027-01", title: { zh: "第1期", en: "No. 1" }, body: { zh: "灭鼠", en: "Rats" } };
    expect(renderNoticeText(n, occ, SH, "zh", b)).toBe("专刊 第1期\n\n灭鼠");
    expect(renderNoticeText(n, occ, SH, "en", b)).toBe("Rats");
    expect(renderNoticeText(n, occ, SH, "zh")).toBe("专刊");
  });
  it("placeholdersIn lists the names used", () => {
    expect(placeholdersIn("{date} at {place}, {date}")).toEqual(["date", "place", "date"]);
  });
});
