import { deepEqual, equal } from "node:assert/strict";
import {
  BatchBuilder,
  BatchDictionaries,
  columnBuffers,
  type IdSource,
  ROW_INVALID,
  ROW_OVERSIZED,
  ROW_RECORD,
} from "../../src/replay/record_batch.ts";
import { StringIds } from "../../src/replay/string_ids.ts";
import { type LogRecord, newRecord } from "../../src/record.ts";

/** A worker's dictionaries, bounded at `max` values each. */
function dictionaries(max: number) {
  const d = { host: new StringIds(max), method: new StringIds(max), section: new StringIds(max) };
  const source: IdSource = {
    sizes: () => ({ host: d.host.size, method: d.method.size, section: d.section.size }),
    valuesSince: (f) => ({
      host: d.host.valuesSince(f.host),
      method: d.method.valuesSince(f.method),
      section: d.section.valuesSince(f.section),
    }),
  };
  return { d, source };
}

function rec(i: number, withDuration: boolean): LogRecord {
  return {
    ...newRecord(),
    time: 1_700_000_000 + i,
    host: `10.0.0.${i % 7}`,
    method: i % 3 === 0 ? "POST" : "GET",
    section: `/s${i % 11}`,
    status: 200 + (i % 4),
    bytes: i * 10,
    duration: withDuration && i % 2 === 0 ? i / 1000 : NaN,
  };
}

/** Builds batches of `perBatch` records (every 5th row invalid, every 13th oversized). */
function build(max: number, batches: number, perBatch: number, withDuration: boolean) {
  const { d, source } = dictionaries(max);
  const made = [];
  const expected: Array<LogRecord | number>[] = [];
  let i = 0;
  for (let c = 0; c < batches; c++) {
    const b = new BatchBuilder(c, source, 4);
    const rows: Array<LogRecord | number> = [];
    for (let k = 0; k < perBatch; k++, i++) {
      if (i % 13 === 12) {
        b.rejected(ROW_OVERSIZED);
        rows.push(ROW_OVERSIZED);
      } else if (i % 5 === 4) {
        b.rejected(ROW_INVALID);
        rows.push(ROW_INVALID);
      } else {
        const r = rec(i, withDuration);
        b.record(r, d.host.id(r.host), d.method.id(r.method), d.section.id(r.section));
        rows.push(r);
      }
    }
    made.push(b.finish(perBatch * 100));
    expected.push(rows);
  }
  return { made, expected };
}

/** Reads the batches back on "the main thread", in order. */
function readBack(made: ReturnType<typeof build>["made"]) {
  const dicts = new BatchDictionaries();
  return made.map((batch) => {
    dicts.learn(batch);
    const rows: Array<LogRecord | number> = [];
    for (let i = 0; i < batch.rows; i++) {
      if (batch.kind[i] !== ROW_RECORD) {
        rows.push(batch.kind[i]);
        continue;
      }
      const out = newRecord();
      dicts.fill(batch, i, out);
      rows.push(out);
    }
    return rows;
  });
}

Deno.test("BatchBuilder rows read back through BatchDictionaries as the records given", () => {
  for (const withDuration of [false, true]) {
    const { made, expected } = build(1000, 3, 40, withDuration);
    deepEqual(readBack(made), expected);
    equal(made[0].duration === null, !withDuration);
    // Each distinct value travels once, with the first batch that uses it.
    deepEqual(made[0].added.method, ["POST", "GET"]);
    deepEqual(made[1].added.method, []);
  }
});

Deno.test("BatchBuilder sends values past a full dictionary with their rows", () => {
  const { made, expected } = build(3, 2, 30, false);
  deepEqual(readBack(made), expected);
  equal(made[0].added.host.length, 3);
  equal(made[0].extra.length > 0, true);
});

Deno.test("BatchBuilder fills the buffers of a consumed batch, durations reset to none", () => {
  const { d, source } = dictionaries(100);
  const first = new BatchBuilder(0, source, 64);
  const r = rec(2, true);
  first.record(r, d.host.id(r.host), d.method.id(r.method), d.section.id(r.section));
  const done = first.finish(10);
  const reused = columnBuffers(done);
  const second = new BatchBuilder(1, source, 64, reused);
  const plain = rec(3, false);
  second.record(
    plain,
    d.host.id(plain.host),
    d.method.id(plain.method),
    d.section.id(plain.section),
  );
  const again = second.finish(10);
  equal(again.time.buffer, reused.time);
  equal(again.time[0], plain.time);
  // The buffer still holds the old duration column: it must read as "none" for the new row.
  equal(again.duration === null || Number.isNaN(again.duration[0]), true);
});
