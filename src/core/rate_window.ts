import type { RateWindowState } from "./part_state.ts";

/**
 * Per-second hit counts over a sliding window of W seconds, with a running sum, so that moving the
 * window by one second costs O(1) and a request costs one array increment.
 *
 * The ring must hold the W seconds of the window plus the seconds not yet evaluated. The engine keeps
 * the unevaluated seconds within `late + 1` of the last evaluated one, so the ring is W + late + 2 long
 * (the extra slot makes the slot a second leaves by distinct from any pending one).
 */
export class RateWindow {
  readonly #size: number;
  readonly #counts: Float64Array;
  #sum = 0;
  /** The newest second included in the sum (the last evaluated second). */
  #end: number;
  /**
   * The ring slot of `#end`. Every second the ring is asked about lies within `size` of `#end`, so a
   * slot is `#endSlot` plus an offset wrapped by one compare: no `%` (and its sign fix) per request,
   * and exact for any timestamp, where a bit mask would break past 2^31.
   */
  #endSlot = 0;

  /** Creates a window of `window` seconds whose sum covers seconds up to `end`. */
  constructor(readonly window: number, readonly late: number, end: number) {
    this.#size = window + late + 2;
    this.#counts = new Float64Array(this.#size);
    this.#end = end;
  }

  /** The last second the sum covers. */
  get end(): number {
    return this.#end;
  }

  /** Requests stamped in `[end - window + 1, end]`. */
  get sum(): number {
    return this.#sum;
  }

  /** Requests stamped at the newest second of the sum (`end`). */
  get newestCount(): number {
    return this.#counts[this.#endSlot];
  }

  /** Requests per second over `[end - window + 1, end]`, oldest first (a copy). */
  counts(): number[] {
    const out = new Array<number>(this.window);
    const first = this.#end - this.window + 1;
    for (let i = 0; i < this.window; i++) out[i] = this.#counts[this.#slot(first + i)];
    return out;
  }

  /**
   * Counts one request at second `t`. Seconds older than the window are ignored (they can no longer
   * matter); seconds inside the window also raise the sum; pending seconds wait for {@linkcode advance}.
   * The caller guarantees `t <= end + late + 1`.
   */
  add(t: number): void {
    if (t <= this.#end - this.window) return;
    this.#counts[this.#slot(t)]++;
    if (t <= this.#end) this.#sum++;
  }

  /** Moves the window forward by one second and returns the new sum. */
  advance(): number {
    const next = this.#end + 1;
    const leaving = this.#slot(next - this.window);
    const entering = this.#slot(next);
    this.#sum += this.#counts[entering] - this.#counts[leaving];
    // The slot of the second that left is reused for a pending second later on.
    this.#counts[leaving] = 0;
    this.#end = next;
    this.#endSlot = entering;
    return this.#sum;
  }

  /**
   * Moves the window to end at `end` directly. Only valid when the window and every pending second are
   * empty (sum 0 and nothing added beyond the current end): then all counts are zero and stay zero.
   */
  jumpTo(end: number): void {
    // Every count is zero, so any slot may stand for the new end: #endSlot stays.
    this.#end = end;
  }

  /**
   * Moves the window to end at `end`, keeping its counts: the last W seconds count as the W seconds
   * before `end` (log time re-based by a clock put back). Valid when nothing is pending beyond the
   * current end, as after evaluating every second seen.
   */
  rebase(end: number): void {
    // Counts are kept relative to #endSlot: moving #end alone shifts them all.
    this.#end = end;
  }

  /** The counts of the window and of the pending seconds, as plain data (a checkpoint). */
  toState(): RateWindowState {
    const first = this.#end - this.window + 1;
    const counts = new Array<number>(this.window + this.late + 1);
    for (let i = 0; i < counts.length; i++) counts[i] = this.#counts[this.#slot(first + i)];
    return { end: this.#end, counts };
  }

  /** A window restored from a checkpoint. */
  static fromState(window: number, late: number, state: RateWindowState): RateWindow {
    if (state.counts.length !== window + late + 1) {
      throw new RangeError(
        `a checkpoint's window holds ${state.counts.length} seconds, not ${window + late + 1}`,
      );
    }
    const win = new RateWindow(window, late, state.end);
    const first = state.end - window + 1;
    state.counts.forEach((n, i) => {
      win.#counts[win.#slot(first + i)] = n;
      if (i < window) win.#sum += n;
    });
    return win;
  }

  #slot(t: number): number {
    const s = this.#endSlot + (t - this.#end);
    return s >= this.#size ? s - this.#size : s < 0 ? s + this.#size : s;
  }
}
