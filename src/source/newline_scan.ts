/**
 * Every line end of a chunk in one call: a WebAssembly function (newline_scan.wat) compares 16 bytes
 * at a time and writes the offsets of the "\n"s, which the splitter then walks. Finding them one by
 * one with TypedArray indexOf cost a call per line, about 100 ns for a 190-byte Combined line; on
 * 189 MB of Combined lines, 1 MiB chunks, the scan with its copy into the module's memory took 27 ms
 * against 89 ms. A chunk is scanned in pieces of at most `pieceBytes` (copied in, then scanned), so
 * the module's memory stays small (a piece and room for as many offsets as it has bytes).
 */
import { decodeBase64 } from "./base64.ts";
import { NEWLINE_SCAN_WASM } from "./newline_scan_wasm.ts";

/** The default piece: 128 KiB, with its offsets 640 KiB of module memory. */
export const DEFAULT_PIECE_BYTES = 128 * 1024;

const PAGE = 64 * 1024;

type ScanFn = (ptr: number, len: number, out: number) => number;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) is not there. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(decodeBase64(NEWLINE_SCAN_WASM) as BufferSource);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Finds the "\n"s of chunks, a piece at a time. One scan at a time: see {@linkcode busy}. */
export class NewlineScanner {
  readonly pieceBytes: number;
  readonly #scan: ScanFn;
  readonly #input: Uint8Array;
  /** Where the offsets start in the module's memory (after the piece, 4-byte aligned). */
  readonly #out: number;
  /** The offsets of the last piece scanned (from its start), the first `count` of them valid. */
  readonly offsets: Int32Array;
  /** True while a caller walks the offsets: a nested caller must not scan over them. */
  busy = false;

  private constructor(instance: WebAssembly.Instance, pieceBytes: number) {
    this.pieceBytes = pieceBytes;
    const memory = instance.exports.memory as WebAssembly.Memory;
    // The piece at 0, its offsets after it (as many as it has bytes, 4 bytes each).
    this.#out = Math.ceil(pieceBytes / 4) * 4;
    const need = this.#out + pieceBytes * 4;
    const have = memory.buffer.byteLength;
    if (need > have) memory.grow(Math.ceil((need - have) / PAGE));
    this.#scan = instance.exports.scan as ScanFn;
    this.#input = new Uint8Array(memory.buffer, 0, pieceBytes);
    this.offsets = new Int32Array(memory.buffer, this.#out, pieceBytes);
  }

  /** A scanner with pieces of `pieceBytes`, or undefined where the module cannot run. */
  static create(pieceBytes = DEFAULT_PIECE_BYTES): NewlineScanner | undefined {
    const module = wasmModule();
    if (module === null) return undefined;
    return new NewlineScanner(new WebAssembly.Instance(module), pieceBytes);
  }

  /**
   * Scans `chunk[from, to)` (at most {@linkcode pieceBytes} long): its "\n"s are then at
   * `from + offsets[k]` for k < the count returned.
   */
  scan(chunk: Uint8Array, from: number, to: number): number {
    this.#input.set(chunk.subarray(from, to));
    return this.#scan(0, to - from, this.#out);
  }
}

let shared: NewlineScanner | null | undefined;

/** The scanner every splitter of this thread shares (undefined without WebAssembly). */
export function sharedScanner(): NewlineScanner | undefined {
  if (shared === undefined) shared = NewlineScanner.create() ?? null;
  return shared ?? undefined;
}
