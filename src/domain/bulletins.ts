/** Which health-bulletin issue is current on a given date. */
import type { Bulletin, LocalDate, NoticeCatalog } from "./notice.js";

/** The date a bulletin is published from: `publishOn`, or the 1st of its `YYYY-MM` id. */
export function bulletinDate(bulletin: Bulletin): LocalDate {
  return bulletin.publishOn ?? `${bulletin.id}-01`;
}

/**
 * The bulletin for an occurrence date: the one published that day, else the latest published
 * before it (so an issue keeps being the current one until the next is added); undefined when every
 * bulletin is later. Ties go to the greater id. Callers that must not repeat an issue compare ids.
 */
export function bulletinFor(catalog: Pick<NoticeCatalog, "bulletins">, date: LocalDate): Bulletin | undefined {
  let best: Bulletin | undefined;
  for (const b of catalog.bulletins) {
    const on = bulletinDate(b);
    if (on > date) continue;
    if (!best || on > bulletinDate(best) || (on === bulletinDate(best) && b.id > best.id)) best = b;
  }
  return best;
}
