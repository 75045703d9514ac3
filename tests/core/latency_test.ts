import { equal } from "node:assert/strict";
import { Latency } from "../../src/core/latency.ts";
import { loadSketches } from "../../src/core/sketches.ts";

// Response-time sketches are loaded by the wiring for runs that need them; here, by hand.
await loadSketches();

function near(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= expected * 0.011; // DDSketch: 1 % relative accuracy
}

Deno.test("Latency.summary() gives nearest-rank percentiles in ms, within 1 %", () => {
  const few = new Latency();
  for (const s of [0.00093, 0.0415, 1.203]) few.add(s);
  const f = few.summary();
  equal(f.count, 3);
  equal(near(f.p50, 41.5), true, String(f.p50));
  equal(near(f.p90, 1203), true, String(f.p90));
  equal(near(f.p99, 1203), true, String(f.p99));

  const many = new Latency();
  for (let i = 1; i <= 1000; i++) many.add(i / 1000); // 1 ms … 1000 ms
  const m = many.summary();
  equal(near(m.p50, 500), true, String(m.p50));
  equal(near(m.p90, 900), true, String(m.p90));
  equal(near(m.p99, 990), true, String(m.p99));
});

Deno.test("Latency.merge() combines two sketches", () => {
  const a = new Latency(), b = new Latency();
  for (let i = 1; i <= 50; i++) a.add(i / 1000);
  for (let i = 51; i <= 100; i++) b.add(i / 1000);
  a.merge(b);
  const s = a.summary();
  equal(s.count, 100);
  equal(near(s.p90, 90), true, String(s.p90));
});
