/** One-shot sources: a file from its start to its end (replay), or a byte stream such as standard input. */
import { LineDelivery, readBuffer, readToEnd } from "./line_reader.ts";
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
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (err) {
    throw sourceError(path, err);
  }
  try {
    try {
      // Opening a directory for reading succeeds on Linux; reading it would fail less clearly.
      if ((await file.stat()).isDirectory) throw new Deno.errors.IsADirectory();
    } catch (err) {
      throw sourceError(path, err);
    }
    const delivery = new LineDelivery(path, options);
    await readToEnd(file, readBuffer(), delivery, options.signal);
    if (options.signal?.aborted) return;
    delivery.flush();
    delivery.batch();
  } finally {
    file.close();
  }
}

/**
 * Reads a byte stream (standard input) to its end; the last partial line is delivered at the end.
 * Resolves at EOF, or when `signal` aborts (then the partial line cut there is not delivered). A failing
 * stream throws a SourceError.
 */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  options: SourceOptions & { signal?: AbortSignal },
): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return;
  const delivery = new LineDelivery(STREAM_NAME, options);
  const reader = stream.getReader();
  const onAbort = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (true) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (err) {
        throw sourceError(STREAM_NAME, err);
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
