import { applyEvent, createRosterBook, type RosterBook, type SignupEvent } from "../../../src/domain/signups/index.js";

export const OCC = "cleanup-day:2025-06-28";
export const STARTS = "2025-06-28T00:30:00.000Z"; // 08:30 Asia/Shanghai
export const BEFORE = "2025-06-27T11:00:00.000Z"; // 19:00 the evening before

/** A book plus a log, used the way the bot will: decide, append, fold. */
export function harness(capacity: number | undefined = 5) {
  const book: RosterBook = createRosterBook();
  const log: SignupEvent[] = [];
  const caps = new Map<string, number | undefined>([[OCC, capacity]]);
  const capacityOf = (id: string) => caps.get(id);
  let seq = 0;
  function append(e: Omit<SignupEvent, "seq" | "at" | "via"> & Partial<Pick<SignupEvent, "via" | "at">>) {
    const event: SignupEvent = { seq: ++seq, at: BEFORE, via: "button", ...e };
    log.push(event);
    return applyEvent(book, event, capacityOf);
  }
  return { book, log, caps, capacityOf, append };
}
