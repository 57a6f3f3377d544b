import { z } from "zod";

/** Health-bulletin issues published from the chat (/bulletin), as the store keeps them. */

const bulletinVersion = z.object({
  title: z.string(),
  /** plain text; may be empty for a photo or PDF issue */
  body: z.string(),
  file: z.object({ type: z.enum(["photo", "document"]), fileId: z.string(), fileName: z.string().optional() }).optional(),
  by: z.number().int(),
  at: z.string(),
});

/** A health-bulletin issue published with /bulletin: one version per language given. */
export const bulletinIssue = z.object({
  id: z.string(),
  publishOn: z.string(),
  zh: bulletinVersion.optional(),
  en: bulletinVersion.optional(),
});

export type StoredBulletinIssue = z.infer<typeof bulletinIssue>;
