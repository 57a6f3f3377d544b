/**
 * The public face of notice scheduling, kept as one import path for its callers. The code lives in
 * `zoned-time.ts` (dates and times in a zone), `occurrences.ts` (rule expansion), `reminders.ts`
 * and `bulletins.ts`. Names are listed one by one so helpers shared between those files stay private.
 */
export {
  addDays,
  isLocalDate,
  isLocalTime,
  isTimeZone,
  localDateOf,
  localTimeOf,
  localToInstant,
} from "./zoned-time.js";
export { isRuleDate, nextOccurrence, occurrenceOn, occurrencesBetween } from "./occurrences.js";
export { dueReminders, nextReminder, reminderDeadline, reminderTime } from "./reminders.js";
export type { NextReminder } from "./reminders.js";
export { bulletinDate, bulletinFor } from "./bulletins.js";
