import { Tally } from "./tally.ts";
import { statusClass } from "./status_class.ts";
import type { StatusCountsState } from "./part_state.ts";

/** Hits per HTTP status code in a flat array: codes are three digits, so a slot each is cheapest. */
export class StatusCounts {
  readonly #counts = new Uint32Array(1000);

  /** Counts one response with `status` (codes outside 0–999 share slot 0). */
  add(status: number, by = 1): void {
    this.#counts[status >= 0 && status < 1000 ? status : 0] += by;
  }

  /** Sets every count to zero. */
  reset(): void {
    this.#counts.fill(0);
  }

  /** Adds every count of `other`. */
  addAll(other: StatusCounts): void {
    for (let i = 0; i < 1000; i++) this.#counts[i] += other.#counts[i];
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
    for (let i = 0; i < 1000; i++) if (this.#counts[i] > 0) out[String(i)] = this.#counts[i];
    return out;
  }

  /** Hits by class: "2xx" … "5xx", "other". */
  byClass(): Record<string, number> {
    const classes = new Tally();
    for (let i = 0; i < 1000; i++) {
      if (this.#counts[i] > 0) classes.add(statusClass(i), this.#counts[i]);
    }
    return classes.toRecord();
  }
}
