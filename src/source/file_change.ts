/**
 * What happened to a followed file, decided from what we know of the open file and a fresh stat of its
 * path (mtail's rule): a different device/inode means a new file (rename-and-recreate, or delete and
 * re-create), a size below our read offset means truncation (copy-then-truncate), no file means it was
 * removed. Pure, so every case is table-tested.
 */

/** The identity and read position of the file we hold open. */
export interface OpenFile {
  dev: number;
  ino: number;
  /** Bytes read so far. */
  offset: number;
}

/** The part of a stat that matters. */
export interface PathStat {
  dev: number;
  ino: number;
  size: number;
}

/** What to do next. */
export type FileChange = "unchanged" | "grown" | "truncated" | "replaced" | "missing";

/** Decides what happened to the file at the followed path. */
export function fileChange(open: OpenFile, now: PathStat | undefined): FileChange {
  if (now === undefined) return "missing";
  if (now.dev !== open.dev || now.ino !== open.ino) return "replaced";
  if (now.size < open.offset) return "truncated";
  if (now.size > open.offset) return "grown";
  return "unchanged";
}
