/**
 * An open-addressing hash table from user id to row, for {@link UserRows}: an Int32Array of
 * `row + 1` per slot (0: empty), the ids themselves living in the rows' own column. Linear probing,
 * with backward-shift deletion so no tombstones pile up. Some 6 bytes a row instead of a Map entry.
 */

/** Multiplicative hash of a user id: any double, integers up to 2^53 mixed from both 32-bit halves. */
function hashOf(id: number): number {
  return Math.imul((id | 0) ^ Math.imul((id / 4294967296) | 0, 0x85ebca6b), 0x9e3779b1) >>> 0;
}

/** Slot of an id in a table of `n` slots (multiply-shift on the top bits: n need not be a power of two). */
function home(id: number, n: number): number {
  return Math.floor(((hashOf(id) >>> 11) * n) / 2097152);
}

/** Same id as a Map key would be (SameValueZero). */
const same = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/** Slots for a list of `rows` rows: at most two thirds full, so probe runs stay short. */
export const tableSize = (rows: number): number => Math.max(8, Math.ceil(rows * 1.5));

/** The row holding `userId`, or -1. */
export function findRow(table: Int32Array, ids: Int32Array | Float64Array, userId: number): number {
  const n = table.length;
  if (n === 0) return -1;
  for (let i = home(userId, n); ; i = i + 1 === n ? 0 : i + 1) {
    const slot = table[i]!;
    if (slot === 0) return -1;
    if (same(ids[slot - 1]!, userId)) return slot - 1;
  }
}

/** Enters a row whose id is not in the table yet. */
export function insertRow(table: Int32Array, ids: Int32Array | Float64Array, row: number): void {
  const n = table.length;
  let i = home(ids[row]!, n);
  while (table[i] !== 0) i = i + 1 === n ? 0 : i + 1;
  table[i] = row + 1;
}

/** Takes a row that is in the table out of it. */
export function deleteRow(table: Int32Array, ids: Int32Array | Float64Array, row: number): void {
  const n = table.length;
  let hole = home(ids[row]!, n);
  while (table[hole] !== row + 1) hole = hole + 1 === n ? 0 : hole + 1;
  // backward shift: pull up every later entry of the run whose home does not lie after the hole
  for (let j = hole + 1 === n ? 0 : hole + 1; table[j] !== 0; j = j + 1 === n ? 0 : j + 1) {
    const h = home(ids[table[j]! - 1]!, n);
    const stays = hole <= j ? h > hole && h <= j : h > hole || h <= j;
    if (stays) continue;
    table[hole] = table[j]!;
    hole = j;
  }
  table[hole] = 0;
}
