/**
 * Bytes → lines as byte ranges: a complete line inside a chunk is handed over as `(chunk, start, end)`
 * with no copy and no decoding; only a line cut between two chunks is copied, into a reused carry
 * buffer. "\n" ends a line — byte 0x0A never occurs inside a UTF-8 multi-byte sequence, so a character
 * cut between two reads is safe — and a trailing "\r" is left for the parser. Lines over the limit are
 * dropped and counted, and memory stays bounded.
 */

/** Options for {@linkcode ByteLineSplitter}. */
export interface LineSplitterOptions {
  /** Lines longer than this many bytes are dropped and counted, so memory stays bounded (1 MiB). */
  maxLineBytes?: number;
  /** Called for each dropped over-long line, between the lines before and after it. */
  onOversized?: () => void;
}

/** The default for {@linkcode LineSplitterOptions.maxLineBytes}. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Receives one line: `bytes[start, end)`, valid only during the call. */
export type ByteLineHandler = (bytes: Uint8Array, start: number, end: number) => void;

/** Splits byte chunks into line ranges. */
export class ByteLineSplitter {
  readonly #max: number;
  readonly #onOversized: (() => void) | undefined;
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
    let start = 0;
    const first = chunk.indexOf(NL);
    if (first < 0) {
      this.#hold(chunk, 0);
      return;
    }
    if (this.#skipping) {
      this.#skipping = false;
      this.#dropped();
      start = first + 1;
    } else if (this.#carried > 0) {
      if (this.#carried + first > this.#max) this.#dropped();
      else {
        this.#ensure(this.#carried + first);
        this.#carry.set(chunk.subarray(0, first), this.#carried);
        onLine(this.#carry, 0, this.#carried + first);
      }
      this.#carried = 0;
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
