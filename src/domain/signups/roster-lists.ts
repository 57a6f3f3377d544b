import { UserRows } from "./user-rows.js";

/** One sign-up on a roster, as read back (a fresh object each time: the list stores columns). */
export interface RosterEntry {
  userId: number;
  headcount: number;
  joinedAt: string;
}

/** A staff mark that someone came. `heads` is what the mark counted as person-times. */
export interface AttendanceMark {
  userId: number;
  heads: number;
  /** Not on the roster (neither confirmed nor waiting) when marked. */
  walkIn: boolean;
  at: string;
  by?: number;
}

/** The read side of a Map keyed by user id, in list order (what callers outside the fold use). */
export interface UserMapView<V> {
  readonly size: number;
  has(userId: number): boolean;
  get(userId: number): V | undefined;
  keys(): IterableIterator<number>;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[number, V]>;
  [Symbol.iterator](): IterableIterator<[number, V]>;
  forEach(fn: (value: V, userId: number) => void): void;
}

/** {@link UserRows} read like a Map of user id → V; V is built from the columns on each read. */
abstract class RowMap<V> extends UserRows implements UserMapView<V> {
  protected abstract read(row: number): V;

  get(userId: number): V | undefined {
    const row = this.rowOf(userId);
    return row < 0 ? undefined : this.read(row);
  }

  /** Takes a user off the list; false when they were not on it. */
  delete(userId: number): boolean {
    const row = this.rowOf(userId);
    if (row >= 0) this.remove(row);
    return row >= 0;
  }

  *keys(): IterableIterator<number> {
    for (let row = this.firstRow(); row >= 0; row = this.nextRow(row)) yield this.idAt(row);
  }

  *values(): IterableIterator<V> {
    for (let row = this.firstRow(); row >= 0; row = this.nextRow(row)) yield this.read(row);
  }

  *entries(): IterableIterator<[number, V]> {
    for (let row = this.firstRow(); row >= 0; row = this.nextRow(row)) yield [this.idAt(row), this.read(row)];
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, userId: number) => void): void {
    for (const [userId, value] of this.entries()) fn(value, userId);
  }
}

/** Confirmed or waiting sign-ups of one roster in order: user id → headcount (1..255) and join instant. */
export class EntryList extends RowMap<RosterEntry> {
  constructor(from?: EntryList) {
    super(from);
  }

  /** A copy that can be changed without touching this one: O(list size). */
  copy(): EntryList {
    return new EntryList(this);
  }

  /** The headcount of a user, or undefined when not on the list. */
  headcountOf(userId: number): number | undefined {
    const row = this.rowOf(userId);
    return row < 0 ? undefined : this.valueAt(row);
  }

  protected read(row: number): RosterEntry {
    return { userId: this.idAt(row), headcount: this.valueAt(row), joinedAt: this.timeAt(row) };
  }
}

const WALK_IN = 0x80;

/** Attendance marks of one roster in marking order; heads (1..127) and the walk-in flag share a byte. */
export class MarkList extends RowMap<AttendanceMark> {
  constructor(from?: MarkList) {
    super(from);
  }

  /** A copy that can be changed without touching this one: O(list size). */
  copy(): MarkList {
    return new MarkList(this);
  }

  /** Adds the mark of a user who has none yet. */
  mark(userId: number, heads: number, walkIn: boolean, at: string, by: number | undefined): void {
    if (!Number.isInteger(heads) || heads < 1 || heads >= WALK_IN) throw new RangeError(`attendance heads out of range: ${heads}`);
    this.append(userId, heads | (walkIn ? WALK_IN : 0), at, by);
  }

  /** The heads a user's mark counted, or undefined when not marked. */
  headsOf(userId: number): number | undefined {
    const row = this.rowOf(userId);
    return row < 0 ? undefined : this.valueAt(row) & ~WALK_IN;
  }

  protected read(row: number): AttendanceMark {
    const value = this.valueAt(row);
    const by = this.extraAt(row);
    return { userId: this.idAt(row), heads: value & ~WALK_IN, walkIn: (value & WALK_IN) !== 0, at: this.timeAt(row), ...(by === undefined ? {} : { by }) };
  }
}
