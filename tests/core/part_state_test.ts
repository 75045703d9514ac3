/**
 * Each part of the engine's checkpoint on its own: toState() through JSON, then load() (or fromState)
 * into a fresh instance, answers exactly as the original and goes on exactly as it would.
 */
import { deepEqual, equal, throws } from "node:assert/strict";
import fc from "fast-check";
import { Latency } from "../../src/core/latency.ts";
import { SpaceSaving } from "../../src/core/space_saving.ts";
import { DistinctCount } from "../../src/core/distinct_count.ts";
import { RateWindow } from "../../src/core/rate_window.ts";
import { BoundedTally } from "../../src/core/bounded_tally.ts";
import { num, unnum } from "../../src/core/part_state.ts";
import { loadSketches } from "../../src/core/sketches.ts";

// Response-time sketches are loaded by the wiring for runs that need them; here, by hand.
await loadSketches();

/** `x` through JSON, as a checkpoint file gives it back. */
const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x));

Deno.test("num() and unnum() carry ±Infinity and NaN through JSON", () => {
  for (const x of [0, -3.5, 1e300, Infinity, -Infinity, NaN]) {
    equal(Object.is(unnum(viaJson(num(x))), x), true, String(x));
  }
  throws(() => unnum("12" as never), TypeError);
});

Deno.test("Latency.fromState() answers and merges as the sketch it was taken from", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { minLength: 1, maxLength: 200 }),
      fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { maxLength: 200 }),
      (before, after) => {
        const original = new Latency();
        for (const d of before) original.add(d);
        const restored = Latency.fromState(viaJson(original.toState()));
        deepEqual(restored.summary(), original.summary());
        const more = new Latency();
        for (const d of after) more.add(d);
        for (const l of [original, restored]) {
          l.merge(more);
          l.add(0.5);
        }
        deepEqual(restored.summary(), original.summary());
        deepEqual(restored.toState(), original.toState());
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("SpaceSaving.load() keeps the heap's layout: the same key is replaced next", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 5 })), { maxLength: 200 }),
      fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 5 })), { maxLength: 200 }),
      (before, after) => {
        const original = new SpaceSaving(8);
        for (const [k, w] of before) original.add(`k${k}`, w);
        const restored = new SpaceSaving(8);
        restored.load(viaJson(original.toState()));
        for (const s of [original, restored]) for (const [k, w] of after) s.add(`k${k}`, w);
        deepEqual(restored.toState(), original.toState());
        deepEqual(restored.top(8), original.top(8));
      },
    ),
    { numRuns: 300 },
  );
  throws(() => new SpaceSaving(4).load(new SpaceSaving(8).toState()), RangeError);
});

Deno.test("BoundedTally.load() goes on to overflow as the original does", () => {
  const original = new BoundedTally(50);
  for (let i = 0; i < 40; i++) original.add(`k${i * 7 % 40}`, 1 + i % 3);
  const restored = new BoundedTally(50);
  restored.load(viaJson(original.toState()));
  for (const t of [original, restored]) for (let i = 0; i < 300; i++) t.add(`n${i % 90}`);
  equal(original.exact, false);
  deepEqual(restored.top(50), original.top(50));
});

Deno.test("DistinctCount.load() restores the set and the HyperLogLog registers", () => {
  const small = new DistinctCount(100);
  for (let i = 0; i < 60; i++) small.add(`v${i}`);
  const s2 = new DistinctCount(100);
  s2.load(viaJson(small.toState()));
  equal(s2.count, 60);
  equal(s2.error, 0);

  const big = new DistinctCount(100);
  for (let i = 0; i < 5000; i++) big.add(`v${i}`);
  const b2 = new DistinctCount(100);
  b2.load(viaJson(big.toState()));
  for (const d of [big, b2]) for (let i = 4000; i < 9000; i++) d.add(`v${i}`);
  equal(b2.count, big.count);
  equal(b2.error > 0, true);
  deepEqual(b2.toState(), big.toState());
  throws(() => new DistinctCount().load({ registers: btoa("short") }), RangeError);
});

Deno.test("RateWindow.fromState() keeps the window's and the pending seconds' counts", () => {
  const original = new RateWindow(5, 2, 100);
  for (const t of [96, 97, 97, 100, 101, 102, 103, 103]) original.add(t);
  const restored = RateWindow.fromState(5, 2, viaJson(original.toState()));
  equal(restored.sum, original.sum);
  deepEqual(restored.counts(), original.counts());
  for (let i = 0; i < 8; i++) {
    equal(restored.advance(), original.advance());
    equal(restored.newestCount, original.newestCount);
  }
  throws(() => RateWindow.fromState(6, 2, original.toState()), RangeError);
});
