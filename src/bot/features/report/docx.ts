import type { Paragraph as ParagraphT, Table as TableT } from "docx";
import type { ReportDocument } from "../../../domain/report/index.js";

/** The chart image as it goes into the document. */
export interface ReportChart {
  png: Buffer;
  width: number;
  height: number;
  alt: string;
}

const FONT = { ascii: "Times New Roman", eastAsia: "SimSun", hAnsi: "Times New Roman" };
const PAGE_WIDTH_PX = 600;

// docx is loaded on the first report, not at start (it is a large module; startup stays quick)
type Docx = typeof import("docx");

const body = ({ Paragraph, TextRun }: Docx, text: string): ParagraphT =>
  new Paragraph({ children: [new TextRun({ text, font: FONT, size: 28 })], indent: { firstLine: 560 }, spacing: { line: 420 } });

function table({ Table, TableRow, TableCell, Paragraph, TextRun, WidthType }: Docx, rows: string[][]): TableT {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0,
          children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: r === 0, font: FONT, size: 22 })] })] })),
        }),
    ),
  });
}

/** The PNG's pixel size from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Lays the report out as a Word document (.docx): a centred title in the style of the office's
 * year summary, the intro, then each numbered section (paragraphs, the figures table, the chart).
 */
export async function renderReportDocx(doc: ReportDocument, chart: ReportChart | undefined): Promise<Buffer> {
  const d = await import("docx");
  const { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } = d;
  const children: (ParagraphT | TableT)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: doc.title, bold: true, font: FONT, size: 40 })] }),
    body(d, doc.intro),
  ];
  for (const s of doc.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: s.heading, bold: true, font: FONT, size: 32 })] }));
    for (const p of s.paragraphs) children.push(body(d, p));
    if (s.table) children.push(table(d, s.table));
    if (s.chart && chart) {
      const scale = Math.min(1, PAGE_WIDTH_PX / chart.width);
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: "png",
              data: chart.png,
              transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
              altText: { name: "chart", title: chart.alt, description: chart.alt },
            }),
          ],
        }),
      );
    }
  }
  const document = new Document({ title: doc.title, creator: "community-notice-bot", sections: [{ children }] });
  return Packer.toBuffer(document);
}
