import { deepEqual, equal } from "node:assert/strict";
import { RequestCounter } from "../../src/core/request_counter.ts";
import { newRecord } from "../../src/record.ts";
import type { KeyDictionary } from "../../src/core/key_dictionary.ts";

const names = ["/a", "/b", "/c"];
const keys: KeyDictionary = {
  host: (id) => `10.0.0.${id}`,
  method: (id) => ["GET", "POST", "BREW"][id],
  section: (id) => names[id],
};

function record(fields: Partial<ReturnType<typeof newRecord>>) {
  return { ...newRecord(), method: "GET", status: 200, bytes: 10, ...fields };
}

Deno.test("RequestCounter counts under other until a report promotes a section", () => {
  const c = new RequestCounter(2);
  c.add(record({ section: "/a" }), keys);
  deepEqual(c.requests(), [{ section: "other", statusClass: "2xx", method: "GET", value: 1 }]);
  c.promote([{ key: "/a", hits: 1 }]);
  c.add(record({ section: "/a", status: 404 }), keys);
  c.add(record({ section: "/a", method: "POST", status: 503 }), keys);
  deepEqual(c.requests(), [
    { section: "/a", statusClass: "4xx", method: "GET", value: 1 },
    { section: "/a", statusClass: "5xx", method: "POST", value: 1 },
    { section: "other", statusClass: "2xx", method: "GET", value: 1 },
  ]);
});

Deno.test("RequestCounter keeps at most its sections apart; the rest stay other for good", () => {
  const c = new RequestCounter(2);
  c.promote([{ key: "/a", hits: 9 }, { key: "/b", hits: 8 }, { key: "/c", hits: 7 }]);
  for (const section of ["/a", "/b", "/c", "/c"]) c.add(record({ section }), keys);
  // A later report cannot move a series: /c stays in other even when it is the heaviest.
  c.promote([{ key: "/c", hits: 100 }]);
  c.add(record({ section: "/c" }), keys);
  deepEqual(c.requests().map((r) => [r.section, r.value]), [["/a", 1], ["/b", 1], ["other", 3]]);
  deepEqual(c.bytes(), [
    { section: "/a", value: 10 },
    { section: "/b", value: 10 },
    { section: "other", value: 30 },
  ]);
});

Deno.test("RequestCounter resolves ids through the dictionary, and again after a promotion", () => {
  const c = new RequestCounter(5);
  c.add(record({ sectionId: 1, methodId: 2, status: 99 }), keys);
  c.promote([{ key: "/b", hits: 1 }]);
  c.add(record({ sectionId: 1, methodId: 0 }), keys);
  c.add(record({ sectionId: 1000, methodId: 100 }), {
    ...keys,
    section: () => "/b",
    method: () => "GET",
  });
  deepEqual(c.requests(), [
    { section: "/b", statusClass: "2xx", method: "GET", value: 2 },
    // An unknown method and a status outside 200-599 are "other", not new series.
    { section: "other", statusClass: "other", method: "other", value: 1 },
  ]);
});

Deno.test("RequestCounter's histogram puts each response time in the first bucket that holds it", () => {
  const c = new RequestCounter(1);
  for (const duration of [0.004, 0.005, 0.3, 20]) c.add(record({ duration }), keys);
  c.add(record({}), keys); // no response time: not in the histogram
  const d = c.durations();
  equal(d.count, 4);
  equal(Math.round(d.sum * 1000), 20309);
  equal(d.buckets[0], 2); // <= 0.005
  equal(d.buckets[6], 1); // <= 0.5
  equal(d.buckets.at(-1), 1); // +Inf
});
