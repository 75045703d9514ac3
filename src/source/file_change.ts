/**
 * What happened to a followed file, decided from what we know of the open file and a fresh stat of its
 * path (mtail's rule): a different device/inode means a new file (rename-and-recreate, or delete and
 * re-create), a size below our read offset means truncation (copy-then-truncate), no file means it was
 * removed. Pure, so every case is table-tested. A file truncated and regrown past our offset between two
looks is caught by its content: the bytes before our offset changed.
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

/**
 * Decides what happened to the file at the followed path. `sameTail` says whether the bytes just before
 * our offset are still the ones we read there: a copy-then-truncate followed by new writes that reach
 * our offset again before we look leaves the size unsuspicious, but not the content.
 */
export function fileChange(open: OpenFile, now: PathStat | undefined, sameTail = true): FileChange {
  if (now === undefined) return "missing";
  if (now.dev !== open.dev || now.ino !== open.ino) return "replaced";
  if (now.size < open.offset || !sameTail) return "truncated";
  if (now.size > open.offset) return "grown";
  return "unchanged";
}
