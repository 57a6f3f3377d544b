import { deleteRow, findRow, insertRow, tableSize } from "./id-table.js";
import { InstantColumn } from "./instant-column.js";
import { canonicalIsoMs, isoFromMs } from "./instant.js";

// zero-length columns shared by every empty list: most attendance lists stay empty for good
const NO_IDS = new Int32Array(0);
const NO_BYTES = new Uint8Array(0);
const FIRST_ROWS = 4;

/**
 * An ordered list of distinct users, each with a small value (1..255) and an instant, in typed-array
 * columns instead of one Map entry plus one object plus one ISO string per user (a fifth of the memory).
 * Rows are appended at the end; a removed row is zeroed and skipped, and the dead rows are squeezed out
 * when the columns fill up, so order is insertion order exactly like a Map's. A hash table of row
 * numbers (id-table.ts) finds a user's row in O(1).
 *
 * Ids are held in an Int32Array until one does not fit (Telegram ids can exceed 2^31), then in a
 * Float64Array. Instants written the way `toISOString` writes them are kept as epoch ms and given
 * back as the identical string; anything else (a hand-edited file) is kept verbatim on the side.
 * Row numbers change when the list is squeezed: do not change a list while walking it.
 */
export class UserRows {
  private ids: Int32Array | Float64Array = NO_IDS;
  /** 0 marks a removed row. */
  private vals: Uint8Array = NO_BYTES;
  /** Instants (NaN: kept verbatim in `raw`). */
  private times = InstantColumn.empty();
  /** An optional number per row (NaN: none), allocated on first use. */
  private extras: Float64Array | undefined;
  private raw: Map<number, string> | undefined;
  /** row + 1 per slot, 0 for an empty slot. */
  private table: Int32Array = NO_IDS;
  /** Rows below `start` are all removed (the front of a queue leaves this way). */
  private start = 0;
  private end = 0;
  private live = 0;

  protected constructor(from?: UserRows) {
    if (!from) return;
    this.ids = from.ids.slice();
    this.vals = from.vals.slice();
    this.times = from.times.clone();
    this.extras = from.extras?.slice();
    this.raw = from.raw && new Map(from.raw);
    this.table = from.table.slice();
    this.start = from.start;
    this.end = from.end;
    this.live = from.live;
  }

  /** How many users are on the list. */
  get size(): number {
    return this.live;
  }

  /** The row of a user, or -1. */
  rowOf(userId: number): number {
    return this.live === 0 ? -1 : findRow(this.table, this.ids, userId);
  }

  /** True when the user is on the list. */
  has(userId: number): boolean {
    return this.rowOf(userId) >= 0;
  }

  /** The user id of a row. */
  idAt(row: number): number {
    return this.ids[row]!;
  }

  /** The small value of a row (1..255). */
  valueAt(row: number): number {
    return this.vals[row]!;
  }

  /** Changes a row's value in place (the user keeps their place); RangeError outside 1..255. */
  setValue(row: number, value: number): void {
    checkValue(value);
    this.vals[row] = value;
  }

  /** The instant of a row as it was given. */
  timeAt(row: number): string {
    const ms = this.times.msAt(row);
    return ms === ms ? isoFromMs(ms) : (this.raw?.get(this.ids[row]!) ?? "");
  }

  /** The optional number of a row. */
  extraAt(row: number): number | undefined {
    const x = this.extras?.[row];
    return x === undefined || x !== x ? undefined : x;
  }

  /** Appends a user who is not on the list yet; returns the row. RangeError for a value outside 1..255. */
  append(userId: number, value: number, at: string, extra?: number): number {
    const ms = canonicalIsoMs(at);
    return this.put(userId, value, ms, ms === ms ? undefined : at, extra);
  }

  /** Moves a row to the end of another list (keeping value, instant and extra). */
  moveTo(row: number, target: UserRows): void {
    const userId = this.ids[row]!;
    const ms = this.times.msAt(row);
    target.put(userId, this.vals[row]!, ms, ms === ms ? undefined : this.raw?.get(userId), this.extraAt(row));
    this.remove(row);
  }

  private put(userId: number, value: number, ms: number, raw: string | undefined, extra: number | undefined): number {
    checkValue(value);
    if (this.end === this.ids.length) {
      const full = this.live * 4 >= this.ids.length * 3;
      this.resize(full ? Math.max(FIRST_ROWS, Math.ceil(this.ids.length * 1.5)) : this.ids.length);
    }
    if (this.ids instanceof Int32Array && (userId | 0) !== userId) this.ids = Float64Array.from(this.ids);
    const row = this.end++;
    this.ids[row] = userId;
    this.vals[row] = value;
    this.times.set(row, ms, this.end - 1);
    if (raw !== undefined) (this.raw ??= new Map()).set(userId, raw);
    if (extra !== undefined) (this.extras ??= new Float64Array(this.ids.length).fill(NaN))[row] = extra;
    this.live += 1;
    insertRow(this.table, this.ids, row);
    return row;
  }

  /** Takes a row off the list. */
  remove(row: number): void {
    deleteRow(this.table, this.ids, row);
    this.raw?.delete(this.ids[row]!);
    this.vals[row] = 0;
    this.live -= 1;
    while (this.start < this.end && this.vals[this.start] === 0) this.start += 1;
    // give memory back once three quarters of the rows are gone
    if (this.ids.length > 32 && this.live * 4 < this.ids.length) this.resize(Math.ceil(this.live * 1.5));
  }

  /** The first row, or -1 when empty. */
  firstRow(): number {
    return this.live === 0 ? -1 : this.start;
  }

  /** The row after `row`, or -1. */
  nextRow(row: number): number {
    for (let r = row + 1; r < this.end; r++) if (this.vals[r] !== 0) return r;
    return -1;
  }

  /** 1-based place of a row in the list: O(rows before it). */
  position(row: number): number {
    let position = 1;
    for (let r = this.start; r < row; r++) if (this.vals[r] !== 0) position += 1;
    return position;
  }

  /** Squeezes the removed rows out into columns of `rows` rows, and rebuilds the table. */
  private resize(rows: number): void {
    const ids = this.ids instanceof Int32Array ? new Int32Array(rows) : new Float64Array(rows);
    const vals = new Uint8Array(rows);
    const times = this.times.sized(rows);
    const old = this.extras;
    const extras = old && new Float64Array(rows).fill(NaN);
    let to = 0;
    for (let from = this.start; from < this.end; from++) {
      if (this.vals[from] === 0) continue;
      ids[to] = this.ids[from]!;
      vals[to] = this.vals[from]!;
      times.copyRow(this.times, from, to);
      if (extras && old) extras[to] = old[from]!;
      to += 1;
    }
    this.ids = ids;
    this.vals = vals;
    this.times = times;
    this.extras = extras;
    this.start = 0;
    this.end = to;
    this.table = new Int32Array(tableSize(rows));
    for (let row = 0; row < to; row++) insertRow(this.table, ids, row);
  }
}

function checkValue(value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 255) throw new RangeError(`roster value out of range: ${value}`);
}
