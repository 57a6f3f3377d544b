import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Questionnaire } from "../domain/survey/index.js";

// Telegram's limits for sendPoll: question 1-300 characters, 1-12 options of 1-100 characters
const localized = (max: number) => z.object({ zh: z.string().min(1).max(max), en: z.string().min(1).max(max) });
const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    text: localized(300),
    options: z.array(localized(100)).min(2).max(12),
    aware: z.array(z.number().int().nonnegative()).min(1).optional(),
    metric: z.string().optional(),
    positive: z.array(z.number().int().nonnegative()).min(1).optional(),
  })
  .superRefine((q, ctx) => {
    const out = [...(q.aware ?? []), ...(q.positive ?? [])].some((i) => i >= q.options.length);
    if (out) ctx.addIssue({ code: "custom", message: `question ${q.id}: an aware/positive option index is beyond its options` });
    if ((q.metric === undefined) !== (q.positive === undefined)) ctx.addIssue({ code: "custom", message: `question ${q.id}: "metric" and "positive" go together` });
  });
const fileSchema = z.object({
  awareMin: z.number().int().min(1),
  intro: localized(3000),
  questions: z.array(questionSchema).min(1).max(20),
});

/**
 * Reads and validates `<dataDir>/survey.json`; undefined when the file does not exist (the bot then
 * says there is no questionnaire). Throws an Error naming the file for bad JSON, a schema error,
 * duplicate question ids, an `awareMin` above the awareness questions, or a metric not in `rateMetrics`.
 */
export async function loadSurvey(dataDir: string, rateMetrics: ReadonlySet<string>): Promise<Questionnaire | undefined> {
  const file = join(dataDir, "survey.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${file}: cannot read the questionnaire: ${(error as Error).message}`, { cause: error });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: invalid questionnaire:\n${z.prettifyError(parsed.error)}`);
  const q = parsed.data;
  const ids = new Set(q.questions.map((x) => x.id));
  if (ids.size !== q.questions.length) throw new Error(`${file}: duplicate question id`);
  const awareCount = q.questions.filter((x) => x.aware !== undefined).length;
  if (q.awareMin > awareCount) throw new Error(`${file}: awareMin ${q.awareMin} is more than the ${awareCount} awareness questions`);
  for (const x of q.questions) {
    if (x.metric !== undefined && !rateMetrics.has(x.metric)) throw new Error(`${file}: question ${x.id} feeds "${x.metric}", which is not a rate metric of campaign.json`);
  }
  return q as Questionnaire;
}
