import type { Ranked } from "./events.ts";
import type { TallyState } from "./part_state.ts";

/**
 * Counts per key. Each key holds a small mutable box, so a repeated key costs one hash lookup instead of
 * a get and a set — this runs several times per request.
 */
export class Tally {
  readonly #boxes = new Map<string, { n: number }>();

  /** Adds `by` (default 1) to `key`. */
  add(key: string, by = 1): void {
    const box = this.#boxes.get(key);
    if (box === undefined) this.#boxes.set(key, { n: by });
    else box.n += by;
  }

  /** Every key with its count, in insertion order. */
  *entries(): Generator<{ key: string; hits: number }> {
    for (const [key, box] of this.#boxes) yield { key, hits: box.n };
  }

  /** Distinct keys. */
  get size(): number {
    return this.#boxes.size;
  }

  /** The count of `key` (0 when absent). */
  get(key: string): number {
    return this.#boxes.get(key)?.n ?? 0;
  }

  /**
   * The `n` keys with the most hits, ties broken by key so that output is deterministic. One pass that
   * keeps the best `n` in order: an interval may hold thousands of clients, and sorting them all for
   * five rows cost more than counting them.
   */
  top(n: number): Ranked[] {
    const best: Ranked[] = [];
    if (n <= 0) return best;
    for (const [key, box] of this.#boxes) keepBest(best, { key, hits: box.n }, n);
    return best;
  }

  /** A plain object with keys in ascending order (for JSON and stable text). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.#boxes.keys()].sort()) out[key] = this.#boxes.get(key)!.n;
    return out;
  }

  /** Its counts as plain data, in insertion order (a checkpoint). */
  toState(): TallyState {
    return [...this.#boxes].map(([key, box]) => [key, box.n]);
  }

  /** Takes the counts of a checkpoint (on an empty tally). */
  load(state: TallyState): void {
    for (const [key, n] of state) this.#boxes.set(key, { n });
  }
}

/**
 * Puts `row` in its place in `best` (sorted by {@linkcode byHitsThenKey}, at most `n` rows), or
 * leaves it out if it ranks below all `n`: one pass of this over a table is its top `n`.
 */
export function keepBest(best: Ranked[], row: Ranked, n: number): void {
  if (best.length === n && byHitsThenKey(row, best[n - 1]) >= 0) return;
  let i = best.length < n ? best.length : n - 1;
  while (i > 0 && byHitsThenKey(row, best[i - 1]) < 0) {
    best[i] = best[i - 1];
    i--;
  }
  best[i] = row;
}

/** Orders ranked rows by hits, descending, then by key, ascending. */
export function byHitsThenKey(a: Ranked, b: Ranked): number {
  return b.hits - a.hits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * A copy of `text` that shares no memory with the string it was cut from: keys cut from a large decoded
 * chunk of the log are views that keep the whole chunk alive, which a table living for the whole run
 * must not do. (Concatenation flattens into a fresh string; short strings are always copied anyway.)
 */
export function ownedCopy(text: string): string {
  return text.length < 13 ? text : (text + " ").slice(0, -1);
}
