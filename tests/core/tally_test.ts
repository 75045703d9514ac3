import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { byHitsThenKey, Tally } from "../../src/core/tally.ts";

Deno.test("Tally.add() counts per key, by one or by a weight", () => {
  const t = new Tally();
  for (const k of ["/a", "/b", "/a"]) t.add(k);
  t.add("/c", 5);
  equal(t.get("/a"), 2);
  equal(t.get("/c"), 5);
  equal(t.get("/none"), 0);
  equal(t.size, 3);
  deepEqual(t.toRecord(), { "/a": 2, "/b": 1, "/c": 5 });
});

Deno.test("Tally.top() ranks by hits, then by key, and handles n of 0 and n beyond the keys", () => {
  const t = new Tally();
  for (const [k, n] of [["/b", 3], ["/a", 3], ["/c", 9], ["/d", 1]] as const) t.add(k, n);
  deepEqual(t.top(3), [{ key: "/c", hits: 9 }, { key: "/a", hits: 3 }, { key: "/b", hits: 3 }]);
  deepEqual(t.top(0), []);
  equal(t.top(10).length, 4);
});

Deno.test("Tally.top() is the head of the fully sorted table, for any counts and any n", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom("/a", "/b", "/c", "/d", "/e", "/f", "/g"), fc.nat(5))),
      fc.nat(9),
      (adds, n) => {
        const t = new Tally();
        for (const [k, by] of adds) t.add(k, by);
        const sorted = [...t.entries()].sort(byHitsThenKey).slice(0, n);
        deepEqual(t.top(n), sorted);
      },
    ),
  );
});
