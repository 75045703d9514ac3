import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { NewlineScanner, sharedScanner } from "../../src/source/newline_scan.ts";
import { compileNewlineScan, WASM_MODULE_TS } from "../../tasks/wasm_build.ts";

Deno.test("the embedded WebAssembly is newline_scan.wat compiled (deno task wasm)", async () => {
  equal(await Deno.readTextFile(WASM_MODULE_TS), await compileNewlineScan());
});

Deno.test("the scanner runs here: Deno's V8 has WebAssembly SIMD", () => {
  equal(sharedScanner() instanceof NewlineScanner, true);
});

/** The "\n"s of `bytes[from, to)` as indexOf finds them, from `from`. */
function model(bytes: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = bytes.indexOf(10, from); i >= 0 && i < to; i = bytes.indexOf(10, i + 1)) {
    out.push(i - from);
  }
  return out;
}

Deno.test("NewlineScanner finds every line end of a piece, in order", () => {
  const scanner = NewlineScanner.create(64)!;
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 64 }).chain((b) =>
        fc.tuple(fc.constant(b), fc.nat(b.length), fc.nat(b.length))
      ),
      fc.float({ min: 0, max: 1, noNaN: true }),
      ([raw, x, y], density) => {
        // Newlines dense or sparse, anywhere in the 16-byte blocks and the tail.
        const bytes = raw.map((b) => (b / 255 < density ? 10 : b === 10 ? 11 : b));
        const [from, to] = x <= y ? [x, y] : [y, x];
        const n = scanner.scan(bytes, from, to);
        deepEqual([...scanner.offsets.subarray(0, n)], model(bytes, from, to));
      },
    ),
    { numRuns: 2000 },
  );
});
