/**
 * Counting by key id is a speed-up, nothing more: for any stream of records, an engine given their
 * host, method and section ids (as the byte parser gives them) reports exactly what an engine counting
 * their strings reports.
 */
import { deepEqual } from "node:assert/strict";
import fc from "fast-check";
import { MonitorEngine } from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { newRecord } from "../../src/record.ts";
import { Interner } from "../../src/parse/interner.ts";

const HOSTS = ["10.0.0.1", "10.0.0.2", "192.0.2.9", "::1"];
const METHODS = ["GET", "POST", "HEAD"];
const SECTIONS = ["/", "/api", "/report", "/static", "/x"];

const line = fc.record({
  dt: fc.integer({ min: -3, max: 4 }),
  host: fc.nat(HOSTS.length - 1),
  method: fc.nat(METHODS.length - 1),
  section: fc.nat(SECTIONS.length - 1),
  // Some values come without an id, always the same ones (as a value past a full dictionary does).
  status: fc.constantFrom(200, 404, 500),
});

function run(lines: Array<typeof line extends fc.Arbitrary<infer T> ? T : never>, ids: boolean) {
  const events: MonitorEvent[] = [];
  const hosts = new Interner(), methods = new Interner(), sections = new Interner();
  const keys = ids
    ? {
      host: (id: number) => hosts.value(id),
      method: (id: number) => methods.value(id),
      section: (id: number) => sections.value(id),
    }
    : undefined;
  const engine = new MonitorEngine(
    { threshold: 0.5, window: 6, late: 2, interval: 3, top: 3 },
    (e) => events.push(e),
    { keys },
  );
  const r = newRecord();
  let t = 1_000_000;
  for (const l of lines) {
    t = Math.max(1_000_000, t + l.dt);
    r.time = t;
    r.host = HOSTS[l.host];
    r.method = METHODS[l.method];
    r.section = SECTIONS[l.section];
    r.status = l.status;
    r.bytes = 10;
    // The last section and host never get an id: they are counted by string in both runs.
    r.hostId = ids && l.host < HOSTS.length - 1 ? hosts.internString(r.host) : -1;
    r.methodId = ids ? methods.internString(r.method) : -1;
    r.sectionId = ids && l.section < SECTIONS.length - 1 ? sections.internString(r.section) : -1;
    engine.add(r);
  }
  engine.finish();
  return events;
}

Deno.test("MonitorEngine reports the same with key ids as with strings", () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 120 }), (lines) => {
      deepEqual(run(lines, true), run(lines, false));
    }),
    { numRuns: 300 },
  );
});
