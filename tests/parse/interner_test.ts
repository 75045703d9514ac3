import { deepEqual, equal } from "node:assert/strict";
import { Interner, MAX_KEPT_BYTES } from "../../src/parse/interner.ts";

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

Deno.test("Interner ids stand for strings: byte forms that decode alike share one", () => {
  const i = new Interner();
  // Two different invalid bytes both decode to U+FFFD.
  const a = i.intern(new Uint8Array([0x2f, 0x61, 0xff]), 0, 3);
  const b = i.intern(new Uint8Array([0x2f, 0x61, 0xfe]), 0, 3);
  equal(a, b);
  equal(i.value(a), "/a\ufffd");
  equal(i.internString("/a\ufffd"), a);
  // A string interned first gets the id its bytes get later.
  const c = i.internString("/é");
  equal(i.intern(enc.encode("/é"), 0, enc.encode("/é").length), c);
  equal(i.size, 2);
  deepEqual(i.valuesSince(0), ["/a\ufffd", "/é"]);
});

Deno.test("Interner keeps no value longer than MAX_KEPT_BYTES", () => {
  const i = new Interner();
  const long = enc.encode("/" + "x".repeat(MAX_KEPT_BYTES));
  equal(i.intern(long, 0, long.length), -1);
  equal(i.overflow.length, MAX_KEPT_BYTES + 1);
  equal(i.size, 0);
});

Deno.test("Interner keeps a BOM that starts a value, as the line's decoding does", () => {
  const i = new Interner();
  const bytes = enc.encode("\ufeffGET");
  equal(i.get(bytes, 0, bytes.length), "\ufeffGET");
  equal(i.internString("GET") === i.intern(bytes, 0, bytes.length), false);
});

Deno.test("Interner gives a lone surrogate its own id: U+FFFD's bytes keep naming U+FFFD", () => {
  for (const surrogateFirst of [true, false]) {
    const i = new Interner();
    const fffd = enc.encode("\ufffd");
    const ids = surrogateFirst
      ? [i.internString("\ud800"), i.intern(fffd, 0, fffd.length)]
      : [i.intern(fffd, 0, fffd.length), i.internString("\ud800")];
    const [surrogate, replacement] = surrogateFirst ? ids : [ids[1], ids[0]];
    equal(i.value(surrogate), "\ud800");
    equal(i.value(replacement), "\ufffd");
    equal(i.internString("\ufffd"), replacement);
    equal(i.internString("\ud800"), surrogate);
  }
});
