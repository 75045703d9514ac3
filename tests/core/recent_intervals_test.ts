import { deepEqual, equal } from "node:assert/strict";
import { RecentIntervals } from "../../src/core/recent_intervals.ts";
import { IntervalStats } from "../../src/core/interval_stats.ts";
import { newRecord } from "../../src/record.ts";
import type { KeyDictionary } from "../../src/core/key_dictionary.ts";

const keys: KeyDictionary = {
  host: (id) => `10.0.0.${id}`,
  method: () => "GET",
  section: (id) => `/s${id}`,
};

function interval(start: number): IntervalStats {
  const stats = new IntervalStats(start, start + 10);
  const r = newRecord();
  for (let i = 0; i < 40; i++) {
    r.time = start;
    r.hostId = (start + i * i) % 23;
    r.sectionId = (start * 3 + i) % 7;
    r.methodId = 0;
    r.status = i % 9 === 0 ? 500 : 200;
    stats.add(r);
  }
  return stats;
}

Deno.test("RecentIntervals kept whole and snapshotted on demand gives the tables of snapshots", () => {
  const lazy = new RecentIntervals(4, 5, keys, true);
  const eager = new RecentIntervals(4, 5, keys, false);
  const freed: Array<IntervalStats | undefined> = [];
  for (let start = 0; start < 100; start += 10) {
    freed.push(lazy.add(interval(start)));
    equal(eager.add(interval(start)) !== undefined, true);
    for (const from of [start - 30, start - 5, start + 5]) {
      deepEqual(lazy.merged(5, from), eager.merged(5, from), `from ${from}`);
    }
  }
  // Kept whole until they leave the window: then each comes back for reuse, once.
  deepEqual(freed.slice(0, 4), [undefined, undefined, undefined, undefined]);
  deepEqual(freed.slice(4).map((s) => s?.start), [0, 10, 20, 30, 40, 50]);
});
