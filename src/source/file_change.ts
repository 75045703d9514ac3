/**
 * What happened to a followed file, decided from what we know of the file we hold open and a fresh stat
 * of its path (mtail's rule). Pure, so that every case is table-tested:
 * - no file at the path: it was removed (and not yet created again) → "missing";
 * - another device or inode: a new file took the path (rename-and-recreate, delete-and-recreate)
 *   → "replaced". The inode number of a deleted file cannot be reused while we hold it open, so a new
 *   file never looks like ours;
 * - the same file, smaller than our read offset, or than the first bytes we read from it (a file
 *   copied and truncated before we read on from its start): copy-then-truncate → "truncated";
 * - the same file, as long as our offset or longer, but the bytes just before our offset are not the
 *   ones we read there: it was truncated and written again past our offset between two looks
 *   → "truncated" too;
 * - otherwise "grown" or "unchanged".
 *
 * Known limit of copy-then-truncate, shared by every tailer: bytes written between our last read and
 * the truncation exist only in the copy, so they are lost to us. Reacting to watch events at once keeps
 * that window small.
 */

/** The identity and read position of the file we hold open. */
export interface OpenFile {
  dev: number;
  ino: number;
  /** Bytes read so far. */
  offset: number;
  /** Bytes it is known to have held (its first bytes, read when it was opened); 0 when unknown. */
  seen?: number;
}

/** The part of a stat of the path that matters. */
export interface PathStat {
  dev: number;
  ino: number;
  size: number;
}

/** What happened since the last look. */
export type FileChange = "unchanged" | "grown" | "truncated" | "replaced" | "missing";

/**
 * Decides what happened to the file at the followed path; `now` is undefined when nothing is there.
 * `sameTail` says whether the bytes just before our offset are still those we read (true when unknown).
 */
export function fileChange(open: OpenFile, now: PathStat | undefined, sameTail = true): FileChange {
  if (now === undefined) return "missing";
  if (now.dev !== open.dev || now.ino !== open.ino) return "replaced";
  if (now.size < Math.max(open.offset, open.seen ?? 0) || !sameTail) return "truncated";
  if (now.size > open.offset) return "grown";
  return "unchanged";
}
