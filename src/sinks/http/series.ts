/**
 * The page's chart data: requests per second in log time over the whole run, from the Sink `second()`
 * hook, in bounded memory. Each point is a bucket `[start, start + width)` with its total hits and the
 * highest window count seen in it. While there are at most `capacity` buckets each is one second; past
 * that, neighbours are merged in pairs (the resolution halves), so a day of log is 86,400 points and a
 * month about 40,000 points of 64 s. Quiet gaps the engine skipped become one empty bucket, which the
 * page draws as a step to zero.
 */

/** The series as the page reads it (columns, oldest first). */
export interface SeriesData {
  /** Bucket starts, unix seconds. */
  time: number[];
  /** Bucket widths, seconds. */
  width: number[];
  /** Hits in each bucket. */
  hits: number[];
  /** Highest window count (requests in the window) at any second of the bucket. */
  windowMax: number[];
}

/** Default bound on the points kept. */
export const SERIES_CAPACITY = 100_000;

/** A per-second series that halves its resolution instead of growing past its capacity. */
export class Series {
  readonly #capacity: number;
  #start: Float64Array;
  #width: Float64Array;
  #hits: Float64Array;
  #max: Float64Array;
  #length = 0;
  /** Width of the buckets being filled now (1, then 2, 4, … after merges). */
  #step = 1;
  /** Bumped at each merge: a reader holding points from before must fetch them anew. */
  #generation = 0;

  /** Keeps at most `capacity` points (an even number of at least 4). */
  constructor(capacity = SERIES_CAPACITY) {
    if (capacity < 4 || capacity % 2 !== 0) throw new Error(`bad series capacity ${capacity}`);
    this.#capacity = capacity;
    this.#start = new Float64Array(capacity);
    this.#width = new Float64Array(capacity);
    this.#hits = new Float64Array(capacity);
    this.#max = new Float64Array(capacity);
  }

  /** Points kept. */
  get length(): number {
    return this.#length;
  }

  /** Changes each time the points were merged (a page then reloads the series). */
  get generation(): number {
    return this.#generation;
  }

  /** One past the last second covered (0 when empty). */
  get end(): number {
    const n = this.#length;
    return n === 0 ? 0 : this.#start[n - 1] + this.#width[n - 1];
  }

  /** Adds evaluated second `time` (later than any before) with its hits and the window's. */
  add(time: number, hits: number, windowHits: number): void {
    const n = this.#length;
    if (n > 0) {
      const start = this.#start[n - 1];
      const end = start + this.#width[n - 1];
      if (time < start + this.#step) {
        // Within the last bucket's span at the current resolution: it grows to cover `time`.
        if (time >= end) this.#width[n - 1] = time - start + 1;
        this.#hits[n - 1] += hits;
        if (windowHits > this.#max[n - 1]) this.#max[n - 1] = windowHits;
        return;
      }
      // A quiet gap the engine skipped: one empty bucket spans it.
      if (time > end) this.#push(end, time - end, 0, 0);
    }
    this.#push(time, 1, hits, windowHits);
  }

  /** Points from index `from` on (all by default). */
  data(from = 0): SeriesData {
    const n = this.#length;
    const f = Math.max(0, Math.min(from, n));
    return {
      time: Array.from(this.#start.subarray(f, n)),
      width: Array.from(this.#width.subarray(f, n)),
      hits: Array.from(this.#hits.subarray(f, n)),
      windowMax: Array.from(this.#max.subarray(f, n)),
    };
  }

  /**
   * The points as JSON text (`{"time":[…],"width":[…],"hits":[…],"windowMax":[…]}`), built from the
   * typed arrays directly: no array of numbers in between, for a series of 100,000 points.
   */
  json(): string {
    const n = this.#length;
    const col = (a: Float64Array) => `[${a.subarray(0, n).join(",")}]`;
    return `{"time":${col(this.#start)},"width":${col(this.#width)},"hits":${
      col(this.#hits)
    },"windowMax":${col(this.#max)}}`;
  }

  #push(start: number, width: number, hits: number, max: number): void {
    if (this.#length === this.#capacity) this.#halve();
    const i = this.#length++;
    this.#start[i] = start;
    this.#width[i] = width;
    this.#hits[i] = hits;
    this.#max[i] = max;
  }

  /** Merges neighbours in pairs: half the points, twice the width of new ones. */
  #halve(): void {
    const n = this.#length;
    let j = 0;
    for (let i = 0; i < n; i += 2) {
      const k = i + 1 < n ? i + 1 : i;
      this.#start[j] = this.#start[i];
      this.#width[j] = k === i ? this.#width[i] : this.#start[k] + this.#width[k] - this.#start[i];
      this.#hits[j] = k === i ? this.#hits[i] : this.#hits[i] + this.#hits[k];
      this.#max[j] = Math.max(this.#max[i], this.#max[k]);
      j++;
    }
    this.#length = j;
    this.#step *= 2;
    this.#generation++;
  }
}
