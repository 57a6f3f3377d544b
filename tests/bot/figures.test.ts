/**
 * Figures that stay true (issue 11), through the whole app: one /attended mark must not pull the
 * seed's 200 cleanup participants down to 1; walk-ins (`+N`) complete the count; every place that
 * shows the figure (/progress, answers, targets.csv, the chart) says the same and names its period.
 */
import { jsonPartyMembers } from "../../src/store/users-repo.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttendanceFeed, createWalkInsFeed } from "../../src/store/attendance-feed.js";
import type { ChartSpec } from "../../src/bot/chart/progress-chart.js";
import { command, makeUser, privateMessage } from "../../tools/fake-bot-api/index.js";
import { createAppHarness, type AppHarness } from "./app-harness.js";
import { createHarness } from "./campaign-harness.js";

// Saturday 5 December 2026, 12:00 in Shanghai: the cleanup day of 28 November was last week
const NOW = new Date("2026-12-05T04:00:00Z");
const admin = makeUser(1, { first_name: "张主任", language_code: "zh" });
const enAdmin = makeUser(2, { first_name: "Li", language_code: "en" });
const resident = makeUser(600, { first_name: "王芳", language_code: "zh" });

let h: AppHarness;
beforeEach(async () => {
  h = await createAppHarness(NOW, "1,2");
});
afterEach(async () => {
  await h.close();
});

const weeklyLine = (text: string): string | undefined => text.split("\n").find((l) => l.startsWith("每周卫生日参与人数"));

describe("per-period figures", () => {
  it("one attendee marked leaves the seed's 200 in place; walk-ins complete last week's count", async () => {
    await h.send(privateMessage(resident, "你好"));
    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 600"));
    h.replies(admin.id);
    await h.send(command(resident, "/progress"));
    expect(weeklyLine(h.replies(resident.id).at(-1) ?? "")).toBe("每周卫生日参与人数（6月29日那周）：200/230 人 · 87%");
    await h.send(command(resident, "/progress", "每周卫生日参与人数"));
    expect(h.replies(resident.id).at(-1)).toContain("上周已标记到场 1 人，现场总人数还没录入");

    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 +180"));
    expect(h.replies(admin.id).at(-1)).toMatch(/现场另有 180 人，加上已标记到场的 1 人，共 181 人/);
    // the same line again replaces, it does not add
    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 +180"));
    expect(h.replies(admin.id).at(-1)).toMatch(/现场另有 180 人（替换之前录入的 180 人），.*共 181 人/);

    await h.send(command(resident, "/progress"));
    expect(weeklyLine(h.replies(resident.id).at(-1) ?? "")).toBe("每周卫生日参与人数（上周）：181/230 人 · 79%");
    await h.send(privateMessage(resident, "卫生日每周多少人参加"));
    expect(h.replies(resident.id).at(-1)).toMatch(/^每周卫生日参与人数（上周）：181 人，平均每期 190.5 人，目标 230 人\/周/);

    await h.send(command(admin, "/export"));
    const row = (h.documents())["targets.csv"]?.split("\r\n").find((l) => l.startsWith("weekly_cleanup_participants,"));
    expect(row).toBe("weekly_cleanup_participants,每周卫生日参与人数,每期,人/周,181,2026-11-23,230,79");
  });

  it("a staff head count of the week wins over a smaller attendance", async () => {
    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 600 +20"));
    await h.send(command(enAdmin, "/progress", "weekly cleanup"));
    expect(h.replies(enAdmin.id).at(-1)).toContain("Weekly cleanup participants (last week): 21 people / target 230 people/week");
  });

  it("refuses a bad walk-in count with the usage", async () => {
    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 +abc"));
    expect(h.replies(admin.id).at(-1)).toMatch(/^用法：\/attended/);
    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 +99999"));
    expect(h.replies(admin.id).at(-1)).toMatch(/^用法：\/attended/);
  });
});

describe("the chart follows the same figure", () => {
  it("shows last week's count, not one mark", async () => {
    let spec: ChartSpec | undefined;
    const c = await createHarness({ chart: (s) => ((spec = s), Buffer.from("png")) });
    try {
      const occurrence = { date: "2026-10-31", startsAt: "2026-10-31T00:30:00.000Z" };
      await createAttendanceFeed(jsonPartyMembers(c.store), c.repo.campaign, c.repo)("cleanup-day", occurrence, [600]);
      await c.send(command(makeUser(1), "/progress"));
      const bar = () => spec?.bars.find((b) => b.label === "每周卫生日参与人数")?.percent;
      expect(bar()).toBe(87);
      await createWalkInsFeed(c.repo.campaign, c.repo)("cleanup-day", occurrence, 250);
      await c.send(command(makeUser(1), "/progress"));
      expect(bar()).toBe(109);
    } finally {
      await c.close();
    }
  });
});

describe("a question naming one notice", () => {
  it("answers that notice only, in simplified or traditional characters", async () => {
    for (const q of ["下次灭四害什么时候", "下次滅四害什麼時候"]) {
      await h.send(privateMessage(resident, q));
      const answer = h.replies(resident.id).at(-1) ?? "";
      expect(answer).toContain("除四害日");
      expect(answer).toContain("12月9日");
      for (const other of ["周末卫生日", "卫生健康专刊", "市民学校"]) expect(answer).not.toContain(other);
    }
  });
});

describe("English plurals in campaign texts", () => {
  it("says 1 truckload and 1 person, 2 truckloads and 2 people", async () => {
    await h.send(command(enAdmin, "/target", "garbage 1"));
    expect(h.replies(enAdmin.id).at(-1)).toMatch(/^Target of “Garbage cleared” set to 1 truckload\./);
    await h.send(command(enAdmin, "/record", "garbage 2"));
    expect(h.replies(enAdmin.id).at(-1)).toMatch(/^Recorded: Garbage cleared \+2 truckloads\./);
    await h.send(command(enAdmin, "/record", "awareness_surveys 1 aware=1"));
    expect(h.replies(enAdmin.id).at(-1)).toMatch(/^Recorded a batch of awareness surveys: 1 form, 1 aware\./);
    await h.send(command(admin, "/attended", "cleanup-day 2026-11-28 +0"));
    await h.send(command(enAdmin, "/attended", "cleanup-day 2026-11-28 +1"));
    expect(h.replies(enAdmin.id).at(-1)).toMatch(/: 1 more person at the door; with the 0 marked as attended, 1 person in all, counted as participants\.$/);
    await h.send(command(enAdmin, "/progress", "weekly cleanup"));
    expect(h.replies(enAdmin.id).at(-1)).toContain("Weekly cleanup participants (last week): 1 person / target 230 people/week");
  });
});

describe("help", () => {
  it("shows Chinese examples in Chinese, with Chinese quotes", async () => {
    await h.send(command(resident, "/help"));
    const help = h.replies(resident.id).at(-1) ?? "";
    expect(help).toContain("/progress 知晓率");
    expect(help).toContain("“知晓率达标了吗？”");
    expect(help).not.toMatch(/awareness_rate|"/);
  });
});
