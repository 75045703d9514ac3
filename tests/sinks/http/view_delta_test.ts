import { deepEqual, equal } from "node:assert/strict";
import { buildDelta, DELTA_POINTS, newCursor } from "../../../src/sinks/http/view_delta.ts";
import { pageState } from "../../../src/sinks/http/state_json.ts";
import { Series } from "../../../src/sinks/http/series.ts";
import { Harness } from "./_harness.ts";

const t0 = 1_700_000_000;

/** A busy site: 10 sections, 200 clients with long addresses, a few statuses and methods. */
function busy(h: Harness, from: number, to: number) {
  for (let s = from; s < to; s++) {
    for (let i = 0; i < 30; i++) {
      h.add(t0 + s, 1, {
        section: `/section-number-${i % 10}`,
        host: `2001:db8:85a3::8a2e:370:${(s * 31 + i) % 200}`,
        status: [200, 200, 301, 404, 500][i % 5],
        method: ["GET", "GET", "POST", "PUT"][i % 4],
        duration: 0.01 * (i % 7),
      });
    }
  }
}

function view(h: Harness) {
  return pageState({ wallMs: 1, source: h.source, engine: h.engine.view() });
}

Deno.test("buildDelta() sends the tables that changed, and the new chart points", async () => {
  const h = Harness.start({ window: 60, interval: 10 });
  const series = new Series();
  try {
    busy(h, 0, 25);
    for (let t = t0; t < t0 + 20; t++) series.add(t, 30, 30);
    const cursor = newCursor(view(h), series.length, series.generation);
    // Nothing new: no tables, the last point again (it may still be filling).
    const same = buildDelta(cursor, view(h), series).delta;
    equal(same.tables, undefined);
    deepEqual(same.series, { from: 19, data: series.data(19) });
    busy(h, 25, 27);
    series.add(t0 + 20, 30, 30);
    const next = buildDelta(cursor, view(h), series).delta;
    deepEqual(Object.keys(next.tables ?? {}), ["window"]);
    deepEqual(Object.keys(next.tables?.window ?? {}).includes("hits"), true);
    deepEqual(next.series, { from: 19, data: series.data(19) });
    equal(cursor.seriesLength, 21);
  } finally {
    await h.close();
  }
});

Deno.test("buildDelta() asks for a reload past DELTA_POINTS points or after a merge", async () => {
  const h = Harness.start();
  const series = new Series(4);
  try {
    const cursor = newCursor(view(h), 0, 0);
    for (let t = 0; t < 3; t++) series.add(t, 1, 1);
    deepEqual(buildDelta(cursor, view(h), series).delta.series, { from: 0, data: series.data(0) });
    for (let t = 3; t < 6; t++) series.add(t, 1, 1); // merges: generation 1
    deepEqual(buildDelta(cursor, view(h), series).delta.series, { reload: true });
    const big = new Series();
    const c2 = newCursor(view(h), 0, 0);
    for (let t = 0; t <= DELTA_POINTS; t++) big.add(t, 1, 1);
    deepEqual(buildDelta(c2, view(h), big).delta.series, { reload: true });
  } finally {
    await h.close();
  }
});

Deno.test("a view update of a busy site is under 2 KB", async () => {
  const h = Harness.start({ window: 120, interval: 10 });
  const series = new Series();
  try {
    busy(h, 0, 100);
    const cursor = newCursor(view(h), series.length, series.generation);
    let largest = 0;
    for (let s = 100; s < 140; s++) {
      busy(h, s, s + 1);
      series.add(t0 + s, 30, 3600);
      // An interval's end changes three scopes: they come in as many updates as they need.
      let more = true;
      while (more) {
        const d = buildDelta(cursor, view(h), series);
        more = d.more;
        largest = Math.max(largest, JSON.stringify(d.delta).length);
      }
    }
    equal(largest < 2048, true, `largest delta ${largest} bytes`);
    // …and nothing is left behind: a cursor that took them all has the state's tables.
    deepEqual(cursor.tables, newCursor(view(h), series.length, series.generation).tables);
  } finally {
    await h.close();
  }
});

Deno.test("buildDelta() shortens long keys and caps rows; /api/state keeps them whole", async () => {
  const h = Harness.start({ window: 60, interval: 10, top: 20 });
  try {
    for (let i = 0; i < 20; i++) h.add(t0, 1, { section: `/${i}${"x".repeat(150)}` });
    h.add(t0 + 5);
    const cursor = newCursor(view(h), 0, 0);
    cursor.tables = {};
    const { delta } = buildDelta(cursor, view(h), new Series());
    const rows = delta.tables?.window?.sections ?? [];
    equal(rows.length, 10);
    equal(rows[0].key.length, 80);
    equal(rows[0].key.endsWith("…"), true);
    equal(view(h).tables.window.sections[0].key.length > 80, true);
  } finally {
    await h.close();
  }
});
