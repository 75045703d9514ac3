/**
 * Response-time percentiles in bounded memory: a DDSketch (Datadog's quantile sketch) with 1 % relative
 * accuracy — any reported percentile is within 1 % of a real response time — whatever the number of
 * requests. Created only when the log's format carries a response time (the sketch class is loaded
 * for such runs only: sketches.ts).
 */
import type { DDSketch } from "@datadog/sketches-js";
import { sketchClass } from "./sketches.ts";
import type { LatencySummary } from "./events.ts";
export type { LatencySummary } from "./events.ts";
import { type LatencyState, num, type SketchStoreState, unnum } from "./part_state.ts";

/** One of a DDSketch's stores (the package exports no name for its type). */
type SketchStore = DDSketch["store"];

/** Accumulates response times. */
export class Latency {
  readonly #sketch: DDSketch = new (sketchClass())({ relativeAccuracy: 0.01 });

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
   * The sketch field for field, as plain data (a checkpoint). Not toProto: fromProto loses min and max,
   * and the bins as laid out are what make a restored sketch merge and answer exactly as the original.
   */
  toState(): LatencyState {
    const s = this.#sketch;
    return {
      count: s.count,
      sum: s.sum,
      min: num(s.min),
      max: num(s.max),
      zeroCount: s.zeroCount,
      store: storeState(s.store),
      negativeStore: storeState(s.negativeStore),
    };
  }

  /** A sketch restored from a checkpoint. */
  static fromState(state: LatencyState): Latency {
    const latency = new Latency();
    const s = latency.#sketch;
    s.count = state.count;
    s.sum = state.sum;
    s.min = unnum(state.min);
    s.max = unnum(state.max);
    s.zeroCount = state.zeroCount;
    loadStore(s.store, state.store);
    loadStore(s.negativeStore, state.negativeStore);
    return latency;
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

function storeState(store: SketchStore): SketchStoreState {
  return {
    bins: [...store.bins],
    count: store.count,
    minKey: num(store.minKey),
    maxKey: num(store.maxKey),
    offset: store.offset,
  };
}

function loadStore(store: SketchStore, state: SketchStoreState): void {
  store.bins = [...state.bins];
  store.count = state.count;
  store.minKey = unnum(state.minKey);
  store.maxKey = unnum(state.maxKey);
  store.offset = state.offset;
}
