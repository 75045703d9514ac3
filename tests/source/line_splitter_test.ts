import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { LineSplitter } from "../../src/source/mod.ts";

const enc = new TextEncoder();

function splitAll(
  chunks: Uint8Array[],
  max?: number,
): { lines: string[]; rest?: string; s: LineSplitter } {
  const s = new LineSplitter({ maxLineBytes: max });
  const lines: string[] = [];
  for (const c of chunks) s.push(c, (l) => lines.push(l));
  return { lines, rest: s.flush(), s };
}

Deno.test("LineSplitter.push() holds a partial line until its newline", () => {
  const { lines, rest } = splitAll([enc.encode("a\nbb"), enc.encode("b\ncc")]);
  deepEqual(lines, ["a", "bbb"]);
  equal(rest, "cc");
});

Deno.test("LineSplitter.push() removes the \\r of CRLF line endings and keeps empty lines", () => {
  const { lines, rest } = splitAll([enc.encode("a\r\n\r\nb\r"), enc.encode("\nc\r\n")]);
  deepEqual(lines, ["a", "", "b", "c"]);
  equal(rest, undefined);
});

Deno.test("LineSplitter.push() joins a UTF-8 character cut between two chunks", () => {
  const bytes = enc.encode("café ☕\n");
  for (let cut = 0; cut <= bytes.length; cut++) {
    deepEqual(
      splitAll([bytes.subarray(0, cut), bytes.subarray(cut)]).lines,
      ["café ☕"],
      `cut ${cut}`,
    );
  }
});

Deno.test("LineSplitter.push() turns invalid UTF-8 into U+FFFD without throwing", () => {
  deepEqual(splitAll([new Uint8Array([0x61, 0xff, 0xfe, 0x0a])]).lines, ["a\ufffd\ufffd"]);
});

Deno.test("LineSplitter drops over-long lines, counts them and holds no more than the limit", () => {
  const long = "x".repeat(100);
  // Whole in one chunk, and spread over many chunks (held, then skipped to its newline).
  const whole = splitAll([enc.encode(`ok\n${long}\nok2\n`)], 50);
  deepEqual(whole.lines, ["ok", "ok2"]);
  equal(whole.s.oversized, 1);
  const s = new LineSplitter({ maxLineBytes: 50 });
  const lines: string[] = [];
  for (let i = 0; i < 10; i++) {
    s.push(enc.encode(long), (l) => lines.push(l));
    equal(s.pending <= 50, true);
  }
  s.push(enc.encode("\nafter\n"), (l) => lines.push(l));
  deepEqual(lines, ["after"]);
  equal(s.oversized, 1);
  // An over-long partial line at the end of input is counted, not delivered.
  const end = splitAll([enc.encode(long)], 50);
  deepEqual([end.lines, end.rest, end.s.oversized], [[], undefined, 1]);
});

Deno.test("LineSplitter delivers the same lines however the bytes are cut", () => {
  const text = fc.string({
    unit: fc.constantFrom("a", "é", "☕", "😀", "\n", "\r", " ", "\u0000"),
  });
  fc.assert(
    fc.property(text, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => {
      const bytes = enc.encode(t);
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let prev = 0;
      for (const p of [...points, bytes.length]) {
        chunks.push(bytes.subarray(prev, p));
        prev = p;
      }
      const { lines, rest } = splitAll(chunks);
      const stripCr = (l: string) => l.endsWith("\r") ? l.slice(0, -1) : l;
      const raw = t.split("\n");
      const last = raw.pop()!;
      deepEqual(lines, raw.map(stripCr));
      // Held bytes come back from flush(), even a lone "\r"; no held bytes, no partial line.
      equal(rest, last === "" ? undefined : stripCr(last));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("LineSplitter never throws on arbitrary bytes", () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
      splitAll(chunks, 16);
    }),
  );
});
