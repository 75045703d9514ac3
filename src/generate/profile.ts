/**
 * A traffic profile: phases of constant average rate. Besides its length, it can tell where, at each
 * phase's mean rate, the monitor's window would cross a threshold — so that the simulation can say what
 * to expect, and warn when the profile ends before the window drains (the recovery would then wait for
 * the monitor's quiet-log clock, at real-time pace).
 */

/** `monilog generate`'s phases when none are given (spec §1): the rates and their lengths. */
export const DEFAULT_RATES: readonly number[] = [8, 12, 8];
export const DEFAULT_DURATIONS: readonly number[] = [150, 150, 150];

/** One phase of constant average rate. */
export interface Phase {
  /** Requests per second. */
  rate: number;
  /** Seconds. */
  duration: number;
}

/** Total seconds in a profile. */
export function profileSeconds(phases: readonly Phase[]): number {
  return phases.reduce((sum, p) => sum + p.duration, 0);
}

/** Alert rule parameters, as the monitor's `--threshold` and `--window`. */
export interface AlertRule {
  threshold: number;
  window: number;
}

/** Seconds from the profile's start at which the mean traffic alerts and recovers (undefined: never). */
export interface ExpectedStory {
  alert?: number;
  recover?: number;
}

/**
 * The first alert and the recovery after it, if the traffic were exactly each phase's mean rate: the
 * window count at second T covers [T-W+1, T], as in spec §3. Real traffic is random, so the real seconds
 * differ by a few; this is a forecast, not a test oracle.
 */
export function expectedStory(phases: readonly Phase[], rule: AlertRule): ExpectedStory {
  const rates = phases.flatMap((p) => Array<number>(p.duration).fill(p.rate));
  const story: ExpectedStory = {};
  let sum = 0;
  for (let t = 0; t < rates.length; t++) {
    sum += rates[t] - (t >= rule.window ? rates[t - rule.window] : 0);
    // Rounded, since a sum of fractional rates drifts by a few ulps.
    const rate = Math.round((sum / rule.window) * 1e9) / 1e9;
    if (story.alert === undefined && rate > rule.threshold) story.alert = t;
    else if (story.alert !== undefined && rate <= rule.threshold) {
      story.recover = t;
      break;
    }
  }
  return story;
}
