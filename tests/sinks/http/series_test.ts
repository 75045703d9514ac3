import { deepEqual, equal, throws } from "node:assert/strict";
import { Series } from "../../../src/sinks/http/series.ts";

Deno.test("Series keeps one point a second, and one empty bucket over a skipped gap", () => {
  const s = new Series(8);
  s.add(100, 3, 3);
  s.add(101, 1, 4);
  s.add(200, 2, 2);
  deepEqual(s.data(), {
    time: [100, 101, 102, 200],
    width: [1, 1, 98, 1],
    hits: [3, 1, 0, 2],
    windowMax: [3, 4, 0, 2],
  });
  equal(s.end, 201);
  deepEqual(s.data(3).time, [200]);
});

Deno.test("Series halves its resolution instead of growing past its capacity", () => {
  const s = new Series(4);
  for (let t = 0; t < 9; t++) s.add(t, 1, t);
  // 0..3 merged in pairs at the fifth point, then seconds come in buckets of two, then four.
  equal(s.length <= 4, true);
  const d = s.data();
  equal(d.hits.reduce((a, b) => a + b, 0), 9);
  equal(d.time[0], 0);
  equal(s.end, 9);
  equal(Math.max(...d.windowMax), 8);
  equal(s.generation > 0, true);
  // Buckets tile the span without gaps or overlaps.
  for (let i = 1; i < d.time.length; i++) equal(d.time[i], d.time[i - 1] + d.width[i - 1]);
});

Deno.test("Series keeps a day of seconds at full resolution within 100k points", () => {
  const s = new Series();
  for (let t = 0; t < 86_400; t++) s.add(t, 1, 1);
  equal(s.length, 86_400);
  equal(s.generation, 0);
  for (let t = 86_400; t < 3 * 86_400; t++) s.add(t, 1, 1);
  equal(s.length <= 100_000, true);
  equal(s.end, 3 * 86_400);
});

Deno.test("Series refuses a capacity it cannot halve", () => {
  throws(() => new Series(5));
});

Deno.test("Series.json() is data() as JSON", () => {
  const s = new Series(8);
  for (const t of [5, 6, 9]) s.add(t, t, t * 2);
  deepEqual(JSON.parse(s.json()), s.data());
  equal(new Series().json(), '{"time":[],"width":[],"hits":[],"windowMax":[]}');
});
