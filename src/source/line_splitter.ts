/**
 * Bytes → lines. Splits on byte 0x0A, which never occurs inside a UTF-8 multi-byte sequence, so a
 * character cut between two reads is safe; decodes each run of complete lines with one TextDecoder call
 * and splits the string, which is faster than decoding line by line. Invalid UTF-8 becomes U+FFFD and
 * never throws. A trailing "\r" (CRLF logs) is removed.
 */

/** Options for {@linkcode LineSplitter}. */
export interface LineSplitterOptions {
  /** Lines longer than this many bytes are dropped and counted, so memory stays bounded (1 MiB). */
  maxLineBytes?: number;
}

/** Splits a stream of byte chunks into lines. */
export class LineSplitter {
  readonly #max: number;
  readonly #decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  /** Bytes of an incomplete line, kept across chunks. */
  #held: Uint8Array = new Uint8Array(0);
  #heldLength = 0;
  /** True while discarding an over-long line up to its newline. */
  #skipping = false;
  #oversized = 0;

  /** Creates a splitter. */
  constructor(options: LineSplitterOptions = {}) {
    this.#max = options.maxLineBytes ?? 1024 * 1024;
  }

  /** Number of lines dropped for being too long. */
  get oversized(): number {
    return this.#oversized;
  }

  /** Bytes held for an incomplete line. */
  get pending(): number {
    return this.#heldLength;
  }

  /** Feeds bytes; calls `onLine` for every complete line. */
  push(chunk: Uint8Array, onLine: (line: string) => void): void {
    let start = 0;
    const nl = chunk.indexOf(NL);
    if (nl < 0) {
      this.#hold(chunk, 0);
      return;
    }
    // First, the line that began in an earlier chunk.
    if (this.#skipping) {
      this.#skipping = false;
      this.#oversized++;
      start = nl + 1;
    } else if (this.#heldLength > 0) {
      if (this.#heldLength + nl > this.#max) {
        this.#oversized++;
      } else {
        const joined = new Uint8Array(this.#heldLength + nl);
        joined.set(this.#held.subarray(0, this.#heldLength));
        joined.set(chunk.subarray(0, nl), this.#heldLength);
        onLine(stripCr(this.#decoder.decode(joined)));
      }
      this.#heldLength = 0;
      start = nl + 1;
    }
    // Then every complete line in this chunk, decoded in one go.
    const last = chunk.lastIndexOf(NL);
    if (last >= start) {
      const text = this.#decoder.decode(chunk.subarray(start, last));
      this.#emitAll(text, onLine);
    }
    if (last + 1 < chunk.length) this.#hold(chunk, last + 1);
  }

  /** Returns the held partial line, if any, and clears it. */
  flush(): string | undefined {
    if (this.#skipping) {
      this.#skipping = false;
      this.#oversized++;
      return undefined;
    }
    if (this.#heldLength === 0) return undefined;
    const text = this.#decoder.decode(this.#held.subarray(0, this.#heldLength));
    this.#heldLength = 0;
    return stripCr(text);
  }

  #emitAll(text: string, onLine: (line: string) => void): void {
    let from = 0;
    while (true) {
      const nl = text.indexOf("\n", from);
      const end = nl < 0 ? text.length : nl;
      // A line over the limit can only be seen here when a chunk holds it whole; byte length is at
      // least its UTF-16 length, so checking the string length under-counts only multi-byte text.
      if (end - from > this.#max) this.#oversized++;
      else onLine(stripCr(from === 0 && nl < 0 ? text : text.slice(from, end)));
      if (nl < 0) return;
      from = nl + 1;
    }
  }

  #hold(chunk: Uint8Array, from: number): void {
    if (this.#skipping) return;
    const add = chunk.length - from;
    const need = this.#heldLength + add;
    if (need > this.#max) {
      // Too long already: forget it and skip to its newline without holding its bytes.
      this.#heldLength = 0;
      this.#skipping = true;
      return;
    }
    if (need > this.#held.length) {
      const grown = new Uint8Array(Math.max(need, this.#held.length * 2, 4096));
      grown.set(this.#held.subarray(0, this.#heldLength));
      this.#held = grown;
    }
    this.#held.set(chunk.subarray(from), this.#heldLength);
    this.#heldLength = need;
  }
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

const NL = 10;
