import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { ByteLineSplitter } from "../../src/source/byte_line_splitter.ts";
import { NewlineScanner } from "../../src/source/newline_scan.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

function byteLines(chunks: Uint8Array[], max?: number, scanner?: NewlineScanner): string[] {
  const s = new ByteLineSplitter({ maxLineBytes: max, scanner });
  const out: string[] = [];
  const take = (b: Uint8Array, start: number, end: number) => {
    const e = end > start && b[end - 1] === 13 ? end - 1 : end;
    out.push(dec.decode(b.subarray(start, e)));
  };
  for (const c of chunks) s.push(c, take);
  s.flush(take);
  return out;
}

/**
 * The model: the whole text split on "\n" at once, each line without a trailing "\r", the last one
 * kept if not empty, lines of more than `max` bytes left out.
 */
function modelLines(chunks: Uint8Array[], max = Infinity): string[] {
  const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.length;
  }
  const parts = dec.decode(whole).split("\n");
  if (parts.at(-1) === "") parts.pop();
  return parts.filter((l) => enc.encode(l).length <= max).map((l) =>
    l.endsWith("\r") ? l.slice(0, -1) : l
  );
}

Deno.test("ByteLineSplitter hands over lines in place and carries one cut between chunks", () => {
  const seen: Array<[boolean, string]> = [];
  const s = new ByteLineSplitter();
  const a = enc.encode("one\ntw");
  const b = enc.encode("o\nthree\n");
  for (const chunk of [a, b]) {
    s.push(
      chunk,
      (bytes, start, end) => seen.push([bytes === chunk, dec.decode(bytes.subarray(start, end))]),
    );
  }
  deepEqual(seen, [[true, "one"], [false, "two"], [true, "three"]]);
  equal(s.pending, 0);
});

Deno.test("ByteLineSplitter drops over-long lines without holding them", () => {
  const s = new ByteLineSplitter({ maxLineBytes: 8 });
  const lines: string[] = [];
  const take = (b: Uint8Array, x: number, y: number) => lines.push(dec.decode(b.subarray(x, y)));
  for (let i = 0; i < 5; i++) {
    s.push(enc.encode("xxxxxx"), take);
    equal(s.pending <= 8, true);
  }
  s.push(enc.encode("\nok\n"), take);
  deepEqual(lines, ["ok"]);
  equal(s.oversized, 1);
});

Deno.test("ByteLineSplitter gives the lines of the whole text however the bytes are cut", () => {
  const text = fc.string({ unit: fc.constantFrom("a", "é", "☕", "\n", "\r", " "), maxLength: 80 });
  fc.assert(
    fc.property(
      text,
      fc.array(fc.nat(), { maxLength: 8 }),
      fc.constantFrom(undefined, 4, 16),
      (t, cuts, max) => {
        const bytes = enc.encode(t);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        deepEqual(byteLines(chunks, max), modelLines(chunks, max));
        // A chunk scanned in pieces of 16 bytes (one SIMD compare) and of 5 (the byte-by-byte tail).
        for (const scanner of SMALL_PIECES) {
          deepEqual(byteLines(chunks, max, scanner), modelLines(chunks, max));
        }
      },
    ),
    { numRuns: 1000 },
  );
});

const SMALL_PIECES = [NewlineScanner.create(16)!, NewlineScanner.create(5)!];

Deno.test("ByteLineSplitter finds line ends one by one when its scanner is in use", () => {
  // A line handler that feeds a second splitter sharing the scanner: neither may lose a line.
  const scanner = NewlineScanner.create(8)!;
  const inner = new ByteLineSplitter({ scanner });
  const outer = new ByteLineSplitter({ scanner });
  const got: string[] = [];
  outer.push(enc.encode("a\nbb\nccc\n"), (b, x, y) => {
    got.push(dec.decode(b.subarray(x, y)));
    inner.push(enc.encode("in\n"), (ib, ix, iy) => got.push(dec.decode(ib.subarray(ix, iy))));
  });
  deepEqual(got, ["a", "in", "bb", "in", "ccc", "in"]);
});
