/**
 * Which occurrences each user is on (confirmed, waiting or marked attended), read like a
 * `Map<userId, Set<occurrenceId>>` in the same orders: users by when they last got a first
 * occurrence, each user's occurrences by when they were added.
 *
 * Held as one linked list per user, newest first, through two shared typed arrays (an occurrence
 * number and a next pointer: 8 bytes a link) instead of a Set per user, whose hash table costs
 * several times that per occurrence. Occurrence ids are numbered once. Finding or removing
 * one walks the user's list from the newest (O(the user's occurrences); the fold mostly touches
 * recent ones), and a user's ids are read back reversed, oldest first.
 */
export class UserIndex {
  /** userId → newest link; a user with no occurrence left is deleted, as a Map-of-Sets index would be. */
  private readonly first = new Map<number, number>();
  private occ = new Uint32Array(64);
  /** The next link of a user's list, -1 at the end; for a free link, the next free one. */
  private next = new Int32Array(64);
  private used = 0;
  private free = -1;
  private readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** How many users are indexed. */
  get size(): number {
    return this.first.size;
  }

  has(userId: number): boolean {
    return this.first.has(userId);
  }

  /** Adds an occurrence to a user's list (no-op if there): O(the user's occurrences). */
  add(userId: number, occurrenceId: string): void {
    if (!this.includes(userId, occurrenceId)) this.addNew(userId, occurrenceId);
  }

  /**
   * Adds an occurrence the caller knows is not on the user's list yet, in O(1): the fold knows it
   * from the roster (a user is indexed exactly where they are confirmed, waiting or marked).
   */
  addNew(userId: number, occurrenceId: string): void {
    const o = this.numberOf(occurrenceId);
    const link = this.alloc(o);
    this.next[link] = this.first.get(userId) ?? -1;
    // set on a present key keeps the user's place in the Map's order
    this.first.set(userId, link);
  }

  /** The number of an occurrence id, given on first sight. */
  private numberOf(occurrenceId: string): number {
    let o = this.numbers.get(occurrenceId);
    if (o === undefined) {
      o = this.ids.push(occurrenceId) - 1;
      this.numbers.set(occurrenceId, o);
    }
    return o;
  }

  /** True when the occurrence is on the user's list. */
  includes(userId: number, occurrenceId: string): boolean {
    const o = this.numbers.get(occurrenceId);
    if (o === undefined) return false;
    for (let link = this.first.get(userId) ?? -1; link >= 0; link = this.next[link]!) if (this.occ[link] === o) return true;
    return false;
  }

  /** Takes an occurrence off a user's list (no-op if not there). */
  remove(userId: number, occurrenceId: string): void {
    const o = this.numbers.get(occurrenceId);
    let link = this.first.get(userId);
    if (o === undefined || link === undefined) return;
    let prev = -1;
    while (link >= 0 && this.occ[link] !== o) {
      prev = link;
      link = this.next[link]!;
    }
    if (link < 0) return;
    const next = this.next[link]!;
    if (prev >= 0) this.next[prev] = next;
    else if (next >= 0) this.first.set(userId, next);
    else this.first.delete(userId);
    this.release(link);
  }

  /** Drops a user with all their occurrences; false when not indexed. */
  delete(userId: number): boolean {
    let link = this.first.get(userId) ?? -1;
    while (link >= 0) {
      const next = this.next[link]!;
      this.release(link);
      link = next;
    }
    return this.first.delete(userId);
  }

  /** A user's occurrence ids in the order they were added (a fresh array). */
  occurrencesOf(userId: number): string[] {
    const out: string[] = [];
    for (let link = this.first.get(userId) ?? -1; link >= 0; link = this.next[link]!) out.push(this.ids[this.occ[link]!]!);
    return out.reverse();
  }

  /** A snapshot of a user's occurrences, or undefined when the user has none. */
  get(userId: number): ReadonlySet<string> | undefined {
    return this.first.has(userId) ? new Set(this.occurrencesOf(userId)) : undefined;
  }

  keys(): IterableIterator<number> {
    return this.first.keys();
  }

  *values(): IterableIterator<ReadonlySet<string>> {
    for (const userId of this.first.keys()) yield new Set(this.occurrencesOf(userId));
  }

  *entries(): IterableIterator<[number, ReadonlySet<string>]> {
    for (const userId of this.first.keys()) yield [userId, new Set(this.occurrencesOf(userId))];
  }

  [Symbol.iterator](): IterableIterator<[number, ReadonlySet<string>]> {
    return this.entries();
  }

  private alloc(o: number): number {
    let link = this.free;
    if (link >= 0) {
      this.free = this.next[link]!;
    } else {
      if (this.used === this.occ.length) this.grow();
      link = this.used++;
    }
    this.occ[link] = o;
    this.next[link] = -1;
    return link;
  }

  private release(link: number): void {
    this.next[link] = this.free;
    this.free = link;
  }

  private grow(): void {
    const size = Math.ceil(this.occ.length * 1.5);
    const occ = new Uint32Array(size);
    const next = new Int32Array(size);
    occ.set(this.occ);
    next.set(this.next);
    this.occ = occ;
    this.next = next;
  }
}
