import { Tally } from "./tally.ts";
import { statusClass } from "./status_class.ts";
import type { StatusCountsState } from "./part_state.ts";

/**
 * Hits per HTTP status code in a flat array: codes are three digits, so a slot each is cheapest. The
 * codes in use are listed too, so that reading, merging and resetting cost the few codes a log has,
 * not the thousand slots: an interval is read, merged into the run and reset, and a replay of days of
 * log writes tens of thousands of them (the loops over 1000 slots were an eighth of its time).
 */
export class StatusCounts {
  readonly #counts = new Uint32Array(1000);
  /** The slots with a count above zero, in the order they were first counted. */
  readonly #used: number[] = [];

  /** Counts one response with `status` (codes outside 0–999 share slot 0). */
  add(status: number, by = 1): void {
    const slot = status >= 0 && status < 1000 ? status : 0;
    const counts = this.#counts;
    if (counts[slot] === 0 && by > 0) this.#used.push(slot);
    counts[slot] += by;
  }

  /** Sets every count to zero. */
  reset(): void {
    const used = this.#used;
    for (let i = 0; i < used.length; i++) this.#counts[used[i]] = 0;
    used.length = 0;
  }

  /** Adds every count of `other`. */
  addAll(other: StatusCounts): void {
    const used = other.#used;
    for (let i = 0; i < used.length; i++) this.add(used[i], other.#counts[used[i]]);
  }

  /** The codes counted with their counts, as plain data (a checkpoint). */
  toState(): StatusCountsState {
    const out: number[] = [];
    for (let i = 0; i < 1000; i++) if (this.#counts[i] > 0) out.push(i, this.#counts[i]);
    return out;
  }

  /** Takes the counts of a checkpoint (on empty counts). */
  load(state: StatusCountsState): void {
    for (let i = 0; i + 1 < state.length; i += 2) this.add(state[i], state[i + 1]);
  }

  /** Hits by code, as strings in ascending order. */
  byCode(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const i of this.#ascending()) out[String(i)] = this.#counts[i];
    return out;
  }

  /** Hits by class: "2xx" … "5xx", "other". */
  byClass(): Record<string, number> {
    const classes = new Tally();
    for (const i of this.#ascending()) classes.add(statusClass(i), this.#counts[i]);
    return classes.toRecord();
  }

  #ascending(): number[] {
    return this.#used.slice().sort((a, b) => a - b);
  }
}
