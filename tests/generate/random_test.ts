import { deepEqual, equal, notDeepEqual } from "node:assert/strict";
import { Random, WeightedPicker, zipfWeights } from "../../src/generate/random.ts";

Deno.test("Random gives the same sequence for the same seed and another for another seed", () => {
  const take = (seed: number) => {
    const r = new Random(seed);
    return Array.from({ length: 5 }, () => r.next());
  };
  deepEqual(take(7), take(7));
  notDeepEqual(take(7), take(8));
  for (const x of take(123)) equal(x >= 0 && x < 1, true);
});

Deno.test("Random.poisson() has the asked mean, for small and large means", () => {
  const r = new Random(1);
  for (const lambda of [0.5, 4, 12, 200]) {
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += r.poisson(lambda);
    const mean = sum / n;
    // Standard error of the mean is sqrt(lambda / n): 5 of them is far beyond chance.
    equal(Math.abs(mean - lambda) < 5 * Math.sqrt(lambda / n), true, `lambda ${lambda}: ${mean}`);
  }
});

Deno.test("Random.binomial() stays within 0..n", () => {
  const r = new Random(2);
  for (let i = 0; i < 1000; i++) {
    const n = r.int(200);
    const k = r.binomial(n, r.next());
    equal(k >= 0 && k <= n, true);
  }
});

Deno.test("WeightedPicker picks by weight", () => {
  const r = new Random(3);
  const picker = new WeightedPicker(["a", "b", "c"], [8, 1, 1]);
  const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 10_000; i++) counts[picker.pick(r)]++;
  equal(counts.a > 7_500 && counts.a < 8_500, true, JSON.stringify(counts));
  equal(counts.b > 700 && counts.c > 700, true, JSON.stringify(counts));
});

Deno.test("zipfWeights() makes the first items the most popular", () => {
  const w = zipfWeights(4, 1);
  deepEqual(w, [1, 1 / 2, 1 / 3, 1 / 4]);
});
