/**
 * Reads an open file from a position to its current end, through a LineSplitter, into a SourceOptions'
 * callbacks. Shared by the follower and the one-shot reader.
 */
import { LineSplitter } from "./line_splitter.ts";
import { ByteLineSplitter } from "./byte_line_splitter.ts";
import { READ_BUFFER_BYTES, type SourceOptions } from "./source_options.ts";

/**
 * A splitter bound to the callbacks — of strings, or of byte ranges when the consumer reads bytes —
 * reporting over-long lines as notices.
 */
export class LineDelivery {
  readonly splitter: LineSplitter | ByteLineSplitter;
  readonly #o: SourceOptions;
  readonly #path: string;

  /** Creates the delivery for the log at `path`. */
  constructor(path: string, options: SourceOptions) {
    this.#o = options;
    this.#path = path;
    const limits = { maxLineBytes: options.maxLineBytes };
    this.splitter = options.onLineBytes ? new ByteLineSplitter(limits) : new LineSplitter(limits);
  }

  /** Splits `chunk` and delivers its complete lines. */
  push(chunk: Uint8Array): void {
    const before = this.splitter.oversized;
    if (this.splitter instanceof ByteLineSplitter) this.splitter.push(chunk, this.#o.onLineBytes!);
    else this.splitter.push(chunk, this.#o.onLine);
    this.#reportOversized(before);
  }

  /** Delivers the held partial line as a whole line (its file will not grow any more). */
  flush(): void {
    const before = this.splitter.oversized;
    if (this.splitter instanceof ByteLineSplitter) this.splitter.flush(this.#o.onLineBytes!);
    else {
      const rest = this.splitter.flush();
      if (rest !== undefined) this.#o.onLine(rest);
    }
    this.#reportOversized(before);
  }

  /** Reports `n` bytes read. */
  progress(n: number): void {
    this.#o.onProgress?.(n);
  }

  /** Tells the consumer a burst of lines is complete. */
  batch(): void {
    this.#o.onBatch?.();
  }

  #reportOversized(before: number): void {
    for (let i = before; i < this.splitter.oversized; i++) {
      this.#o.onNotice?.({ kind: "oversized", path: this.#path });
    }
  }
}

/** A reused read buffer, one per source. */
export function readBuffer(): Uint8Array {
  return new Uint8Array(READ_BUFFER_BYTES);
}

/**
 * Reads `file` from its current position to its end (or until `stop` aborts, so Ctrl-C during a long
 * replay is honoured between reads), delivering lines; returns the bytes read. The caller keeps the
 * offset.
 */
export async function readToEnd(
  file: Deno.FsFile,
  buffer: Uint8Array,
  delivery: LineDelivery,
  stop?: AbortSignal,
): Promise<number> {
  let total = 0;
  while (!stop?.aborted) {
    const n = await file.read(buffer);
    if (n === null || n === 0) break;
    total += n;
    delivery.push(buffer.subarray(0, n));
    delivery.progress(n);
  }
  if (total > 0) delivery.batch();
  return total;
}
