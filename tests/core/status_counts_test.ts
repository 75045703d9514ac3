import { deepEqual } from "node:assert/strict";
import fc from "fast-check";
import { StatusCounts } from "../../src/core/status_counts.ts";
import { statusClass } from "../../src/core/status_class.ts";

/** What StatusCounts must answer: counts by code, kept naively in a map. */
function model(adds: Array<[number, number]>): Map<number, number> {
  const m = new Map<number, number>();
  for (const [status, by] of adds) {
    const slot = status >= 0 && status < 1000 ? status : 0;
    m.set(slot, (m.get(slot) ?? 0) + by);
  }
  return m;
}

function byCode(m: Map<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of [...m.keys()].sort((a, b) => a - b)) {
    if (m.get(code)! > 0) out[String(code)] = m.get(code)!;
  }
  return out;
}

const adds = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom(200, 304, 404, 500, 0, 999), fc.integer({ min: -5, max: 1200 })),
    fc.nat(3),
  ),
  { maxLength: 40 },
);

Deno.test("StatusCounts counts, merges and resets as a map of codes would", () => {
  fc.assert(fc.property(adds, adds, (a, b) => {
    const x = new StatusCounts();
    const y = new StatusCounts();
    for (const [s, by] of a) x.add(s, by);
    for (const [s, by] of b) y.add(s, by);
    deepEqual(x.byCode(), byCode(model(a)));
    x.addAll(y);
    const both = byCode(model([...a, ...b]));
    deepEqual(x.byCode(), both);
    const classes: Record<string, number> = {};
    for (const [code, n] of Object.entries(both)) {
      classes[statusClass(Number(code))] = (classes[statusClass(Number(code))] ?? 0) + n;
    }
    deepEqual(Object.entries(x.byClass()).sort(), Object.entries(classes).sort());
    x.reset();
    deepEqual(x.byCode(), {});
    for (const [s, by] of b) x.add(s, by);
    deepEqual(x.byCode(), byCode(model(b)));
  }));
});
