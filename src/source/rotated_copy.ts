/**
 * Finding what rotation did with a file's bytes: the copy that copy-then-truncate left beside the log,
 * and files that took the log's place so briefly that no look saw them there. A file is known by its
 * fingerprint, the first bytes it holds (its name and inode say nothing once rotation renamed it or
 * the inode was reused): what was read from its start must be what the candidate starts with.
 */
import { basename, dirname, join } from "node:path";

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

/** True when the file at `path` starts with `fingerprint`. */
export async function startsWith(path: string, fingerprint: Uint8Array): Promise<boolean> {
  if (fingerprint.length === 0) return false;
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch {
    return false;
  }
  try {
    const head = new Uint8Array(fingerprint.length);
    let got = 0;
    while (got < head.length) {
      const n = await file.read(head.subarray(got));
      if (n === null || n === 0) break;
      got += n;
    }
    return got === head.length && head.every((b, i) => b === fingerprint[i]);
  } catch {
    return false;
  } finally {
    file.close();
  }
}
