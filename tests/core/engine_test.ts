import { deepEqual, equal as assertEquals } from "node:assert/strict";
import {
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  MonitorEngine,
} from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { newRecord } from "../../src/record.ts";

/** Feeds `times` (one record per entry) through an engine, then finishes, returning all events. */
function run(times: number[], options: Partial<EngineOptions> = {}): MonitorEvent[] {
  const events: MonitorEvent[] = [];
  const engine = new MonitorEngine(
    { ...DEFAULT_ENGINE_OPTIONS, ...options },
    (e) => events.push(e),
  );
  const record = newRecord();
  for (const t of times) {
    record.time = t;
    engine.add(record);
  }
  engine.finish();
  return events;
}

function alerts(events: MonitorEvent[]): Array<[string, number, number]> {
  return events.filter((e) => e.type === "alert" || e.type === "recover").map((e) => {
    const a = e as { type: string; time: number; hits: number };
    return [a.type, a.time, a.hits];
  });
}

function repeat(t: number, n: number): number[] {
  return Array.from({ length: n }, () => t);
}

/** `perSecond` requests each second for `seconds` seconds from `t0`. */
function steady(t0: number, perSecond: number, seconds: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < seconds; s++) out.push(...repeat(t0 + s, perSecond));
  return out;
}

const t0 = 1_000_000;

Deno.test("MonitorEngine reproduces every worked example of spec §3", () => {
  const table: Array<[string, number[], Array<[string, number, number]>]> = [
    [
      "1200 at t0, one at t0+200: exactly 10.0 is not above 10",
      [...repeat(t0, 1200), t0 + 200],
      [],
    ],
    [
      "1201 at t0, one at t0+200: recovery when the window drains",
      [...repeat(t0, 1201), t0 + 200],
      [
        ["alert", t0, 1201],
        ["recover", t0 + 120, 0],
      ],
    ],
    ["11/s for 300 s, then 5/s", [...steady(t0, 11, 300), ...steady(t0 + 300, 5, 200)], [
      ["alert", t0 + 109, 1210],
      ["recover", t0 + 319, 1200],
    ]],
    ["20/s for 60 s, then 10/s", [...steady(t0, 20, 60), ...steady(t0 + 60, 10, 300)], [
      ["alert", t0 + 60, 1210],
      ["recover", t0 + 179, 1200],
    ]],
  ];
  for (const [name, times, expected] of table) {
    deepEqual(alerts(run(times)), expected, name);
  }
});

Deno.test("MonitorEngine compares a decimal threshold exactly", () => {
  // 1212 / 120 = 10.1 is not above 10.1; 1213 is.
  deepEqual(alerts(run([...repeat(t0, 1212), t0 + 500], { threshold: 10.1 })), []);
  deepEqual(alerts(run([...repeat(t0, 1213), t0 + 500], { threshold: 10.1 })), [
    ["alert", t0, 1213],
    ["recover", t0 + 120, 0],
  ]);
});

Deno.test("MonitorEngine evaluates a line within the late allowance in order", () => {
  // 1201 hits at t0+1 arrive first, then one at t0 (1 s late): still counted in order.
  const events = run([...repeat(t0 + 1, 1200), t0, t0 + 1, t0 + 300]);
  deepEqual(alerts(events), [["alert", t0 + 1, 1202], ["recover", t0 + 121, 0]]);
  const summary = events.at(-1)!;
  assertEquals(summary.type === "summary" && summary.late, 0);
});

Deno.test("MonitorEngine counts a line older than the late allowance as late, in later windows only", () => {
  // t0+10 finalises up to t0+7, so a line at t0+5 is late: it is in the window from t0+8 on.
  const events = run([t0, t0 + 10, t0 + 5]);
  const summary = events.at(-1)!;
  assertEquals(summary.type, "summary");
  if (summary.type !== "summary") return;
  assertEquals(summary.late, 1);
  assertEquals(summary.hits, 3);
});

Deno.test("MonitorEngine crosses a gap of thirty thousand years at constant cost", () => {
  // A loop over every second of this gap would never finish, so this test would hang, not pass.
  const events = run([...repeat(t0, 1300), t0 + 1_000_000_000_000]);
  deepEqual(alerts(events), [["alert", t0, 1300], ["recover", t0 + 120, 0]]);
  // The run of empty intervals is one quiet event, not a hundred million stats events.
  const quiet = events.filter((e) => e.type === "quiet");
  assertEquals(quiet.length, 1);
  assertEquals(events.length < 40, true, `too many events: ${events.length}`);
});

Deno.test("MonitorEngine reports aligned intervals once their last second is final", () => {
  const events = run([t0 + 3, t0 + 4, t0 + 12, t0 + 25]);
  const stats = events.filter((e) => e.type === "stats").map((e) =>
    e.type === "stats" ? [e.start, e.end, e.hits, e.partial] : []
  );
  // t0 = 1_000_000 is a multiple of 10.
  deepEqual(stats, [
    [t0, t0 + 10, 2, false],
    [t0 + 10, t0 + 20, 1, false],
    [t0 + 20, t0 + 26, 1, true],
  ]);
});

Deno.test("MonitorEngine.tick() advances log time on a quiet log so the alert recovers", () => {
  const events: MonitorEvent[] = [];
  const engine = new MonitorEngine(DEFAULT_ENGINE_OPTIONS, (e) => events.push(e));
  const record = newRecord();
  record.time = t0;
  for (let i = 0; i < 1201; i++) engine.add(record, 5_000);
  engine.tick(5_000 + 3_000); // log time t0+3: t0 is final
  deepEqual(alerts(events), [["alert", t0, 1201]]);
  engine.tick(5_000 + 122_999); // log time t0+122: final up to t0+119
  deepEqual(alerts(events), [["alert", t0, 1201]]);
  engine.tick(5_000 + 123_000); // log time t0+123: t0+120 is final, window empty
  deepEqual(alerts(events), [["alert", t0, 1201], ["recover", t0 + 120, 0]]);
});

Deno.test("MonitorEngine reports no empty interval before the first one with traffic", () => {
  // The first line at t0+1 makes t0-1 the first evaluated second, in the empty interval before t0.
  const events = run([t0 + 1, t0 + 2, t0 + 15]);
  const starts = events.filter((e) => e.type === "stats").map((e) => e.type === "stats" && e.start);
  assertEquals(starts[0], t0);
});
