/** One-shot sources: a file from start to end (replay), or a byte stream such as standard input. */
import { LineDelivery, readBuffer, readToEnd } from "./line_reader.ts";
import { sourceError } from "./source_error.ts";
import type { SourceOptions } from "./source_options.ts";

/**
 * Reads `path` from its start to its end, delivering the last line even without a final newline.
 * Throws SourceError when it cannot be opened or read.
 */
export async function readFileOnce(
  path: string,
  options: SourceOptions & { signal?: AbortSignal },
): Promise<void> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
    if ((await file.stat()).isDirectory) {
      file.close();
      throw new Deno.errors.IsADirectory();
    }
  } catch (err) {
    throw sourceError(path, err);
  }
  const delivery = new LineDelivery(path, options);
  const buffer = readBuffer();
  try {
    await readToEnd(file, buffer, delivery, options.signal);
    delivery.flush();
    delivery.batch();
  } catch (err) {
    throw sourceError(path, err);
  } finally {
    file.close();
  }
}

/**
 * Reads a byte stream to its end (or until `signal` aborts); the last partial line is delivered at the
 * end, since the stream cannot grow any more.
 */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  options: SourceOptions & { signal?: AbortSignal },
): Promise<void> {
  const delivery = new LineDelivery("standard input", options);
  const reader = stream.getReader();
  const onAbort = () => reader.cancel().catch(() => {});
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      delivery.push(value);
      delivery.batch();
    }
    delivery.flush();
    delivery.batch();
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}
