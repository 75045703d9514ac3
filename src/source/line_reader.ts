/**
 * The delivery end shared by every source: a splitter bound to a SourceOptions' callbacks, and the read
 * loop that feeds it from an open file.
 */
import { LineSplitter } from "./line_splitter.ts";
import { ByteLineSplitter } from "./byte_line_splitter.ts";
import { sourceError } from "./source_error.ts";
import { READ_BUFFER_BYTES, type SourceOptions } from "./source_options.ts";

/**
 * A splitter bound to the callbacks — of strings, or of byte ranges when the consumer reads bytes —
 * reporting over-long lines as notices. One per file: a rotated file still being drained keeps its own
 * partial line apart from the new file's.
 */
export class LineDelivery {
  readonly splitter: LineSplitter | ByteLineSplitter;
  /** The log the lines come from, as named in notices and errors. */
  readonly path: string;
  readonly #o: SourceOptions;
  #dropFirst = false;

  /** Creates the delivery for the log at `path`. */
  constructor(path: string, options: SourceOptions) {
    this.#o = options;
    this.path = path;
    // Reported in place, so that the invalid count lands in the same interval however reads fall.
    const limits = {
      maxLineBytes: options.maxLineBytes,
      onOversized: () => options.onNotice?.({ kind: "oversized", path }),
    };
    this.splitter = options.onLineBytes ? new ByteLineSplitter(limits) : new LineSplitter(limits);
  }

  /**
   * Drops the next line: reading starts in the middle of it (following from the end of a file whose
   * last line is still being written), and its tail alone would be a broken line.
   */
  skipFirstLine(): void {
    this.#dropFirst = true;
  }

  /** Splits `chunk` and delivers its complete lines. */
  push(chunk: Uint8Array): void {
    if (this.#dropFirst) this.#pushDroppingFirst(chunk);
    else if (this.splitter instanceof ByteLineSplitter) {
      this.splitter.push(chunk, this.#o.onLineBytes!);
    } else this.splitter.push(chunk, this.#o.onLine);
  }

  /** Delivers the held partial line as a whole line (its input will not grow any more). */
  flush(): void {
    if (this.#dropFirst) {
      this.#dropFirst = false;
      if (this.splitter instanceof ByteLineSplitter) this.splitter.flush(() => {});
      else this.splitter.flush();
    } else if (this.splitter instanceof ByteLineSplitter) this.splitter.flush(this.#o.onLineBytes!);
    else {
      const rest = this.splitter.flush();
      if (rest !== undefined) this.#o.onLine(rest);
    }
  }

  /** Reports `n` bytes read. */
  progress(n: number): void {
    this.#o.onProgress?.(n);
  }

  /** Tells the consumer a burst of lines is complete. */
  batch(): void {
    this.#o.onBatch?.();
  }

  #pushDroppingFirst(chunk: Uint8Array): void {
    if (this.splitter instanceof ByteLineSplitter) {
      const onLine = this.#o.onLineBytes!;
      this.splitter.push(chunk, (bytes, start, end) => {
        if (this.#dropFirst) this.#dropFirst = false;
        else onLine(bytes, start, end);
      });
    } else {
      const onLine = this.#o.onLine;
      this.splitter.push(chunk, (line) => {
        if (this.#dropFirst) this.#dropFirst = false;
        else onLine(line);
      });
    }
  }
}

/**
 * Reads `file` on to its end through `delivery`, then delivers its last line even without a newline,
 * since the input will not grow any more (a replay's end); once `stop` aborts, nothing more.
 */
export async function readRestOnce(
  file: Deno.FsFile,
  buffer: Uint8Array,
  delivery: LineDelivery,
  stop?: AbortSignal,
): Promise<void> {
  await readToEnd(file, buffer, delivery, stop);
  if (stop?.aborted) return;
  delivery.flush();
  delivery.batch();
}

/** A read buffer to reuse for every read of one source: large reads make a replay fast. */
export function readBuffer(): Uint8Array {
  return new Uint8Array(READ_BUFFER_BYTES);
}

/**
 * Reads `file` from its current position to its end (or until `stop` aborts, so Ctrl-C during a long
 * replay is honoured between reads), delivering lines and a batch after each read; `onChunk` sees every
 * chunk before it is delivered. Returns the bytes read; the caller keeps the offset. A failed read
 * throws a SourceError naming the delivery's path.
 */
export async function readToEnd(
  file: Deno.FsFile,
  buffer: Uint8Array,
  delivery: LineDelivery,
  stop?: AbortSignal,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<number> {
  let total = 0;
  while (!stop?.aborted) {
    let n: number | null;
    try {
      n = await file.read(buffer);
    } catch (err) {
      throw sourceError(delivery.path, err);
    }
    if (n === null || n === 0) break;
    total += n;
    const chunk = buffer.subarray(0, n);
    onChunk?.(chunk);
    delivery.push(chunk);
    delivery.progress(n);
    // A batch per read, not per drain: a writer that never pauses must not delay the consumer's
    // flush and clock reading indefinitely.
    delivery.batch();
  }
  return total;
}
