import type { Ranked } from "./events.ts";
import { SpaceSaving } from "./space_saving.ts";
import { Tally } from "./tally.ts";
import type { BoundedTallyState } from "./part_state.ts";

/** Keys longer than this are cut (a 100 kB "section" is garbage, and must not cost 100 kB a row). */
export const MAX_KEY_LENGTH = 256;

/** `key`, cut to {@linkcode MAX_KEY_LENGTH} characters with an ellipsis when longer. */
export function tableKey(key: string): string {
  return key.length > MAX_KEY_LENGTH ? key.slice(0, MAX_KEY_LENGTH - 1) + "…" : key;
}

/** A ranked row whose count may be high by at most `error` (0 or absent: exact). */
export type MaybeApprox = Ranked & { error?: number };

/**
 * Counts per key, exactly while at most `capacity` distinct keys have been seen, then in bounded memory:
 * the exact counts so far seed a Space-Saving counter of the same capacity, which keeps the heavy
 * hitters with an over-count of at most (hits so far) / capacity each. A statistics interval of a
 * sane log stays exact; one holding a million distinct clients costs `capacity` entries, not a million.
 */
export class BoundedTally {
  #exact: Tally | undefined = new Tally();
  #bounded: SpaceSaving | undefined;

  /** Creates a table that stays exact up to `capacity` distinct keys. */
  constructor(readonly capacity: number) {}

  /** Adds `by` (default 1) to `key` (cut to {@linkcode MAX_KEY_LENGTH}). */
  add(key: string, by = 1): void {
    const k = key.length > MAX_KEY_LENGTH ? tableKey(key) : key;
    const exact = this.#exact;
    if (exact !== undefined) {
      if (exact.size < this.capacity || exact.get(k) > 0) {
        exact.add(k, by);
        return;
      }
      // Full: from now on a new key takes the place of the rarest.
      const bounded = this.#bounded = new SpaceSaving(this.capacity);
      for (const { key, hits } of exact.entries()) bounded.add(key, hits);
      this.#exact = undefined;
    }
    this.#bounded!.add(k, by);
  }

  /** True while every count is exact. */
  get exact(): boolean {
    return this.#exact !== undefined;
  }

  /** Distinct keys: exact while {@linkcode exact}, then a lower bound (the capacity). */
  get size(): number {
    return this.#exact?.size ?? this.capacity;
  }

  /** Every key kept, with its count (possibly high, once not exact). */
  entries(): Iterable<{ key: string; hits: number }> {
    return this.#exact?.entries() ?? this.#bounded!.top(this.capacity);
  }

  /** The `n` keys with the most hits, ties by key; rows carry `error` once not exact. */
  top(n: number): MaybeApprox[] {
    return this.#exact?.top(n) ?? this.#bounded!.top(n);
  }

  /** Its counts as plain data (a checkpoint). */
  toState(): BoundedTallyState {
    return this.#exact !== undefined
      ? { exact: this.#exact.toState() }
      : { bounded: this.#bounded!.toState() };
  }

  /** Takes the counts of a checkpoint (on an empty table). */
  load(state: BoundedTallyState): void {
    if ("exact" in state) {
      this.#exact = new Tally();
      this.#exact.load(state.exact);
      this.#bounded = undefined;
    } else {
      this.#bounded = new SpaceSaving(this.capacity);
      this.#bounded.load(state.bounded);
      this.#exact = undefined;
    }
  }

  /** A plain object of every key kept, keys in ascending order. */
  toRecord(): Record<string, number> {
    if (this.#exact !== undefined) return this.#exact.toRecord();
    const out: Record<string, number> = {};
    const rows = this.#bounded!.top(this.capacity).sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const { key, hits } of rows) out[key] = hits;
    return out;
  }
}
