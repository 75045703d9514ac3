/**
 * Bytes → lines as byte ranges: a complete line inside a chunk is handed over as `(chunk, start, end)`
 * with no copy and no decoding; only a line cut between two chunks is copied, into a reused carry
 * buffer. "\n" ends a line — byte 0x0A never occurs inside a UTF-8 multi-byte sequence, so a character
 * cut between two reads is safe — and a trailing "\r" is left for the parser. Lines over the limit are
 * dropped and counted, and memory stays bounded. The line ends of a chunk are found all at once
 * (newline_scan.ts), where WebAssembly runs.
 */
import { type NewlineScanner, sharedScanner } from "./newline_scan.ts";

/** Options for {@linkcode ByteLineSplitter}. */
export interface LineSplitterOptions {
  /** Lines longer than this many bytes are dropped and counted, so memory stays bounded (1 MiB). */
  maxLineBytes?: number;
  /** Called for each dropped over-long line, between the lines before and after it. */
  onOversized?: () => void;
  /** What finds the line ends (the thread's shared one; tests give one of small pieces). */
  scanner?: NewlineScanner;
}

/** The default for {@linkcode LineSplitterOptions.maxLineBytes}. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Receives one line: `bytes[start, end)`, valid only during the call. */
export type ByteLineHandler = (bytes: Uint8Array, start: number, end: number) => void;

/** Splits byte chunks into line ranges. */
export class ByteLineSplitter {
  readonly #max: number;
  readonly #onOversized: (() => void) | undefined;
  readonly #scanner: NewlineScanner | undefined;
  #carry = new Uint8Array(4096);
  #carried = 0;
  #skipping = false;
  #oversized = 0;

  /**
   * Creates a splitter that drops lines longer than `maxLineBytes` (default 1 MiB), calling
   * `onOversized` for each, in its place among the lines.
   */
  constructor(options: LineSplitterOptions = {}) {
    this.#max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.#onOversized = options.onOversized;
    this.#scanner = options.scanner ?? sharedScanner();
  }

  /** Lines dropped for being too long. */
  get oversized(): number {
    return this.#oversized;
  }

  /** Counts a dropped over-long line and says so at once, in its place among the lines. */
  #dropped(): void {
    this.#oversized++;
    this.#onOversized?.();
  }

  /** Bytes held for an incomplete line. */
  get pending(): number {
    return this.#carried;
  }

  /** Feeds a chunk; calls `onLine` for every complete line. */
  push(chunk: Uint8Array, onLine: ByteLineHandler): void {
    const scanner = this.#scanner;
    // A line handler that fed another splitter would scan over the offsets being walked.
    if (scanner === undefined || scanner.busy) return this.#pushEach(chunk, onLine);
    scanner.busy = true;
    try {
      const offsets = scanner.offsets;
      const piece = scanner.pieceBytes;
      let start = 0;
      let first = true;
      for (let from = 0; from < chunk.length; from += piece) {
        const count = scanner.scan(chunk, from, Math.min(chunk.length, from + piece));
        for (let k = 0; k < count; k++) {
          const nl = from + offsets[k];
          if (first) {
            first = false;
            if (this.#skipping || this.#carried > 0) {
              this.#endHeld(chunk, nl, onLine);
              start = nl + 1;
              continue;
            }
          }
          if (nl - start > this.#max) this.#dropped();
          else onLine(chunk, start, nl);
          start = nl + 1;
        }
      }
      if (first) this.#hold(chunk, 0);
      else if (start < chunk.length) this.#hold(chunk, start);
    } finally {
      scanner.busy = false;
    }
  }

  /** {@linkcode push} finding each line end with indexOf (no scanner, or one already in use). */
  #pushEach(chunk: Uint8Array, onLine: ByteLineHandler): void {
    let start = 0;
    const first = chunk.indexOf(NL);
    if (first < 0) {
      this.#hold(chunk, 0);
      return;
    }
    if (this.#skipping || this.#carried > 0) {
      this.#endHeld(chunk, first, onLine);
      start = first + 1;
    }
    while (true) {
      const nl = chunk.indexOf(NL, start);
      if (nl < 0) break;
      if (nl - start > this.#max) this.#dropped();
      else onLine(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.#hold(chunk, start);
  }

  /**
   * The chunk's first line end `first` ends the line held from before: handed over whole (the carry
   * and the chunk's bytes up to it), or dropped when it was over the limit.
   */
  #endHeld(chunk: Uint8Array, first: number, onLine: ByteLineHandler): void {
    if (this.#skipping) {
      this.#skipping = false;
      this.#dropped();
      return;
    }
    if (this.#carried + first > this.#max) this.#dropped();
    else {
      this.#ensure(this.#carried + first);
      this.#carry.set(chunk.subarray(0, first), this.#carried);
      onLine(this.#carry, 0, this.#carried + first);
    }
    this.#carried = 0;
  }

  /** Hands over the held partial line, if any (end of input), and clears it. */
  flush(onLine: ByteLineHandler): void {
    if (this.#skipping) {
      this.#skipping = false;
      this.#dropped();
      return;
    }
    if (this.#carried === 0) return;
    const n = this.#carried;
    this.#carried = 0;
    onLine(this.#carry, 0, n);
  }

  #hold(chunk: Uint8Array, from: number): void {
    if (this.#skipping) return;
    const need = this.#carried + chunk.length - from;
    if (need > this.#max) {
      this.#carried = 0;
      this.#skipping = true;
      return;
    }
    this.#ensure(need);
    this.#carry.set(chunk.subarray(from), this.#carried);
    this.#carried = need;
  }

  #ensure(size: number): void {
    if (size <= this.#carry.length) return;
    const grown = new Uint8Array(Math.max(size, this.#carry.length * 2));
    grown.set(this.#carry.subarray(0, this.#carried));
    this.#carry = grown;
  }
}

const NL = 10;
