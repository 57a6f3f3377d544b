/**
 * Moves the clock of a Node process by DATE_SHIFT_MS milliseconds (`Date.now()` and `new Date()`;
 * timers are untouched), so the whole suite can be run as if it were another day:
 *
 *   export DATE_SHIFT_MS=$(node -e 'console.log(Date.parse("2026-12-01T02:30:00Z") - Date.now())')
 *   NODE_OPTIONS="--import $PWD/tools/shift-date.mjs" npx vitest run
 *
 * The end-to-end helpers pass NODE_OPTIONS and DATE_SHIFT_MS on to the bot processes they start
 * (which run in temporary folders: hence the absolute path), so the tests and the bot agree on the
 * day. Used to find tests that only pass on some days (the 1st of a month, New Year's Eve, the week
 * before a bulletin).
 */
import process from "node:process";

const offset = Number(process.env.DATE_SHIFT_MS ?? 0);
if (offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
