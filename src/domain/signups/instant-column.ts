/** An Int32 time that stands for "kept verbatim elsewhere" (NaN ms). */
const RAW = -2147483648;

/**
 * A column of instants (epoch ms, NaN for "kept verbatim" by the owner), one per row: ms after
 * `base` in an Int32Array while they all lie within ±24 days of the first one, as a roster's
 * sign-ups mostly do; else epoch ms in a Float64Array. The owner sizes it (see `sized`).
 */
export class InstantColumn {
  private constructor(
    private times: Int32Array | Float64Array,
    private base: number,
  ) {}

  /** An empty column of no rows. */
  static empty(): InstantColumn {
    return new InstantColumn(new Int32Array(0), NaN);
  }

  /** A copy that changes independently. */
  clone(): InstantColumn {
    return new InstantColumn(this.times.slice(), this.base);
  }

  /** An empty column of `rows` rows of the same kind and base, to `copyRow` into. */
  sized(rows: number): InstantColumn {
    return new InstantColumn(this.times instanceof Int32Array ? new Int32Array(rows) : new Float64Array(rows), this.base);
  }

  /** Copies row `fromRow` of `from` (a column this one was `sized` from) to row `toRow`. */
  copyRow(from: InstantColumn, fromRow: number, toRow: number): void {
    this.times[toRow] = from.times[fromRow]!;
  }

  /** Epoch ms of a row; NaN when it is kept verbatim. */
  msAt(row: number): number {
    const t = this.times[row]!;
    return this.times instanceof Float64Array ? t : t === RAW ? NaN : this.base + t;
  }

  /** Sets a row's instant; `used` rows (0..used-1) are carried over if the column must widen. */
  set(row: number, ms: number, used: number): void {
    if (this.times instanceof Int32Array) {
      if (ms !== ms) {
        this.times[row] = RAW;
        return;
      }
      if (this.base !== this.base) this.base = ms;
      const offset = ms - this.base;
      if (offset > RAW && offset <= 0x7fffffff) {
        this.times[row] = offset;
        return;
      }
      const wide = new Float64Array(this.times.length);
      for (let r = 0; r < used; r++) wide[r] = this.msAt(r);
      this.times = wide;
    }
    this.times[row] = ms;
  }
}
