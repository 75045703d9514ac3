import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { BoundedTally, MAX_KEY_LENGTH, tableKey } from "../../src/core/bounded_tally.ts";
import { Tally } from "../../src/core/tally.ts";

Deno.test("BoundedTally is exact, like Tally, up to its capacity", () => {
  const b = new BoundedTally(3);
  const t = new Tally();
  for (const k of ["/a", "/b", "/a", "/c", "/a", "/b"]) {
    b.add(k);
    t.add(k);
  }
  equal(b.exact, true);
  equal(b.size, 3);
  deepEqual(b.top(5), t.top(5));
  deepEqual(b.toRecord(), { "/a": 3, "/b": 2, "/c": 1 });
});

Deno.test("BoundedTally past its capacity keeps the heavy hitters within the stated error", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 400 }),
      fc.integer({ min: 1, max: 12 }),
      (draws, capacity) => {
        // Skewed: low numbers are far more frequent.
        const keys = draws.map((d) => `/k${Math.floor(d * d / 40)}`);
        const b = new BoundedTally(capacity);
        const truth = new Tally();
        for (const k of keys) {
          b.add(k);
          truth.add(k);
        }
        const kept = new Map([...b.top(capacity)].map((r) => [r.key, r]));
        equal(b.exact, truth.size <= capacity);
        for (const { key, hits } of truth.entries()) {
          const row = kept.get(key);
          // Every key above total / capacity is kept.
          if (hits > keys.length / capacity) equal(row !== undefined, true, key);
          if (row === undefined) continue;
          // A count is never low, and at most its error (itself at most total / capacity) high.
          const error = row.error ?? 0;
          equal(row.hits >= hits && row.hits - error <= hits, true, key);
          equal(error <= keys.length / capacity, true);
        }
        equal(b.size, Math.min(truth.size, capacity));
      },
    ),
  );
});

Deno.test("tableKey() cuts keys longer than the limit, and tables count them cut", () => {
  const long = "/" + "x".repeat(1000);
  equal(tableKey(long).length, MAX_KEY_LENGTH);
  equal(tableKey(long).endsWith("…"), true);
  equal(tableKey("/short"), "/short");
  const b = new BoundedTally(10);
  b.add(long);
  b.add(long + "y");
  deepEqual(b.top(1), [{ key: tableKey(long), hits: 2 }]);
});
