import type { Ranked } from "./events.ts";
import { byHitsThenKey, ownedCopy } from "./tally.ts";
import type { SpaceSavingState } from "./part_state.ts";

/**
 * Top keys over an unbounded stream in bounded memory: the Space-Saving algorithm (Metwally, Agrawal
 * and El Abbadi, 2005), weighted. It keeps at most `capacity` counters; a new key arriving when all are
 * taken replaces the smallest, inheriting its count as its possible over-count (`error`).
 *
 * Guarantees, with N the total weight added: every key whose true count exceeds N / capacity is kept;
 * a kept key's count is never below its true count and at most `error` (<= N / capacity) above it.
 * While fewer than `capacity` distinct keys have been seen, every count is exact (error 0).
 */
export class SpaceSaving {
  readonly #capacity: number;
  /** Min-heap of entries by count, so the smallest counter is found in O(1), moved in O(log k). */
  readonly #heap: Entry[] = [];
  readonly #index = new Map<string, Entry>();
  #total = 0;

  /** Creates a counter keeping at most `capacity` keys. */
  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be >= 1, got ${capacity}`);
    this.#capacity = capacity;
  }

  /** Keys kept. */
  get size(): number {
    return this.#heap.length;
  }

  /** Total weight added. */
  get total(): number {
    return this.#total;
  }

  /** The largest possible over-count of any kept key (0 while counts are exact). */
  get maxError(): number {
    let max = 0;
    for (const e of this.#heap) if (e.error > max) max = e.error;
    return max;
  }

  /** Adds `weight` (default 1) to `key`. */
  add(key: string, weight = 1): void {
    this.#total += weight;
    const found = this.#index.get(key);
    if (found !== undefined) {
      found.count += weight;
      this.#down(found.pos);
      return;
    }
    // Keys are kept for the whole run: copy them off the chunk of log text they were cut from.
    if (this.#heap.length < this.#capacity) {
      const entry = { key: ownedCopy(key), count: weight, error: 0, pos: this.#heap.length };
      this.#heap.push(entry);
      this.#index.set(entry.key, entry);
      this.#up(entry.pos);
      return;
    }
    const min = this.#heap[0];
    this.#index.delete(min.key);
    min.key = ownedCopy(key);
    min.error = min.count;
    min.count += weight;
    this.#index.set(min.key, min);
    this.#down(0);
  }

  /** The `n` keys with the highest counts, ties by key; `error` is each count's possible over-count. */
  top(n: number): Array<Ranked & { error: number }> {
    return this.#heap.map((e) => ({ key: e.key, hits: e.count, error: e.error }))
      .sort(byHitsThenKey).slice(0, n);
  }

  /** Its counters as plain data, in heap order: the layout decides which key a new one replaces. */
  toState(): SpaceSavingState {
    return {
      capacity: this.#capacity,
      total: this.#total,
      heap: this.#heap.map((e) => [e.key, e.count, e.error]),
    };
  }

  /** Takes the counters of a checkpoint (on an empty counter of the same capacity). */
  load(state: SpaceSavingState): void {
    if (state.capacity !== this.#capacity || state.heap.length > this.#capacity) {
      throw new RangeError(
        `a checkpoint's counter keeps ${state.capacity} keys, this one ${this.#capacity}`,
      );
    }
    this.#total = state.total;
    for (const [key, count, error] of state.heap) {
      const entry = { key, count, error, pos: this.#heap.length };
      this.#heap.push(entry);
      this.#index.set(key, entry);
    }
  }

  #up(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].count <= heap[i].count) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const heap = this.#heap;
    while (true) {
      const l = 2 * i + 1, r = l + 1;
      let smallest = i;
      if (l < heap.length && heap[l].count < heap[smallest].count) smallest = l;
      if (r < heap.length && heap[r].count < heap[smallest].count) smallest = r;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    const t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
    heap[a].pos = a;
    heap[b].pos = b;
  }
}

interface Entry {
  key: string;
  count: number;
  error: number;
  pos: number;
}
