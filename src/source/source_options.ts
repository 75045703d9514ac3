/** The options and notices shared by every source. */

/** Internal events of a source, reported rather than thrown (Vector style). */
export type SourceNoticeKind =
  | "waiting"
  | "opened"
  | "rotated"
  | "truncated"
  | "missing"
  | "oversized";

/** One internal event. */
export interface SourceNotice {
  kind: SourceNoticeKind;
  path: string;
  detail?: string;
}

/** Where a source delivers what it reads. */
export interface SourceOptions {
  /** Called for every complete line, without its newline. */
  onLine: (line: string) => void;
  /**
   * If given, called instead of `onLine` with each line's bytes (`bytes[start, end)`, without its
   * newline, a trailing "\r" kept), valid only during the call: the fast path, with no decoding.
   */
  onLineBytes?: (bytes: Uint8Array, start: number, end: number) => void;
  /** Called after each burst of reading has been delivered. */
  onBatch?: () => void;
  /** Internal events: rotation, truncation, a line too long to keep, … */
  onNotice?: (notice: SourceNotice) => void;
  /** Lines longer than this are dropped and reported as "oversized" (default 1 MiB). */
  maxLineBytes?: number;
  /** Called with the number of bytes of each read, for a progress display. */
  onProgress?: (bytes: number) => void;
}

/** Size of the reused read buffer: large reads make replay fast. */
export const READ_BUFFER_BYTES = 1024 * 1024;
