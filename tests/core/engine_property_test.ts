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
  const times: number[] = [1000];
  let t = 1000;
  let max = t;
  // Jumps stay within the window and the allowance: further, a line's time is in doubt (spec §5, the
  // time guard's own properties below).
  const far = window + late;
  for (const step of steps) {
    t = max + Math.max(-far, Math.min(far, step));
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
      // A line is missing from the intervals only if it missed its interval, and then the report it
      // arrived in counts it as late: hits and late add up to the records.
      let late = 0;
      for (const e of events) if (e.type === "stats") late += e.late;
      equal(reported + late, c.times.length);
      equal(summary.unreported, late);
    }),
    { numRuns: 300 },
  );
});

Deno.test("MonitorEngine leaves a lone far-stamped line out: same events, skewed 1", () => {
  const withOutlier = fc.record({
    c: caseArb.filter((c) => c.times.length >= 5),
    at: fc.nat(),
    direction: fc.constantFrom(1, -1),
    distance: fc.integer({ min: 1, max: 1_000_000_000 }),
  }).map(({ c, at, direction, distance }) => {
    // Followed by at least three lines near the log's time, it is known for what it is.
    // Far from every line of the log, not only from those before it.
    const i = at % (c.times.length - 3);
    const far = c.window + c.late;
    const times = [...c.times];
    const stamp = direction > 0
      ? Math.max(...c.times) + far + distance
      : Math.min(...c.times) - far - distance;
    times.splice(i + 1, 0, stamp);
    return { c, times };
  });
  fc.assert(
    fc.property(withOutlier, ({ c, times }) => {
      const plain = engineRun(c);
      const skewed = engineRun({ ...c, times });
      deepEqual(skewed.changes, plain.changes);
      const summary = skewed.events.at(-1)!;
      equal(summary.type === "summary" && summary.skewed, 1);
      // Every interval counts what it counted without the outlier (an interval holding only the
      // skewed count is reported rather than joining a quiet run, as one holding an invalid line is).
      const hits = (events: typeof plain.events) =>
        events.filter((e) => e.type === "stats" && e.hits > 0);
      deepEqual(hits(skewed.events).map((e) => ({ ...e, skewed: 0 })), hits(plain.events));
      deepEqual({ ...summary, skewed: 0 }, plain.events.at(-1));
    }),
    { numRuns: 300 },
  );
});
