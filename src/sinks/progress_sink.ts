/**
 * The replay progress line on standard error, drawn from the views: redrawn at most every `intervalMs`,
 * cleared before any event is printed (so reports never land in the middle of the bar) and at the end.
 * It comes back at its next draw, not after each report: a replay prints thousands of reports a second,
 * and putting the bar back after each would write it thousands of times.
 */
import { renderProgress } from "./progress_bar.ts";
import type { MonitorView, Sink } from "./sink.ts";

/** Where the progress line is drawn. */
export interface ProgressOutput {
  /** Writes raw text to the terminal's standard error. */
  write(text: string): void;
  /** Terminal width in columns. */
  columns(): number;
}

/** The progress line of a replay; it draws nothing while following. */
export class ProgressSink implements Sink {
  readonly name = "progress line";
  readonly output = false;
  #shown = false;
  #lastDraw = -Infinity;

  constructor(private readonly out: ProgressOutput, private readonly intervalMs = 150) {}

  /** Steps aside for the event about to be printed. */
  event(): void {
    this.#clear();
  }

  view(view: MonitorView): void {
    const { source, wallMs } = view;
    if (source.mode !== "replay" || source.bytesTotal === undefined || source.ended) return;
    if (wallMs - this.#lastDraw < this.intervalMs) return;
    this.#lastDraw = wallMs;
    const text = renderProgress({
      bytesDone: source.bytes,
      bytesTotal: source.bytesTotal,
      lines: source.lines,
      elapsedMs: wallMs - source.startedAt,
    }, this.out.columns() || 80);
    this.out.write(`\r\x1b[K${text}`);
    this.#shown = true;
  }

  close(): Promise<void> {
    this.#clear();
    return Promise.resolve();
  }

  #clear(): void {
    if (!this.#shown) return;
    this.out.write("\r\x1b[K");
    this.#shown = false;
  }
}
