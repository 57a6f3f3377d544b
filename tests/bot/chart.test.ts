import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chartSvg, createChartRenderer } from "../../src/bot/chart/progress-chart.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { createTestTranslate } from "../helpers/fluent.js";

const covered = new Set(readFileSync(fileURLToPath(new URL("../../src/bot/chart/fonts/covered-chars.txt", import.meta.url)), "utf8"));

describe("progress chart", () => {
  it("has a glyph in the shipped font for every character of the Chinese labels", async () => {
    const { campaign } = await loadCampaign("data");
    const t = createTestTranslate("zh");
    const texts = [...campaign.metrics.map((m) => m.name.zh), t("campaign-chart-title", { year: "2026", since: "no" }), t("campaign-chart-title", { year: "2026", since: "yes" }), t("campaign-target"), "0123456789%"];
    const missing = [...new Set(texts.join(""))].filter((ch) => !covered.has(ch));
    expect(missing).toEqual([]);
  });

  it("renders a PNG with no system fonts, escaping labels", async () => {
    const bars = [{ label: "清运垃圾 <&>", percent: 86, met: false }, { label: "创建知晓率", percent: 130, met: true }];
    expect(chartSvg({ title: "进度", targetLabel: "目标", bars })).toContain("清运垃圾 &lt;&amp;&gt;");
    const png = createChartRenderer()({ title: "进度", targetLabel: "目标", bars });
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(20)).toBe(70 + 2 * 34 + 30); // IHDR height: one row per bar
  });

  it("fails loudly when the font is missing", () => {
    expect(() => createChartRenderer({ fontFile: "/nonexistent/font.otf" })({ title: "x", targetLabel: "y", bars: [] })).toThrow(/chart font missing/);
  });
});
