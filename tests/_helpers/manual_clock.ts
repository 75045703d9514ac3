/**
 * A clock for tests: time moves only when the test says so. Sleeps and tickers fire, in time order,
 * inside `advance()`, so a test of the loop or the follower decides exactly when each timer runs and
 * never waits on a real one.
 */
import type { Clock } from "../../src/clock.ts";

interface Timer {
  at: number;
  fire: () => void;
  /** Re-armed this much later after firing (tickers); undefined for a sleep. */
  every?: number;
  cancelled: boolean;
}

/** A clock that starts at `startMs` and moves only with {@linkcode advance}. */
export class ManualClock implements Clock {
  #now: number;
  readonly #timers: Timer[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Sleeps waiting now. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled && t.every === undefined).length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = {
        at: this.#now + ms,
        cancelled: false,
        fire: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        timer.cancelled = true;
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#timers.push(timer);
    });
  }

  every(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.#now + ms, fire: fn, every: ms, cancelled: false };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in order, and letting
   * the promise jobs they start run before the next one fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    while (true) {
      const due = this.#timers.filter((t) => !t.cancelled && t.at <= target)
        .sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.#now = Math.max(this.#now, due.at);
      if (due.every !== undefined) due.at += due.every;
      else due.cancelled = true;
      due.fire();
      // Let what the timer started run before the next one fires: a ticker's callback is synchronous
      // and needs only its promise jobs; a sleep resumes code that may do I/O, which needs a turn.
      if (due.every !== undefined) { for (let i = 0; i < 4; i++) await Promise.resolve(); }
      else await new Promise((r) => setTimeout(r, 0));
    }
    this.#now = target;
    for (let i = this.#timers.length - 1; i >= 0; i--) {
      if (this.#timers[i].cancelled) this.#timers.splice(i, 1);
    }
    await settle();
  }
}

/** Lets pending promise jobs (and a few turns of I/O) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
}
