import type { Ranked } from "./events.ts";
import { BoundedTally } from "./bounded_tally.ts";
import { IdTally } from "./id_tally.ts";
import { byHitsThenKey } from "./tally.ts";
import type { KeyTableState } from "./part_state.ts";

/**
 * One keyed field of an interval (sections, clients or methods): counted by id when the record carries
 * one, by string otherwise. A value always comes the same way in a run (its id is given once and for
 * good, or never), so the two tables never count the same key.
 */
export class KeyTable {
  readonly #ids = new IdTally();
  #strings: BoundedTally;

  /** Creates a table whose string part stays exact up to `capacity` keys. */
  constructor(private readonly capacity: number) {
    this.#strings = new BoundedTally(capacity);
  }

  /** Counts one record's value: by `id` when >= 0, else by `key`. */
  add(id: number, key: string): void {
    if (id >= 0) this.#ids.add(id);
    else this.#strings.add(key);
  }

  /** Distinct keys (a lower bound once not {@linkcode exact}). */
  get size(): number {
    return this.#ids.size + this.#strings.size;
  }

  /** False once the string part overflowed its capacity (then rows carry `error`). */
  get exact(): boolean {
    return this.#strings.exact;
  }

  /** The `n` keys with the most hits, ties by key; `name` gives an id's key. */
  top(n: number, name: (id: number) => string): Ranked[] {
    const byId = this.#ids.top(n, name);
    if (this.#strings.size === 0) return byId;
    return [...byId, ...this.#strings.top(n)].sort(byHitsThenKey).slice(0, n);
  }

  /** Adds every count of this table to `into`: ids to its ids, strings to its strings. */
  addTo(into: { ids: IdTally; strings: { add(key: string, hits: number): void } }): void {
    this.#ids.forEach((id, hits) => into.ids.add(id, hits));
    for (const { key, hits } of this.#strings.entries()) into.strings.add(key, hits);
  }

  /** Every key with its count. */
  *entries(name: (id: number) => string): Generator<{ key: string; hits: number }> {
    yield* this.#ids.entries(name);
    yield* this.#strings.entries();
  }

  /** A plain object of every key, in ascending key order. */
  toRecord(name: (id: number) => string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { key, hits } of [...this.entries(name)].sort((a, b) => a.key < b.key ? -1 : 1)) {
      out[key] = hits;
    }
    return out;
  }

  /** Its counts as plain data (a checkpoint): ids stay ids, the run's dictionary being restored too. */
  toState(): KeyTableState {
    return { ids: this.#ids.toState(), strings: this.#strings.toState() };
  }

  /** Takes the counts of a checkpoint (on an empty table). */
  load(state: KeyTableState): void {
    this.#ids.load(state.ids);
    this.#strings = new BoundedTally(this.capacity);
    this.#strings.load(state.strings);
  }

  /** Forgets every count, keeping what memory can be reused. */
  reset(): void {
    this.#ids.reset();
    if (this.#strings.size > 0) this.#strings = new BoundedTally(this.capacity);
  }
}
