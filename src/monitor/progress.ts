/**
 * Thin I/O for the replay progress line on standard error: redrawn at most every `intervalMs`, cleared
 * before any report is printed (so reports never land in the middle of the bar) and at the end. It
 * comes back at its next draw, not after each report: a replay prints thousands of reports a second,
 * and putting the bar back after each would write it thousands of times.
 */
import { renderProgress } from "../sinks/progress_bar.ts";

/** Where and when the progress line is drawn. */
export interface ProgressOutput {
  /** Writes raw text to the terminal's standard error. */
  write(text: string): void;
  /** Machine clock, milliseconds. */
  now(): number;
  /** Terminal width in columns. */
  columns(): number;
}

/** A progress line for a replay of `bytesTotal` bytes. */
export class Progress {
  #bytes = 0;
  #lines = 0;
  #shown = false;
  #lastDraw = -Infinity;
  readonly #started: number;

  /** Starts the progress of a replay. */
  constructor(
    private readonly bytesTotal: number,
    private readonly out: ProgressOutput,
    private readonly intervalMs = 150,
  ) {
    this.#started = out.now();
  }

  /** Counts bytes read and redraws when due. */
  bytesRead(n: number): void {
    this.#bytes += n;
    const now = this.out.now();
    if (now - this.#lastDraw < this.intervalMs) return;
    this.#lastDraw = now;
    const text = renderProgress({
      bytesDone: this.#bytes,
      bytesTotal: this.bytesTotal,
      lines: this.#lines,
      elapsedMs: now - this.#started,
    }, this.out.columns() || 80);
    this.out.write(`\r\x1b[K${text}`);
    this.#shown = true;
  }

  /** Counts one line, or `n`. */
  line(n = 1): void {
    this.#lines += n;
  }

  /** Removes the line from the terminal (before a report is printed, and at the end). */
  clear(): void {
    if (!this.#shown) return;
    this.out.write("\r\x1b[K");
    this.#shown = false;
  }

  /** Removes the line at the end of the replay. */
  finish(): void {
    this.clear();
  }
}
