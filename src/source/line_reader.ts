/**
 * The delivery end shared by every source: a byte splitter bound to the consumer, and the read loop that
 * feeds it from an open file.
 */
import { ByteLineSplitter } from "./byte_line_splitter.ts";
import { sourceError } from "./source_error.ts";
import { type LineConsumer, READ_BUFFER_BYTES, type SourceOptions } from "./source_options.ts";

/**
 * A splitter bound to the consumer, reporting over-long lines as notices. One per file: a rotated file
 * still being drained keeps its own partial line apart from the new file's.
 */
export class LineDelivery {
  readonly splitter: ByteLineSplitter;
  /** The log the lines come from, as named in notices and errors. */
  readonly path: string;
  readonly #consumer: LineConsumer;
  readonly #source: number;
  readonly #onLine: (bytes: Uint8Array, start: number, end: number) => void;
  readonly #dropFirstLine: (bytes: Uint8Array, start: number, end: number) => void;
  #dropFirst = false;

  /** Creates the delivery for the log at `path`. */
  constructor(path: string, options: SourceOptions) {
    const consumer = this.#consumer = options.consumer;
    const source = this.#source = options.source ?? 0;
    this.path = path;
    // Reported in place, so that the invalid count lands in the same interval however reads fall.
    this.splitter = new ByteLineSplitter({
      maxLineBytes: options.maxLineBytes,
      onOversized: () => consumer.notice({ kind: "oversized", path }),
    });
    this.#onLine = (bytes, start, end) => consumer.line(source, bytes, start, end);
    this.#dropFirstLine = (bytes, start, end) => {
      if (this.#dropFirst) this.#dropFirst = false;
      else consumer.line(source, bytes, start, end);
    };
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
    this.splitter.push(chunk, this.#dropFirst ? this.#dropFirstLine : this.#onLine);
  }

  /** Delivers the held partial line as a whole line (its input will not grow any more). */
  flush(): void {
    if (this.#dropFirst) {
      this.#dropFirst = false;
      this.splitter.flush(() => {});
    } else this.splitter.flush(this.#onLine);
  }

  /** Reports `n` bytes read. */
  progress(n: number): void {
    this.#consumer.bytesRead(this.#source, n);
  }

  /** Tells the consumer a burst of lines is complete. */
  batch(): void {
    this.#consumer.endBatch();
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
  await readAhead(file, [buffer, new Uint8Array(buffer.length)], delivery, stop);
  if (stop?.aborted) return;
  delivery.flush();
  delivery.batch();
}

/**
 * Reads `file` on to its end through `delivery`, the next read under way while a chunk's lines are
 * parsed: a read waits on the disk or the page cache in Deno's I/O threads, and a replay in one pass
 * spent a fifth of its time idle waiting for the next one. Two buffers take turns; `delivery.push`
 * uses a chunk's bytes only during the call (what outlives it is copied), so the buffer it came from
 * is free for the read after next. Returns the bytes read.
 */
async function readAhead(
  file: Deno.FsFile,
  buffers: [Uint8Array, Uint8Array],
  delivery: LineDelivery,
  stop?: AbortSignal,
): Promise<number> {
  if (stop?.aborted) return 0;
  let total = 0;
  let turn = 0;
  let next: Promise<number | null> | undefined = file.read(buffers[0]);
  try {
    while (next !== undefined) {
      let n: number | null;
      try {
        n = await next;
      } catch (err) {
        throw sourceError(delivery.path, err);
      } finally {
        next = undefined;
      }
      if (n === null || n === 0) break;
      const chunk = buffers[turn].subarray(0, n);
      turn ^= 1;
      if (!stop?.aborted) next = file.read(buffers[turn]);
      total += n;
      delivery.push(chunk);
      delivery.progress(n);
      delivery.batch();
      if (stop?.aborted) break;
    }
  } finally {
    // A read still under way when an abort or a failure ends the loop finishes before the file is
    // closed by the caller; what it read is not delivered.
    await next?.catch(() => {});
  }
  return total;
}

/**
 * Reads from `file`'s position into `into` until it is full or the file ends (a read may return less
 * than asked); returns the bytes read.
 */
export async function readFully(file: Deno.FsFile, into: Uint8Array): Promise<number> {
  let got = 0;
  while (got < into.length) {
    const n = await file.read(into.subarray(got));
    if (n === null || n === 0) break;
    got += n;
  }
  return got;
}

/** A read buffer to reuse for every read of one source: large reads make a replay fast. */
export function readBuffer(): Uint8Array {
  return new Uint8Array(READ_BUFFER_BYTES);
}

/**
 * Reads `file` from its current position to its end, or `limit` bytes (or until `stop` aborts, so
 * Ctrl-C during a long replay is honoured between reads), delivering lines and a batch after each
 * read; `onChunk` sees every chunk before it is delivered. Returns the bytes read; the caller keeps
 * the offset. A failed read throws a SourceError naming the delivery's path.
 */
export async function readToEnd(
  file: Deno.FsFile,
  buffer: Uint8Array,
  delivery: LineDelivery,
  stop?: AbortSignal,
  onChunk?: (chunk: Uint8Array) => void,
  limit = Infinity,
  verify?: (chunk: Uint8Array) => Promise<boolean>,
): Promise<number> {
  let total = 0;
  while (!stop?.aborted && total < limit) {
    let n: number | null;
    const room = limit - total;
    try {
      n = await file.read(room < buffer.length ? buffer.subarray(0, room) : buffer);
    } catch (err) {
      throw sourceError(delivery.path, err);
    }
    if (n === null || n === 0) break;
    const chunk = buffer.subarray(0, n);
    // A chunk the caller does not vouch for is not delivered, and will be read again.
    if (verify !== undefined && !await verify(chunk)) {
      try {
        await file.seek(-n, Deno.SeekMode.Current);
      } catch (err) {
        throw sourceError(delivery.path, err);
      }
      break;
    }
    total += n;
    onChunk?.(chunk);
    delivery.push(chunk);
    delivery.progress(n);
    // A batch per read, not per drain: a writer that never pauses must not delay the consumer's
    // flush and clock reading indefinitely.
    delivery.batch();
  }
  return total;
}
