import { equal } from "node:assert/strict";
import { Interner } from "../../src/parse/interner.ts";

const enc = new TextEncoder();

Deno.test("Interner returns one shared string per distinct byte sequence", () => {
  const i = new Interner();
  const a = enc.encode("xx/api yy/api zz/report");
  const first = i.get(a, 2, 6);
  equal(first, "/api");
  equal(i.get(a, 9, 13) === first, true);
  equal(i.get(a, 16, 23), "/report");
  equal(i.size, 2);
});

Deno.test("Interner grows, and stops keeping new values past its bound", () => {
  const i = new Interner(5000);
  for (let n = 0; n < 20_000; n++) {
    const b = enc.encode(`/s${n}`);
    equal(i.get(b, 0, b.length), `/s${n}`);
  }
  equal(i.size, 5000);
  // Values kept before the bound are still found.
  const b = enc.encode("/s42");
  equal(i.get(b, 0, b.length), "/s42");
  equal(i.size, 5000);
});
