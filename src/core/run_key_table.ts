import type { Ranked } from "./events.ts";
import { IdTally } from "./id_tally.ts";
import type { KeyTable } from "./key_table.ts";
import { SpaceSaving } from "./space_saving.ts";
import { byHitsThenKey } from "./tally.ts";
import { DistinctCount } from "./distinct_count.ts";
import type { RunKeyTableState } from "./part_state.ts";

/**
 * A keyed field over the whole run (clients, methods), merged from each reported interval's table:
 * ids (the run dictionary's, at most tens of thousands) are counted exactly in a typed array, values
 * counted by string keep their heaviest `capacity` in a Space-Saving counter.
 */
export class RunKeyTable {
  readonly ids = new IdTally();
  readonly strings: SpaceSaving;
  /** Distinct values counted by string (ids are distinct by construction). */
  readonly #distinct = new DistinctCount();
  /** What merge() hands to KeyTable.addTo: strings go to the heavy hitters and the distinct count. */
  readonly #into: { ids: IdTally; strings: { add(key: string, hits: number): void } };

  constructor(readonly capacity: number) {
    const strings = this.strings = new SpaceSaving(capacity);
    const distinct = this.#distinct;
    this.#into = {
      ids: this.ids,
      strings: {
        add(key, hits) {
          strings.add(key, hits);
          distinct.add(key);
        },
      },
    };
  }

  /** Adds an interval's counts. */
  merge(table: KeyTable): void {
    table.addTo(this.#into);
  }

  /** Counts one value outside any interval (a late record whose interval was reported). */
  add(id: number, key: string): void {
    if (id >= 0) this.ids.add(id);
    else this.#into.strings.add(key, 1);
  }

  /** Distinct keys: exact for ids, and for strings until the distinct count turns to an estimate. */
  get size(): number {
    return this.ids.size + this.#distinct.count;
  }

  /** The standard error of `size` as a share (0 while exact). */
  get sizeError(): number {
    return this.#distinct.error;
  }

  /** True while every count is exact. */
  get exact(): boolean {
    return this.strings.maxError === 0;
  }

  /** The `n` keys with the most hits; `name` gives an id's key. */
  top(n: number, name: (id: number) => string): Ranked[] {
    const byId = this.ids.top(n, name);
    if (this.strings.size === 0) return byId;
    // A row counted by string carries its possible over-count only when there is one.
    const byString = this.strings.top(n).map(({ key, hits, error }) =>
      error > 0 ? { key, hits, error } : { key, hits }
    );
    return [...byId, ...byString].sort(byHitsThenKey).slice(0, n);
  }

  /** Its counts as plain data (a checkpoint). */
  toState(): RunKeyTableState {
    return {
      ids: this.ids.toState(),
      strings: this.strings.toState(),
      distinct: this.#distinct.toState(),
    };
  }

  /** Takes the counts of a checkpoint (on an empty table). */
  load(state: RunKeyTableState): void {
    this.ids.load(state.ids);
    this.strings.load(state.strings);
    this.#distinct.load(state.distinct);
  }

  /** Every key with its count, keys in ascending order. */
  toRecord(name: (id: number) => string): Record<string, number> {
    const rows: Ranked[] = [...this.ids.entries(name), ...this.strings.top(this.capacity)];
    // (toRecord keeps counts only: no over-count to carry.)
    const out: Record<string, number> = {};
    for (const r of rows.sort((a, b) => (a.key < b.key ? -1 : 1))) out[r.key] = r.hits;
    return out;
  }
}
