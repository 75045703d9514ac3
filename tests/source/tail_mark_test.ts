import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { TAIL_MARK_BYTES, TailMark } from "../../src/source/tail_mark.ts";

/** A stream of bytes that differ from their neighbours, so that a shifted window never matches. */
const STREAM = Uint8Array.from({ length: 1200 }, (_, i) => (i * 7) % 251);

/** Pushes STREAM to a new mark in chunks of the given sizes; returns the mark and the bytes pushed. */
function pushed(sizes: number[]): [TailMark, Uint8Array] {
  const mark = new TailMark();
  let at = 0;
  for (const size of sizes) {
    mark.push(STREAM.subarray(at, at + size));
    at += size;
  }
  return [mark, STREAM.subarray(0, at)];
}

/** The last TAIL_MARK_BYTES of `bytes` (all of them if fewer). */
function lastOf(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(Math.max(0, bytes.length - TAIL_MARK_BYTES));
}

Deno.test("TailMark.push() keeps the last bytes pushed, however they were cut", () => {
  const M = TAIL_MARK_BYTES;
  const table: Array<[string, number[]]> = [
    ["nothing", []],
    ["an empty chunk", [0]],
    ["one short chunk", [10]],
    ["short chunks that fit", [10, 20, 0, 5]],
    ["chunks that fill it exactly", [M - 1, 1]],
    ["one chunk of exactly its size", [M]],
    ["one chunk longer than it", [M + 1]],
    ["a short chunk that overflows it", [M - 1, 2]],
    ["a long chunk after short ones", [10, 3 * M]],
    ["short chunks after a long one", [3 * M, 10, 1]],
    ["many one-byte chunks", Array(M + 5).fill(1)],
    ["chunks that overflow it twice", [40, 40, 40, 40]],
  ];
  for (const [name, sizes] of table) {
    const [mark, all] = pushed(sizes);
    deepEqual(mark.bytes, lastOf(all), name);
  }
});

Deno.test("TailMark.push() copies the chunk: the reader reuses its buffer", () => {
  const mark = new TailMark();
  const buffer = Uint8Array.from([1, 2, 3]);
  mark.push(buffer);
  buffer.fill(9);
  deepEqual(mark.bytes, Uint8Array.from([1, 2, 3]));
  const long = STREAM.slice(0, TAIL_MARK_BYTES + 3);
  mark.push(long);
  long.fill(9);
  deepEqual(mark.bytes, STREAM.subarray(3, TAIL_MARK_BYTES + 3));
});

Deno.test("TailMark.push() keeps the last bytes for any cuts", () => {
  fc.assert(
    fc.property(fc.array(fc.nat(2 * TAIL_MARK_BYTES), { maxLength: 8 }), (sizes) => {
      const [mark, all] = pushed(sizes);
      deepEqual(mark.bytes, lastOf(all));
    }),
  );
});

Deno.test("TailMark.matches() is true only for exactly the bytes kept", () => {
  const [mark] = pushed([100]); // keeps STREAM[36, 100)
  const kept = STREAM.slice(100 - TAIL_MARK_BYTES, 100);
  const changed = (i: number) => {
    const copy = kept.slice();
    copy[i] ^= 1;
    return copy;
  };
  const table: Array<[string, Uint8Array, boolean]> = [
    ["the bytes kept", kept, true],
    ["the first byte changed", changed(0), false],
    ["the last byte changed", changed(TAIL_MARK_BYTES - 1), false],
    ["a byte in the middle changed", changed(30), false],
    ["one byte short", kept.subarray(1), false],
    ["one byte more", STREAM.slice(99 - TAIL_MARK_BYTES, 100), false],
    ["the window one byte earlier", STREAM.slice(99 - TAIL_MARK_BYTES, 99), false],
    ["nothing", new Uint8Array(0), false],
  ];
  for (const [name, bytes, expected] of table) equal(mark.matches(bytes), expected, name);
});

Deno.test("TailMark.reset() forgets every byte, and pushes start again from nothing", () => {
  const [mark] = pushed([100]);
  mark.reset();
  deepEqual(mark.bytes, new Uint8Array(0));
  equal(mark.matches(new Uint8Array(0)), true);
  equal(mark.matches(STREAM.subarray(36, 100)), false);
  mark.push(STREAM.subarray(0, 5));
  deepEqual(mark.bytes, STREAM.subarray(0, 5));
});
