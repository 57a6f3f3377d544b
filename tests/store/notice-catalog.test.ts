import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderNoticeText } from "../../src/domain/notice-text.js";
import { bulletinFor, nextOccurrence } from "../../src/domain/recurrence.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";

const DATA = join(import.meta.dirname, "../../data");

describe("the shipped data", () => {
  it("loads the four notices and the first bulletin", async () => {
    const c = await loadNoticeCatalog(DATA);
    expect(c.timezone).toBe("Asia/Shanghai");
    expect(c.notices.map((n) => n.id)).toEqual(["cleanup-day", "pest-control", "health-bulletin", "civility-lecture"]);
    const cleanup = c.notices.find((n) => n.id === "cleanup-day")!;
    expect(cleanup.rule).toEqual({ kind: "monthly-nth-weekday", nth: -1, weekday: 6, time: "08:30" });
    expect(cleanup.reminders).toEqual([
      { id: "eve", dayOffset: -1, time: "19:00" },
      { id: "morning", dayOffset: 0, time: "07:30" },
    ]);
    expect(cleanup.signup).toEqual({ enabled: true, cutoffMinutes: 120, personalReminderMinutes: 120 });
    expect(cleanup.durationMinutes).toBe(180);
    expect(c.notices.find((n) => n.id === "health-bulletin")?.signup).toBeUndefined();
    expect(c.bulletins.map((b) => b.id)).toEqual(["2027-01"]);
  });

  it("renders the next health bulletin with its issue, in both languages", async () => {
    const c = await loadNoticeCatalog(DATA);
    const health = c.notices.find((n) => n.id === "health-bulletin")!;
    const occ = nextOccurrence(health, c.timezone, new Date("2026-11-25T00:00:00Z"))!;
    expect(occ.startsAt).toEqual(new Date("2027-01-01T02:00:00Z"));
    const issue = bulletinFor(c, occ.date);
    expect(issue?.id).toBe("2027-01");
    const zh = renderNoticeText(health, occ, c.timezone, "zh", issue);
    expect(zh).toContain("2027年第1期");
    expect(zh).toContain("鼠药");
    expect(zh).not.toMatch(/\{\w+\}/);
    expect(renderNoticeText(health, occ, c.timezone, "en", issue)).toContain("rat poison");
  });
});

describe("bad data", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function withNotices(mutate: (data: { notices: Record<string, unknown>[] } & Record<string, unknown>) => void) {
    dir = await mkdtemp(join(tmpdir(), "notices-"));
    const data = JSON.parse(await readFile(join(DATA, "notices.json"), "utf8"));
    mutate(data);
    await writeFile(join(dir, "notices.json"), JSON.stringify(data));
    return dir;
  }
  const file = () => join(dir, "notices.json");

  it("takes skipped dates, and rejects one the rule does not yield (a typo would skip nothing)", async () => {
    let d = await withNotices((data) => (data.notices[0]!.skip = ["2026-12-26"]));
    const loaded = await loadNoticeCatalog(d);
    expect(loaded.notices[0]?.skip).toEqual(["2026-12-26"]);
    await rm(d, { recursive: true, force: true });
    d = await withNotices((data) => (data.notices[0]!.skip = ["2026-12-25", "2026-13-01"]));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(/notices\[0\]\.skip\[1\]: /);
    await rm(d, { recursive: true, force: true });
    d = await withNotices((data) => (data.notices[0]!.skip = ["2026-12-25"]));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(`${file()}: cleanup-day: skip date 2026-12-25 is not a date of this notice's rule`);
  });

  it("rejects a duplicated notice id", async () => {
    const d = await withNotices((data) => data.notices.push({ ...data.notices[0] }));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(`${file()}: notice id "cleanup-day" is used twice`);
  });

  it("rejects a time such as 25:00, naming where", async () => {
    const d = await withNotices((data) => ((data.notices[1]!.rule as { time: string }).time = "25:00"));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(/notices\.json: notices\[1\]\.rule\.time: a time is HH:mm/);
  });

  it("rejects an unknown rule kind", async () => {
    const d = await withNotices((data) => (data.notices[0]!.rule = { kind: "fortnightly", time: "08:00" }));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(/notices\[0\]\.rule/);
  });

  it("rejects a text missing English", async () => {
    const d = await withNotices((data) => (data.notices[2]!.title = { zh: "卫生健康专刊" }));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(/notices\[2\]\.title\.en/);
  });

  it("rejects {place} in a notice without a place (it would read \"meet at .\")", async () => {
    const d = await withNotices((data) => void delete (data.notices[0] as { place?: unknown }).place);
    await expect(loadNoticeCatalog(d)).rejects.toThrow("cleanup-day: text.zh uses {place} but the notice has no place");
  });

  it("rejects an unknown placeholder and a bad time zone", async () => {
    const d = await withNotices((data) => ((data.notices[3]!.text as { zh: string }).zh = "{when}见"));
    await expect(loadNoticeCatalog(d)).rejects.toThrow("civility-lecture: text.zh has unknown placeholder {when}");
    await rm(dir, { recursive: true });
    const d2 = await withNotices((data) => (data.timezone = "Asia/Liuhe"));
    await expect(loadNoticeCatalog(d2)).rejects.toThrow(/timezone: not an IANA time zone/);
  });

  it("rejects a bulletin whose id does not match its file, naming the file", async () => {
    const d = await withNotices(() => {});
    await mkdir(join(d, "bulletins"));
    const bad = join(d, "bulletins", "2027-03.json");
    const t = { zh: "标题", en: "Title" };
    await writeFile(bad, JSON.stringify({ id: "2027-05", title: t, body: t }));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(`${bad}: id "2027-05" does not match the file name`);
    await writeFile(bad, JSON.stringify({ id: "2027-03", title: t, body: { zh: "内容" } }));
    await expect(loadNoticeCatalog(d)).rejects.toThrow(`${bad}: body.en`);
  });

  it("names a missing or unparsable notices.json", async () => {
    dir = await mkdtemp(join(tmpdir(), "notices-"));
    await expect(loadNoticeCatalog(dir)).rejects.toThrow(`${file()}: cannot be read`);
    await writeFile(file(), "{ nope");
    await expect(loadNoticeCatalog(dir)).rejects.toThrow(`${file()}: is not valid JSON`);
  });
});
