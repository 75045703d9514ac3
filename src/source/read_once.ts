/** One-shot sources: a file from its start to its end (replay), or a byte stream such as standard input. */
import { LineDelivery, readBuffer, readRestOnce } from "./line_reader.ts";
import { sourceError } from "./source_error.ts";
import type { SourceOptions } from "./source_options.ts";

/** How standard input is named in notices and errors. */
export const STREAM_NAME = "standard input";

/**
 * Reads `path` from its start to its end once (replay, `--once`), delivering the last line even without
 * a final newline. Throws SourceError when it cannot be opened or read (not found, permission,
 * directory). An abort stops it between two reads, without delivering the line cut there.
 */
export async function readFileOnce(
  path: string,
  options: SourceOptions & { signal?: AbortSignal },
): Promise<void> {
  const file = await openLog(path);
  try {
    await readRestOnce(file, readBuffer(), new LineDelivery(path, options), options.signal);
  } finally {
    file.close();
  }
}

/**
 * Opens the log at `path` for reading from its start; a SourceError naming it and the reason if it
 * cannot be read (not found, permission, a directory).
 */
export async function openLog(path: string): Promise<Deno.FsFile> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (err) {
    throw sourceError(path, err);
  }
  try {
    // Opening a directory for reading succeeds on Linux; reading it would fail less clearly.
    if ((await file.stat()).isDirectory) throw new Deno.errors.IsADirectory();
    return file;
  } catch (err) {
    file.close();
    throw sourceError(path, err);
  }
}

/** True when `path` is a named pipe (FIFO): read it as a stream, it cannot be sought nor rotated. */
export function isPipe(path: string): boolean {
  try {
    return Deno.statSync(path).isFifo === true;
  } catch {
    return false; // whoever reads it will say why it cannot be read
  }
}

/**
 * Reads the named pipe at `path` as {@linkcode readStream} reads standard input: to the end, which is
 * when its last writer closes it (a pipe can be neither sought, as following a file does, nor rotated).
 */
export async function readPipe(
  path: string,
  options: SourceOptions & { signal?: AbortSignal },
): Promise<void> {
  const { signal } = options;
  // Opening a pipe waits for a writer, and nothing interrupts the open itself: race it with the stop
  // signal, or Ctrl-C would wait for a writer that may never come (the pending open does not keep
  // the process: it ends with Deno.exit).
  const stopped = new Promise<undefined>((resolve) => {
    if (signal?.aborted) resolve(undefined);
    signal?.addEventListener("abort", () => resolve(undefined), { once: true });
  });
  let file: Deno.FsFile | undefined;
  try {
    file = await Promise.race([Deno.open(path, { read: true }), stopped]);
  } catch (err) {
    throw sourceError(path, err);
  }
  if (file === undefined) return;
  // The stream owns the file: reading it to its end, or cancelling it, closes it.
  await readStream(file.readable, options, path);
}

/**
 * Reads a byte stream (standard input, or a pipe named `name`) to its end; the last partial line is
 * delivered at the end. Resolves at EOF, or when `signal` aborts (then the partial line cut there is
 * not delivered). A failing stream throws a SourceError.
 */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  options: SourceOptions & { signal?: AbortSignal },
  name = STREAM_NAME,
): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return;
  const delivery = new LineDelivery(name, options);
  const reader = stream.getReader();
  const onAbort = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (true) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (err) {
        throw sourceError(name, err);
      }
      if (result.done) break;
      delivery.push(result.value);
      delivery.progress(result.value.length);
      delivery.batch();
    }
    if (signal?.aborted) return;
    delivery.flush();
    delivery.batch();
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}
