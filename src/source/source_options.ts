/** What every source delivers to, and the notices it gives. */

/** Internal events of a source, reported rather than thrown (Vector style). */
export type SourceNoticeKind =
  | "waiting"
  | "opened"
  | "rotated"
  | "truncated"
  | "missing"
  | "oversized"
  /** The last read before stopping has much to read (a second signal ends it). */
  | "draining";

/** Every kind, in the order notices are counted and shown. */
export const SOURCE_NOTICE_KINDS: readonly SourceNoticeKind[] = [
  "waiting",
  "opened",
  "rotated",
  "truncated",
  "missing",
  "oversized",
  "draining",
];

/** One internal event. */
export interface SourceNotice {
  kind: SourceNoticeKind;
  path: string;
  detail?: string;
}

/**
 * The one way lines leave a source: an object that hears every line, with the source it came from
 * (its index among the logs being read), and what happened to the files.
 */
export interface LineConsumer {
  /**
   * One complete line: `bytes[start, end)`, without its newline (a trailing "\r" kept), valid only
   * during the call.
   */
  line(source: number, bytes: Uint8Array, start: number, end: number): void;
  /** A burst of reading has been delivered (after each read). */
  endBatch(): void;
  /** An internal event: rotation, truncation, a line too long to keep, … */
  notice(notice: SourceNotice): void;
  /** `n` bytes were read from `source` (for progress and read rates). */
  bytesRead(source: number, n: number): void;
}

/** How a source delivers what it reads. */
export interface SourceOptions {
  consumer: LineConsumer;
  /** Index of this log among those read (0 when there is one). */
  source?: number;
  /** Lines longer than this are dropped and reported as "oversized" (default 1 MiB). */
  maxLineBytes?: number;
}

/** Size of the reused read buffer: large reads make replay fast. */
export const READ_BUFFER_BYTES = 1024 * 1024;
