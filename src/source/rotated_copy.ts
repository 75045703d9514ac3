/**
 * Finding what rotation did with a file's bytes: the copy that copy-then-truncate left beside the log,
 * and files that took the log's place so briefly that no look saw them there. A file is known by its
 * fingerprint, the first bytes it holds (its name and inode say nothing once rotation renamed it or
 * the inode was reused): what was read from its start must be what the candidate starts with.
 */
import { basename, dirname, join } from "./posix_path.ts";
import { readFully } from "./line_reader.ts";

/** Bytes of a file's start kept as its fingerprint. */
export const FINGERPRINT_BYTES = 1024;

/**
 * True for the names logrotate and its peers give a rotated copy of `base`: `access.log.1`,
 * `access.log-20261201`, `access.log.2026-12-01`, `access.log_1` — but not compressed ones (their
 * bytes are not the log's).
 */
export function isRotatedName(base: string, name: string): boolean {
  if (name === base || !name.startsWith(base)) return false;
  const rest = name.slice(base.length);
  if (!/^[._-][\w.-]*$/.test(rest)) return false;
  return !/\.(gz|bz2|xz|zst|zip|lz4|Z)$/.test(rest);
}

/** A candidate file beside the log. */
export interface Candidate {
  path: string;
  dev: number;
  ino: number;
  size: number;
  /** Last modified, milliseconds since the epoch (0 when unknown). */
  mtimeMs: number;
}

/** The files beside `logPath` with rotated names, newest first. */
export async function rotatedCandidates(logPath: string): Promise<Candidate[]> {
  const dir = dirname(logPath);
  const base = basename(logPath);
  const found: Candidate[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !isRotatedName(base, entry.name)) continue;
      const path = join(dir, entry.name);
      try {
        const st = await Deno.stat(path);
        found.push({
          path,
          dev: st.dev ?? 0,
          ino: st.ino ?? 0,
          size: st.size,
          mtimeMs: st.mtime?.getTime() ?? 0,
        });
      } catch {
        // Gone since the listing: nothing to read there.
      }
    }
  } catch {
    return []; // the directory cannot be listed: no copy can be found
  }
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/**
 * A candidate opened: what is decided about it is decided from the descriptor, never from its name
 * again — logrotate renames the rotated files on (`.1` to `.2`) while we look, and the name listed a
 * moment ago may already be another file's.
 */
export interface OpenCandidate {
  file: Deno.FsFile;
  path: string;
  dev: number;
  ino: number;
  size: number;
  /** Its first bytes (up to FINGERPRINT_BYTES); the file is positioned at its start. */
  head: Uint8Array;
}

/** Opens the file at `path` and reads its identity and first bytes; undefined if it is gone. */
export async function openCandidate(path: string): Promise<OpenCandidate | undefined> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch {
    return undefined;
  }
  try {
    const st = await file.stat();
    const head = new Uint8Array(Math.min(FINGERPRINT_BYTES, st.size));
    const got = await readFully(file, head);
    await file.seek(0, Deno.SeekMode.Start);
    return {
      file,
      path,
      dev: st.dev ?? 0,
      ino: st.ino ?? 0,
      size: st.size,
      head: head.subarray(0, got),
    };
  } catch {
    file.close();
    return undefined;
  }
}

/** True when `bytes` start with `prefix` (an empty prefix names no file: false). */
export function hasPrefix(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length === 0 || bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
