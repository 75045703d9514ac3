/**
 * A small seeded pseudo-random generator (sfc32, from PractRand: fast, 128-bit state, passes BigCrush)
 * and the distributions the traffic synthesiser needs. Same seed, same sequence, on every platform.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Creates a generator from a 32-bit seed. */
  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    // Mix the seed in before use, as sfc32's author recommends.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * A Poisson deviate with mean `lambda`: Knuth's product method for small means, a rounded normal
   * (clamped at 0) for large ones, where the two are indistinguishable for traffic counts.
   */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A binomial deviate: `n` trials of probability `p` (normal approximation for large n). */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 50) {
      const x = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal());
      return Math.min(n, Math.max(0, x));
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }
}

/** Picks from weighted items by precomputed cumulative weights. */
export class WeightedPicker<T> {
  readonly #items: readonly T[];
  readonly #cumulative: Float64Array;

  /** Creates a picker; `weights[i]` is the relative weight of `items[i]`. */
  constructor(items: readonly T[], weights: readonly number[]) {
    this.#items = items;
    this.#cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) this.#cumulative[i] = sum += weights[i];
    for (let i = 0; i < items.length; i++) this.#cumulative[i] /= sum;
  }

  /** Picks one item. */
  pick(random: Random): T {
    const x = random.next();
    const c = this.#cumulative;
    let lo = 0, hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo];
  }
}

/** Zipf weights 1/rank^s: a few items are very popular, most are rare, as on real sites. */
export function zipfWeights(n: number, s = 1.1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}
