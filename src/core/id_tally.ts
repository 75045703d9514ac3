import type { Ranked } from "./events.ts";
import { keepBest } from "./tally.ts";
import type { IdTallyState } from "./part_state.ts";

/**
 * Counts per key id, in a typed array indexed by id, with the list of ids counted so far: a count is
 * one increment, no hashing, no allocation. Ids are small (a dictionary keeps at most tens of
 * thousands), and the engine reuses tallies from interval to interval, so `reset()` clears only the
 * ids that were counted.
 */
export class IdTally {
  #counts = new Int32Array(256);
  #touched = new Int32Array(64);
  #size = 0;

  /** Adds `by` (default 1) to `id` (>= 0). */
  add(id: number, by = 1): void {
    if (id >= this.#counts.length) this.#growCounts(id);
    if (this.#counts[id] === 0) {
      if (this.#size === this.#touched.length) this.#growTouched();
      this.#touched[this.#size++] = id;
    }
    this.#counts[id] += by;
  }

  /** Distinct ids counted. */
  get size(): number {
    return this.#size;
  }

  /** Every id counted, with its count, named by `name`. */
  *entries(name: (id: number) => string): Generator<{ key: string; hits: number }> {
    for (let i = 0; i < this.#size; i++) {
      const id = this.#touched[i];
      yield { key: name(id), hits: this.#counts[id] };
    }
  }

  /** Calls `fn` with every id counted and its count. */
  forEach(fn: (id: number, hits: number) => void): void {
    for (let i = 0; i < this.#size; i++) {
      const id = this.#touched[i];
      fn(id, this.#counts[id]);
    }
  }

  /** The `n` ids with the most hits, named by `name`, ties broken by name (as Tally.top). */
  top(n: number, name: (id: number) => string): Ranked[] {
    const best: Ranked[] = [];
    if (n <= 0) return best;
    let floor = 0; // the count of best[n-1] once full: most ids are below it and cost one compare
    for (let i = 0; i < this.#size; i++) {
      const id = this.#touched[i];
      const hits = this.#counts[id];
      if (best.length === n && hits < floor) continue;
      keepBest(best, { key: name(id), hits }, n);
      if (best.length === n) floor = best[n - 1].hits;
    }
    return best;
  }

  /** Forgets every count, keeping the memory for the next use. */
  reset(): void {
    for (let i = 0; i < this.#size; i++) this.#counts[this.#touched[i]] = 0;
    this.#size = 0;
  }

  /** Its counts as plain data, ids in the order they were first counted (a checkpoint). */
  toState(): IdTallyState {
    const out: number[] = [];
    this.forEach((id, hits) => out.push(id, hits));
    return out;
  }

  /** Takes the counts of a checkpoint (on an empty tally). */
  load(state: IdTallyState): void {
    for (let i = 0; i + 1 < state.length; i += 2) this.add(state[i], state[i + 1]);
  }

  #growCounts(id: number): void {
    let n = this.#counts.length * 2;
    while (n <= id) n *= 2;
    const grown = new Int32Array(n);
    grown.set(this.#counts);
    this.#counts = grown;
  }

  #growTouched(): void {
    const grown = new Int32Array(this.#touched.length * 2);
    grown.set(this.#touched);
    this.#touched = grown;
  }
}
