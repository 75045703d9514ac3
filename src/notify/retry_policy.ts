/**
 * When to try a failed delivery again: exponential backoff with jitter, never sooner than the receiver
 * asked (Retry-After), and no more often than every 30 s once a receiver has been failing for a minute,
 * so that a receiver down for an hour sees about 80 tries, not a storm. Pure: the caller passes
 * how long it has been failing and a random number.
 */

/** The knobs of the schedule, in milliseconds. */
export interface RetryPolicy {
  /** First retry after about this long (half to all of it, with jitter). */
  baseMs: number;
  /** The exponential part stops growing here. */
  maxMs: number;
  /** After failing this long... */
  slowAfterMs: number;
  /** ...tries are at least this far apart. */
  slowEveryMs: number;
}

/** The schedule of spec §8. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1_000,
  maxMs: 60_000,
  slowAfterMs: 60_000,
  slowEveryMs: 30_000,
};

/** The same schedule with every duration multiplied by `scale` (tests run it faster). */
export function scaledPolicy(policy: RetryPolicy, scale: number): RetryPolicy {
  return {
    baseMs: policy.baseMs * scale,
    maxMs: policy.maxMs * scale,
    slowAfterMs: policy.slowAfterMs * scale,
    slowEveryMs: policy.slowEveryMs * scale,
  };
}

/** What is known when a try has just failed. */
export interface FailedTry {
  /** Tries of this delivery so far, the failed one included (1 after the first). */
  tries: number;
  /** Since the receiver's first failure in the current run of failures, ms. */
  failingForMs: number;
  /** The wait the receiver asked for (Retry-After), ms. */
  retryAfterMs?: number;
}

/**
 * The wait before the next try, ms. "Equal jitter": half the exponential step is kept and half is
 * random, so tries spread out (many agents do not retry in step) but never come sooner than half the
 * step.
 */
export function retryDelay(failed: FailedTry, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, failed.tries - 1));
  let delay = step / 2 + random() * (step / 2);
  if (failed.failingForMs >= policy.slowAfterMs) delay = Math.max(delay, policy.slowEveryMs);
  if (failed.retryAfterMs !== undefined) delay = Math.max(delay, failed.retryAfterMs);
  return Math.round(delay);
}

/**
 * Reads an HTTP Retry-After header (seconds, or an HTTP date) as a wait in ms from `nowMs`; undefined
 * when absent or unreadable. A wait above an hour is capped there: a receiver's mistake should not
 * silence it for a day.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // Only an HTTP date (it has a weekday and a month name): Date.parse reads "-3" as a year.
    const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - nowMs);
  }
  return Math.min(ms, 3_600_000);
}
