import type { Ranked } from "./events.ts";

/**
 * Counts per key. Each key holds a small mutable box, so a repeated key costs one hash lookup instead of
 * a get and a set — this runs several times per request.
 */
export class Tally {
  readonly #boxes = new Map<string, { n: number }>();
  readonly #ownKeys: boolean;

  /**
   * Creates a tally. With `ownKeys`, a new key is copied before it is kept: keys cut from a large
   * decoded chunk of the log are views that keep the whole chunk alive, which a tally living for the
   * whole run must not do.
   */
  constructor(options: { ownKeys?: boolean } = {}) {
    this.#ownKeys = options.ownKeys ?? false;
  }

  /** Adds `by` (default 1) to `key`. */
  add(key: string, by = 1): void {
    const box = this.#boxes.get(key);
    if (box === undefined) this.#boxes.set(this.#ownKeys ? ownedCopy(key) : key, { n: by });
    else box.n += by;
  }

  /** Adds every count of `other`. */
  addAll(other: Tally): void {
    for (const [key, box] of other.#boxes) this.add(key, box.n);
  }

  /** Distinct keys. */
  get size(): number {
    return this.#boxes.size;
  }

  /** The count of `key` (0 when absent). */
  get(key: string): number {
    return this.#boxes.get(key)?.n ?? 0;
  }

  /** The `n` keys with the most hits, ties broken by key so that output is deterministic. */
  top(n: number): Ranked[] {
    const all: Ranked[] = [];
    for (const [key, box] of this.#boxes) all.push({ key, hits: box.n });
    all.sort(byHitsThenKey);
    return all.length > n ? all.slice(0, n) : all;
  }

  /** A plain object with keys in ascending order (for JSON and stable text). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.#boxes.keys()].sort()) out[key] = this.#boxes.get(key)!.n;
    return out;
  }
}

/** Orders ranked rows by hits, descending, then by key, ascending. */
export function byHitsThenKey(a: Ranked, b: Ranked): number {
  return b.hits - a.hits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. (Concatenation flattens into
 * a fresh string; short strings are always copied by the engine anyway.)
 */
export function ownedCopy(text: string): string {
  return text.length < 13 ? text : (text + " ").slice(0, -1);
}
