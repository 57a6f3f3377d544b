import { z } from "zod";

/**
 * Moved and skipped dates of notices (`/move`, `/skip`), kept under `db.office.dateOverrides` by
 * notice id. A move keeps the rule's date (`from`), where it is now (`to`, `time`) and the dates it
 * passed through (`via`); a skip its reason. Who did it and when, for the record.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^\d{2}:\d{2}$/);

const move = z.object({
  from: date,
  to: date,
  time,
  via: z.array(date).optional(),
  by: z.number().int(),
  at: z.string(),
});

const skip = z.object({ date, reason: z.string().optional(), by: z.number().int(), at: z.string() });

export const dateOverridesSchema = z.record(z.string(), z.object({ moves: z.array(move).default([]), skips: z.array(skip).default([]) }));

export type StoredDateOverrides = z.infer<typeof dateOverridesSchema>[string];
export type StoredMove = z.infer<typeof move>;
export type StoredSkip = z.infer<typeof skip>;
