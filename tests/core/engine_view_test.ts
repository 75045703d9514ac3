import { deepEqual, equal } from "node:assert/strict";
import { DEFAULT_ENGINE_OPTIONS, MonitorEngine } from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { newRecord } from "../../src/record.ts";

const t0 = 1_000_000;

function engineWith(options = {}) {
  const events: MonitorEvent[] = [];
  const seconds: Array<[number, number, number]> = [];
  const engine = new MonitorEngine(
    { ...DEFAULT_ENGINE_OPTIONS, window: 10, interval: 5, threshold: 2, ...options },
    (e) => events.push(e),
    { windowTables: true, onSecond: (t, h, w) => seconds.push([t, h, w]) },
  );
  const r = newRecord();
  const add = (t: number, section = "/a", host = "10.0.0.1", status = 200) => {
    r.time = t;
    r.section = section;
    r.host = host;
    r.status = status;
    r.bytes = 10;
    engine.add(r);
  };
  return { engine, events, seconds, add };
}

Deno.test("MonitorEngine.view() before any record shows an empty window", () => {
  const { engine } = engineWith();
  const v = engine.view();
  equal(v.time, undefined);
  equal(v.window.hits, 0);
  deepEqual(v.window.counts, []);
  equal(v.alerting, false);
  equal(v.run.hits, 0);
});

Deno.test("MonitorEngine.view() shows the window's counts, rate and the alert state", () => {
  const { engine, add, seconds } = engineWith();
  for (let s = 0; s < 8; s++) for (let i = 0; i < 4; i++) add(t0 + s, s % 2 ? "/a" : "/b");
  add(t0 + 11); // makes t0 .. t0+8 final (late 2)
  const v = engine.view();
  equal(v.time, t0 + 8);
  equal(v.window.seconds, 10);
  equal(v.window.start, t0 - 1);
  deepEqual(v.window.counts, [0, 4, 4, 4, 4, 4, 4, 4, 4, 0]);
  equal(v.window.hits, 32);
  equal(v.window.rate, 3.2);
  equal(v.alerting, true);
  equal(v.activeAlert?.type, "alert");
  equal(v.alertCount, 1);
  equal(v.run.hits, 33);
  // The per-second hook heard each evaluated second with its own hits and the window's.
  deepEqual(seconds.slice(-2), [[t0 + 7, 4, 32], [t0 + 8, 0, 32]]);
});

Deno.test("MonitorEngine.view() has the last interval, the current one and the window's tables", () => {
  const { engine, add } = engineWith();
  for (let s = 0; s < 12; s++) {
    add(t0 + s, s < 6 ? "/a" : "/b", `10.0.0.${s % 3}`, s === 3 ? 500 : 200);
  }
  const v = engine.view();
  // Seconds up to t0+8 are final: [t0, t0+5) is reported, [t0+5, t0+10) is being counted.
  equal(v.time, t0 + 8);
  equal(v.last?.start, t0);
  equal(v.current?.start, t0 + 5);
  equal(v.current?.hits, 5);
  // The window [t0-1, t0+8] overlaps both; t0+10 and t0+11 are not evaluated yet.
  equal(v.windowTables.hits, 10);
  deepEqual(v.windowTables.sections, [{ key: "/a", hits: 6 }, { key: "/b", hits: 4 }]);
  deepEqual(v.windowTables.status, { "200": 9, "500": 1 });
  equal(v.windowTables.clientCount, 3);
  // Run hits are live; its tables are as of the last report.
  equal(v.run.hits, 12);
  deepEqual(v.run.status, { "200": 4, "500": 1 });
  deepEqual(v.run.clients.map((c) => c.key), ["10.0.0.0", "10.0.0.1", "10.0.0.2"]);
});

Deno.test("MonitorEngine.view() is a snapshot: changing it does not touch the engine", () => {
  const { engine, add } = engineWith();
  for (let s = 0; s < 6; s++) add(t0 + s);
  const v = engine.view();
  v.window.counts[0] = 99;
  v.alerts.push({ type: "alert", time: 0, hits: 0, rate: 0, threshold: 0, window: 0 });
  deepEqual(engine.view().window.counts, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  equal(engine.view().alerts.length, 0);
});
