/**
 * Response-time percentiles in bounded memory: a DDSketch (Datadog's quantile sketch) with 1 % relative
 * accuracy — any reported percentile is within 1 % of a real response time — whatever the number of
 * requests. Created only when the log's format carries a response time.
 */
import { DDSketch } from "@datadog/sketches-js";

/** Percentiles of the response times of some requests, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
}

/** Accumulates response times. */
export class Latency {
  readonly #sketch = new DDSketch({ relativeAccuracy: 0.01 });

  /** Adds one response time in seconds. */
  add(seconds: number): void {
    // DDSketch needs positive values; a 0 ms response is recorded as 1 µs.
    this.#sketch.accept(seconds > 1e-6 ? seconds : 1e-6);
  }

  /** Adds every value of `other`. */
  merge(other: Latency): void {
    this.#sketch.merge(other.#sketch);
  }

  /**
   * The percentiles, in milliseconds rounded to 0.01 ms, by the nearest-rank definition: p99 of three
   * requests is the slowest one. (DDSketch ranks by q × (n − 1), rounding down, which for few values
   * reports the p99 of a slow request among fast ones as a fast time; the quantile asked of it is
   * adjusted so that it lands on rank ⌈q × n⌉.)
   */
  summary(): LatencySummary {
    const n = this.#sketch.count;
    const q = (p: number) => {
      const rank = Math.max(0, Math.ceil(p * n) - 1);
      const asked = n > 1 ? Math.min(1, rank / (n - 1)) : 0;
      return Math.round(this.#sketch.getValueAtQuantile(asked) * 1e5) / 100;
    };
    return { count: n, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
  }
}
