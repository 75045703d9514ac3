import type { Ranked } from "./events.ts";
import { IdTally } from "./id_tally.ts";
import type { KeyTable } from "./key_table.ts";
import { SpaceSaving } from "./space_saving.ts";
import { byHitsThenKey } from "./tally.ts";

/**
 * A keyed field over the whole run (clients, methods), merged from each reported interval's table:
 * ids (the run dictionary's, at most tens of thousands) are counted exactly in a typed array, values
 * counted by string keep their heaviest `capacity` in a Space-Saving counter.
 */
export class RunKeyTable {
  readonly ids = new IdTally();
  readonly strings: SpaceSaving;

  constructor(readonly capacity: number) {
    this.strings = new SpaceSaving(capacity);
  }

  /** Adds an interval's counts. */
  merge(table: KeyTable): void {
    table.addTo(this);
  }

  /** Counts one value outside any interval (a late record whose interval was reported). */
  add(id: number, key: string): void {
    if (id >= 0) this.ids.add(id);
    else this.strings.add(key);
  }

  /** Distinct keys: exact for ids; for strings, exact until the counter filled up. */
  get size(): number {
    return this.ids.size + this.strings.size;
  }

  /** True while every count is exact. */
  get exact(): boolean {
    return this.strings.maxError === 0;
  }

  /** The `n` keys with the most hits; `name` gives an id's key. */
  top(n: number, name: (id: number) => string): Ranked[] {
    const byId = this.ids.top(n, name);
    if (this.strings.size === 0) return byId;
    return [...byId, ...this.strings.top(n)].sort(byHitsThenKey).slice(0, n);
  }

  /** Every key with its count, keys in ascending order. */
  toRecord(name: (id: number) => string): Record<string, number> {
    const rows: Ranked[] = [...this.ids.entries(name), ...this.strings.top(this.capacity)];
    const out: Record<string, number> = {};
    for (const r of rows.sort((a, b) => (a.key < b.key ? -1 : 1))) out[r.key] = r.hits;
    return out;
  }
}
