/**
 * The engine against a reference written straight from spec §3: for any arrival order of stamped lines,
 * with any window, late allowance and threshold, the alerts and recoveries are those of the definition.
 */
import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { MonitorEngine } from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { newRecord } from "../../src/record.ts";

interface Case {
  times: number[];
  window: number;
  late: number;
  threshold: number;
}

/** Spec §3 done the slow way: evaluate each final second by counting the lines read so far. */
function reference({ times, window, late, threshold }: Case): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  const read: number[] = [];
  let lastEval: number | undefined;
  let alerting = false;
  const evaluateThrough = (final: number) => {
    for (let t = lastEval! + 1; t <= final; t++) {
      const hits = read.filter((s) => s >= t - window + 1 && s <= t).length;
      if (!alerting && hits / window > threshold) {
        alerting = true;
        out.push(["alert", t, hits]);
      } else if (alerting && hits / window <= threshold) {
        alerting = false;
        out.push(["recover", t, hits]);
      }
      lastEval = t;
    }
  };
  for (const t of times) {
    lastEval ??= t - 1 - late;
    if (t - 1 - late > lastEval) evaluateThrough(t - 1 - late);
    read.push(t);
  }
  if (read.length > 0) evaluateThrough(Math.max(...read));
  return out;
}

function engineRun(c: Case): { changes: Array<[string, number, number]>; events: MonitorEvent[] } {
  const events: MonitorEvent[] = [];
  const engine = new MonitorEngine(
    { threshold: c.threshold, window: c.window, late: c.late, interval: 3, top: 3 },
    (e) => events.push(e),
  );
  const r = newRecord();
  for (const t of c.times) {
    r.time = t;
    engine.add(r);
  }
  engine.finish();
  const changes = events.filter((e) => e.type === "alert" || e.type === "recover")
    .map((e) => [e.type, (e as { time: number }).time, (e as { hits: number }).hits]) as Array<
      [string, number, number]
    >;
  return { changes, events };
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  window: fc.integer({ min: 1, max: 12 }),
  late: fc.integer({ min: 0, max: 4 }),
  threshold: fc.constantFrom(0, 0.5, 1, 1.5, 2, 3),
  // Mostly increasing stamps with jitter and the occasional jump, like a real log.
  steps: fc.array(
    fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -3, max: 2 }) },
      { weight: 1, arbitrary: fc.integer({ min: 3, max: 60 }) },
    ),
    { maxLength: 120 },
  ),
}).map(({ window, late, threshold, steps }) => {
  const times: number[] = [];
  let t = 1000;
  let max = t;
  for (const step of steps) {
    t = max + step;
    if (t > max) max = t;
    times.push(t);
  }
  return { times, window, late, threshold };
});

Deno.test("MonitorEngine matches the spec's definition for any arrival order", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      deepEqual(engineRun(c).changes, reference(c));
    }),
    { numRuns: 400 },
  );
});

Deno.test("MonitorEngine reports every line once: interval hits + late lines = all lines", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const { events } = engineRun(c);
      let reported = 0;
      for (const e of events) if (e.type === "stats") reported += e.hits;
      const summary = events.at(-1)!;
      equal(summary.type, "summary");
      if (summary.type !== "summary") return;
      equal(summary.hits, c.times.length);
      // A line is missing from the intervals only if it was late for an interval already reported.
      equal(reported <= c.times.length, true);
      equal(c.times.length - reported <= summary.late, true);
    }),
    { numRuns: 300 },
  );
});
