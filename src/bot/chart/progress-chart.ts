import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import { escapeHtml } from "../../domain/html.js";

/** One bar: a metric's label and how far it is toward its target. */
export interface ChartBar {
  label: string;
  /** Percent of target reached (may exceed 100; the bar is clamped, the number is not). */
  percent: number;
  met: boolean;
}

/** What the chart shows. Texts are plain (escaped here). */
export interface ChartSpec {
  title: string;
  /** The caption of the 100% line ("目标" / "target"). */
  targetLabel: string;
  bars: ChartBar[];
}

/** Renders a chart to PNG bytes. */
export type ChartRenderer = (spec: ChartSpec) => Buffer;

/** The font shipped beside this file (see fonts/README.md): no system font is needed. */
export const CHART_FONT_FILE = fileURLToPath(new URL("./fonts/chart-sans-sc.otf", import.meta.url));
const FONT_FAMILY = "Chart Sans SC";

const WIDTH = 960;
const LABEL_W = 300;
const BAR_X = LABEL_W + 20;
const BAR_MAX_W = 520;
const ROW_H = 34;
const TOP = 70;
/** Bars beyond the target grow up to this percent, so "far over" still reads as more than "just met". */
const CLAMP_PERCENT = 120;

/** Shortens a label that would not fit the label column (CJK counts double). */
function fit(label: string, max = 26): string {
  let width = 0;
  let out = "";
  for (const ch of label) {
    width += /[\u2e80-\uffff]/.test(ch) ? 2 : 1.1;
    if (width > max) return `${out}…`;
    out += ch;
  }
  return out;
}

/** Builds the SVG of a horizontal bar chart: percent of target per metric, a dashed line at 100%. */
export function chartSvg(spec: ChartSpec): string {
  const height = TOP + spec.bars.length * ROW_H + 30;
  const scale = BAR_MAX_W / CLAMP_PERCENT;
  const targetX = BAR_X + 100 * scale;
  const rows = spec.bars.map((bar, i) => {
    const y = TOP + i * ROW_H;
    const w = Math.max(0, Math.min(CLAMP_PERCENT, bar.percent)) * scale;
    const color = bar.met ? "#2e9d57" : bar.percent >= 75 ? "#e3a21a" : "#d9534f";
    const stripe = i % 2 === 0 ? `<rect x="0" y="${y - 4}" width="${WIDTH}" height="${ROW_H}" fill="#f5f6f8"/>` : "";
    return (
      `${stripe}<text x="${LABEL_W}" y="${y + 19}" text-anchor="end" font-size="17" fill="#222">${escapeHtml(fit(bar.label))}</text>` +
      `<rect x="${BAR_X}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW_H - 14}" rx="3" fill="${color}"/>` +
      `<text x="${(BAR_X + w + 8).toFixed(1)}" y="${y + 19}" font-size="15" fill="#333">${bar.percent}%</text>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="36" text-anchor="middle" font-size="24" font-weight="bold" fill="#111">${escapeHtml(spec.title)}</text>`,
    ...rows,
    `<line x1="${targetX}" y1="${TOP - 10}" x2="${targetX}" y2="${height - 24}" stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${targetX}" y="${height - 8}" text-anchor="middle" font-size="14" fill="#555">${escapeHtml(spec.targetLabel)} 100%</text>`,
    `</svg>`,
  ].join("");
}

/**
 * Creates the PNG renderer (resvg, a Rust SVG renderer shipped as a prebuilt binary in the npm
 * package; no web service, no system fonts). The font is checked on the first render, not at import.
 */
export function createChartRenderer(options: { fontFile?: string } = {}): ChartRenderer {
  const fontFile = options.fontFile ?? CHART_FONT_FILE;
  let checked = false;
  return (spec) => {
    // fail loudly with the path, rather than render boxes, when the font is missing
    if (!checked) [checked] = [existsSync(fontFile) || fail(fontFile)];
    const resvg = new Resvg(chartSvg(spec), {
      // system fonts are never used: a fresh machine has no CJK font, and results must not vary
      font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
      background: "#ffffff",
    });
    return resvg.render().asPng();
  };
}

function fail(file: string): never {
  throw new Error(`chart font missing: ${file}`);
}
