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

  /** The percentiles, in milliseconds rounded to 0.01 ms. */
  summary(): LatencySummary {
    const q = (p: number) => Math.round(this.#sketch.getValueAtQuantile(p) * 1e5) / 100;
    return { count: this.#sketch.count, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
  }
}
