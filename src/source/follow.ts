/**
 * Follows a log like `tail -F`: reads to the end, sleeps until the directory changes or the poll fires,
 * then decides from a stat what happened (file_change.ts) — more data, a truncation, a new file in its
 * place, or no file — and never loses or repeats a line across rotation:
 * - replaced (rename-and-recreate, delete-and-recreate): the old file is drained through the descriptor
 *   we still hold, its last partial line is delivered, then the new file is read from its start;
 * - truncated (copy-then-truncate): read again from the start;
 * - missing: drain the old file, then wait for the path to come back.
 *
 * Known limit of copy-then-truncate, shared by every tailer: bytes written between our last read and the
 * truncation are only in the copy. A file that regrows past our offset before we look is still caught
 * (the bytes before our offset changed), unless the new bytes there happen to be identical.
 */
import { fileChange, type PathStat } from "./file_change.ts";
import { LineDelivery, readBuffer, readToEnd } from "./line_reader.ts";
import { sourceError } from "./source_error.ts";
import type { SourceOptions } from "./source_options.ts";
import { WakeSignal } from "./wake_signal.ts";

/** Options for {@linkcode followFile}. */
export interface FollowOptions extends SourceOptions {
  /** Start at offset 0 instead of the end of the file. */
  fromStart?: boolean;
  /** Abort to stop: the follower reads what is already written, then resolves. */
  signal: AbortSignal;
  /** Safety-net stat poll period in milliseconds (default 1000). */
  pollMs?: number;
}

interface Followed {
  file: Deno.FsFile;
  dev: number;
  ino: number;
  offset: number;
  /** The last bytes before `offset` as they were when read (empty at offset 0). */
  tail: Uint8Array;
}

/** How many bytes before the offset are compared to spot a truncated-and-regrown file. */
const TAIL_BYTES = 64;

/**
 * Follows `path` until `signal` aborts. Throws SourceError if the path exists but cannot be read; a
 * path that does not exist yet is waited for.
 */
export async function followFile(path: string, options: FollowOptions): Promise<void> {
  const notify = options.onNotice ?? (() => {});
  const delivery = new LineDelivery(path, options);
  const buffer = readBuffer();
  const wake = new WakeSignal(path, options.pollMs ?? 1000, options.signal);
  let current: Followed | undefined;
  try {
    current = await openFollowed(path);
    if (current === undefined) notify({ kind: "waiting", path });
    else if (!options.fromStart) {
      current.offset = await current.file.seek(0, Deno.SeekMode.End);
      await rememberTail(current);
    }
    while (true) {
      if (current !== undefined) await drain(current, buffer, delivery);
      if (options.signal.aborted) break;
      await wake.wait();
      if (options.signal.aborted) {
        // One last read of what is already written (also in a file that replaced ours).
        if (current !== undefined) await drain(current, buffer, delivery);
        current = await switchIfReplaced(path, current, buffer, delivery, notify);
        if (current !== undefined) await drain(current, buffer, delivery);
        break;
      }
      if (current === undefined) {
        current = await openFollowed(path);
        if (current !== undefined) notify({ kind: "opened", path });
        continue;
      }
      const change = fileChange(current, await statPath(path), await tailUnchanged(current));
      if (change === "truncated") {
        notify({ kind: "truncated", path });
        // The held partial line belonged to the old content: deliver it rather than lose it.
        delivery.flush();
        current.offset = await current.file.seek(0, Deno.SeekMode.Start);
        current.tail = new Uint8Array(0);
      } else if (change === "replaced" || change === "missing") {
        current = await switchIfReplaced(path, current, buffer, delivery, notify);
      }
    }
  } finally {
    wake.close();
    current?.file.close();
  }
}

/** Reads `f` to its end and remembers the bytes just before the new offset. */
async function drain(f: Followed, buffer: Uint8Array, delivery: LineDelivery): Promise<void> {
  const n = await readToEnd(f.file, buffer, delivery);
  if (n === 0) return;
  f.offset += n;
  await rememberTail(f);
}

/** Keeps the bytes just before the offset, to compare at the next wake. */
async function rememberTail(f: Followed): Promise<void> {
  f.tail = await readAt(f, Math.max(0, f.offset - TAIL_BYTES), Math.min(TAIL_BYTES, f.offset));
}

/** True when the bytes before our offset are still those we read. */
async function tailUnchanged(f: Followed): Promise<boolean> {
  if (f.tail.length === 0) return true;
  const now = await readAt(f, f.offset - f.tail.length, f.tail.length);
  return now.length === f.tail.length && now.every((b, i) => b === f.tail[i]);
}

/** Reads up to `length` bytes at `position`, then puts the file position back at `f.offset`. */
async function readAt(f: Followed, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  await f.file.seek(position, Deno.SeekMode.Start);
  while (filled < length) {
    const n = await f.file.read(out.subarray(filled));
    if (n === null || n === 0) break;
    filled += n;
  }
  await f.file.seek(f.offset, Deno.SeekMode.Start);
  return out.subarray(0, filled);
}

/**
 * If the path no longer names the file we hold, drains ours, delivers its last partial line, closes it
 * and opens the new one (from its start), if there is one.
 */
async function switchIfReplaced(
  path: string,
  current: Followed | undefined,
  buffer: Uint8Array,
  delivery: LineDelivery,
  notify: NonNullable<SourceOptions["onNotice"]>,
): Promise<Followed | undefined> {
  if (current === undefined) return await openFollowed(path);
  const change = fileChange(current, await statPath(path));
  if (change !== "replaced" && change !== "missing") return current;
  await drain(current, buffer, delivery);
  delivery.flush();
  current.file.close();
  if (change === "missing") {
    notify({ kind: "missing", path });
    return undefined;
  }
  notify({ kind: "rotated", path });
  return await openFollowed(path);
}

/** Opens `path` for following; undefined if it does not exist; SourceError if it cannot be read. */
async function openFollowed(path: string): Promise<Followed | undefined> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw sourceError(path, err);
  }
  try {
    const st = await file.stat();
    if (st.isDirectory) throw sourceError(path, new Deno.errors.IsADirectory());
    return { file, dev: st.dev ?? 0, ino: st.ino ?? 0, offset: 0, tail: new Uint8Array(0) };
  } catch (err) {
    file.close();
    throw sourceError(path, err);
  }
}

async function statPath(path: string): Promise<PathStat | undefined> {
  try {
    const st = await Deno.stat(path);
    return { dev: st.dev ?? 0, ino: st.ino ?? 0, size: st.size };
  } catch {
    return undefined;
  }
}
