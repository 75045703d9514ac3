import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { lineStartAt, readRegion } from "../../src/source/line_region.ts";

async function withFile(bytes: Uint8Array, fn: (file: Deno.FsFile) => Promise<void>) {
  const path = await Deno.makeTempFile({ prefix: "monilog-region-" });
  try {
    await Deno.writeFile(path, bytes);
    const file = await Deno.open(path);
    try {
      await fn(file);
    } finally {
      file.close();
    }
  } finally {
    await Deno.remove(path);
  }
}

/** Reads every region of size `size` the way the readers of a parallel replay do. */
async function regions(file: Deno.FsFile, size: number, total: number, bufferBytes: number) {
  const buffer = new Uint8Array(bufferBytes);
  const out: Array<{ begin: number; bytes: number[]; eof: boolean }> = [];
  for (let k = 0; k * size < Math.max(total, 1); k++) {
    const begin = await lineStartAt(file, k * size, buffer);
    const bytes: number[] = [];
    const end = await readRegion(file, begin, (k + 1) * size, buffer, (c) => bytes.push(...c));
    equal(end.end, begin + bytes.length);
    out.push({ begin, bytes, eof: end.eof });
  }
  return out;
}

Deno.test("lineStartAt() is just after the first newline at or after boundary - 1", () =>
  withFile(new TextEncoder().encode("ab\ncd\n\nefg"), async (file) => {
    const buffer = new Uint8Array(4);
    const starts = [];
    for (let b = 0; b <= 11; b++) starts.push(await lineStartAt(file, b, buffer));
    // Line starts are 0, 3, 6, 7; past the last newline there is none: the end of the file.
    deepEqual(starts, [0, 3, 3, 3, 6, 6, 6, 7, 10, 10, 10, 10]);
  }));

Deno.test("readRegion() regions tile the file, each holding the lines that start in it", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.string({ maxLength: 40, unit: fc.constantFrom("a", "é", " ", "\r") }), {
        maxLength: 30,
      }),
      fc.boolean(),
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 16 }),
      async (lines, finalNewline, size, bufferBytes) => {
        const text = lines.join("\n") + (finalNewline && lines.length > 0 ? "\n" : "");
        const bytes = new TextEncoder().encode(text);
        await withFile(bytes, async (file) => {
          const got = await regions(file, size, bytes.length, bufferBytes);
          // Together, in order, exactly the file.
          deepEqual(got.flatMap((r) => r.bytes), [...bytes]);
          for (const [k, r] of got.entries()) {
            if (r.bytes.length === 0) continue;
            // A region starts at a line start inside its span, and ends after a newline or at the end.
            equal(r.begin === 0 || bytes[r.begin - 1] === 10, true);
            equal(r.begin >= k * size && r.begin < (k + 1) * size, true);
            equal(r.bytes.at(-1) === 10 || r.begin + r.bytes.length === bytes.length, true);
          }
        });
      },
    ),
    { numRuns: 200 },
  );
});
