/**
 * The traffic profile and the pure, seeded synthesiser: phases of a given rate and duration become, second
 * by second, the requests of that second. Arrivals are random (a Poisson count per second, so bursts and
 * lulls look real) while each phase's total stays within a few percent of rate × duration — or is exact
 * when asked, by spreading the exact total over the phase's seconds with sequential binomial draws.
 */
import type { Phase } from "./profile.ts";
import { Random } from "./random.ts";
import { SiteModel, type SyntheticRequest } from "./site_model.ts";

export type { Phase } from "./profile.ts";

/** Options for {@linkcode synthesize}. */
export interface SynthesizeOptions {
  phases: readonly Phase[];
  /** Unix seconds of the first second. */
  start: number;
  seed: number;
  /** Make each phase's count exactly round(rate × duration). */
  exact?: boolean;
}

/** The requests of one second. */
export interface SecondOfTraffic {
  time: number;
  /** Index of the phase this second belongs to. */
  phase: number;
  requests: SyntheticRequest[];
}

/** Yields every second of the profile with its requests, in order. Same options, same output. */
export function* synthesize(options: SynthesizeOptions): Generator<SecondOfTraffic> {
  const random = new Random(options.seed);
  const site = new SiteModel(random);
  let time = options.start;
  for (let p = 0; p < options.phases.length; p++) {
    const { rate, duration } = options.phases[p];
    let remaining = Math.round(rate * duration);
    for (let s = 0; s < duration; s++, time++) {
      let count: number;
      if (options.exact) {
        count = s === duration - 1 ? remaining : random.binomial(remaining, 1 / (duration - s));
        remaining -= count;
      } else {
        count = random.poisson(rate);
      }
      const requests = new Array<SyntheticRequest>(count);
      for (let i = 0; i < count; i++) requests[i] = site.request(time);
      yield { time, phase: p, requests };
    }
  }
}
