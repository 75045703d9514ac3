import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { IdTally } from "../../src/core/id_tally.ts";
import { KeyTable } from "../../src/core/key_table.ts";
import { Tally } from "../../src/core/tally.ts";

const NAMES = ["/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h"];
const name = (id: number) => NAMES[id];

Deno.test("IdTally counts like a Tally of the names, and forgets on reset()", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(7), fc.integer({ min: 1, max: 3 }))),
      fc.nat(9),
      (adds, n) => {
        const ids = new IdTally();
        const names = new Tally();
        for (const [id, by] of adds) {
          ids.add(id, by);
          names.add(name(id), by);
        }
        deepEqual(ids.top(n, name), names.top(n));
        equal(ids.size, names.size);
        deepEqual(
          [...ids.entries(name)].sort((a, b) => a.hits - b.hits || (a.key < b.key ? -1 : 1)),
          [...names.entries()].sort((a, b) => a.hits - b.hits || (a.key < b.key ? -1 : 1)),
        );
        ids.reset();
        equal(ids.size, 0);
        deepEqual(ids.top(n, name), []);
      },
    ),
  );
});

Deno.test("IdTally grows for large ids", () => {
  const t = new IdTally();
  t.add(70_000, 2);
  t.add(5);
  deepEqual(t.top(2, String), [{ key: "70000", hits: 2 }, { key: "5", hits: 1 }]);
});

Deno.test("KeyTable counts keys by id or by string, together like one Tally", () => {
  fc.assert(
    fc.property(
      // Each name comes always by id (the first four) or always by string (the rest).
      fc.array(fc.nat(7)),
      fc.integer({ min: 1, max: 9 }),
      (picks, n) => {
        const table = new KeyTable(100);
        const truth = new Tally();
        for (const id of picks) {
          table.add(id < 4 ? id : -1, name(id));
          truth.add(name(id));
        }
        deepEqual(table.top(n, name), truth.top(n));
        equal(table.size, truth.size);
        deepEqual(table.toRecord(name), truth.toRecord());
        table.reset();
        equal(table.size, 0);
      },
    ),
  );
});
