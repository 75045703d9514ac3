import { deepEqual, equal, throws } from "node:assert/strict";
import fc from "fast-check";
import { SpaceSaving } from "../../src/core/space_saving.ts";

Deno.test("SpaceSaving counts exactly while the keys fit", () => {
  const s = new SpaceSaving(3);
  for (const k of ["a", "b", "a", "c", "a", "b"]) s.add(k);
  deepEqual(s.top(3), [
    { key: "a", hits: 3, error: 0 },
    { key: "b", hits: 2, error: 0 },
    { key: "c", hits: 1, error: 0 },
  ]);
  equal(s.maxError, 0);
});

Deno.test("SpaceSaving keeps a heavy key among many rare ones, with a bounded over-count", () => {
  const s = new SpaceSaving(10);
  for (let i = 0; i < 10_000; i++) {
    s.add(`rare-${i}`);
    if (i % 4 === 0) s.add("heavy", 2);
  }
  const [first] = s.top(1);
  equal(first.key, "heavy");
  equal(first.hits >= 5_000, true);
  equal(first.hits - first.error <= 5_000, true);
});

Deno.test("SpaceSaving refuses a capacity below 1", () => {
  throws(() => new SpaceSaving(0), RangeError);
});

Deno.test("SpaceSaving's guarantees hold for any weighted stream", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 5 })), {
        maxLength: 300,
      }),
      (capacity, stream) => {
        const s = new SpaceSaving(capacity);
        const truth = new Map<string, number>();
        for (const [k, w] of stream) {
          s.add(`k${k}`, w);
          truth.set(`k${k}`, (truth.get(`k${k}`) ?? 0) + w);
        }
        const total = stream.reduce((sum, [, w]) => sum + w, 0);
        const kept = new Map(s.top(capacity).map((r) => [r.key, r]));
        for (const [key, count] of truth) {
          // Every key above N / capacity is kept.
          if (count > total / capacity) equal(kept.has(key), true, key);
        }
        for (const [key, r] of kept) {
          const t = truth.get(key) ?? 0;
          equal(r.hits >= t, true); // never under-counts
          equal(r.hits - r.error <= t, true); // over-count bounded by error
          equal(r.error <= total / capacity, true);
        }
      },
    ),
    { numRuns: 500 },
  );
});
