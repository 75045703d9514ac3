import { deepEqual, equal, notDeepEqual } from "node:assert/strict";
import { type Phase, synthesize } from "../../src/generate/traffic.ts";

function run(phases: Phase[], options: { seed?: number; exact?: boolean } = {}) {
  return [
    ...synthesize({ phases, start: 1_700_000_000, seed: options.seed ?? 1, exact: options.exact }),
  ];
}

Deno.test("synthesize() gives identical traffic for the same seed", () => {
  const a = run([{ rate: 5, duration: 20 }], { seed: 9 });
  deepEqual(a, run([{ rate: 5, duration: 20 }], { seed: 9 }));
  notDeepEqual(a, run([{ rate: 5, duration: 20 }], { seed: 10 }));
});

Deno.test("synthesize() keeps each phase within a few percent of rate x duration, in its own seconds", () => {
  const phases = [{ rate: 9, duration: 150 }, { rate: 11, duration: 150 }, {
    rate: 8,
    duration: 150,
  }];
  for (const seed of [1, 2, 3]) {
    const seconds = run(phases, { seed });
    equal(seconds.length, 450);
    const counts = [0, 0, 0];
    let previous = -Infinity;
    for (const s of seconds) {
      counts[s.phase] += s.requests.length;
      // Seconds are consecutive, and each phase owns its own span of them.
      equal(s.time > previous, true);
      previous = s.time;
      equal(s.phase, Math.floor((s.time - 1_700_000_000) / 150));
      for (const r of s.requests) equal(r.time, s.time);
    }
    phases.forEach((p, i) => {
      const expected = p.rate * p.duration;
      // A Poisson total has sd sqrt(1350) ≈ 37 (2.7%); 8% is three of them.
      equal(
        Math.abs(counts[i] - expected) / expected < 0.08,
        true,
        `seed ${seed} phase ${i}: ${counts[i]}`,
      );
    });
  }
});

Deno.test("synthesize() with exact gives exactly rate x duration per phase, not one per second", () => {
  const seconds = run([{ rate: 2.5, duration: 40 }, { rate: 30, duration: 10 }], { exact: true });
  const counts = [0, 0];
  const perSecond = new Set<number>();
  for (const s of seconds) {
    counts[s.phase] += s.requests.length;
    if (s.phase === 0) perSecond.add(s.requests.length);
  }
  deepEqual(counts, [100, 300]);
  // Random, not metronomic: seconds of the same phase do not all carry the same count.
  equal(perSecond.size > 2, true);
});

Deno.test("synthesize() draws a believable mix: skewed sections, several methods and codes", () => {
  const requests = run([{ rate: 50, duration: 60 }]).flatMap((s) => s.requests);
  const sections = new Map<string, number>();
  for (const r of requests) {
    const section = r.path.indexOf("/", 1) < 0 ? r.path : r.path.slice(0, r.path.indexOf("/", 1));
    sections.set(section, (sections.get(section) ?? 0) + 1);
  }
  const ranked = [...sections.values()].sort((a, b) => b - a);
  equal(sections.size >= 8, true);
  equal(ranked[0] > 4 * ranked[ranked.length - 1], true, "popularity is skewed");
  equal(new Set(requests.map((r) => r.method)).size >= 3, true);
  equal(new Set(requests.map((r) => r.status)).size >= 4, true);
  equal(new Set(requests.map((r) => r.host)).size >= 50, true);
  const sizes = requests.map((r) => r.bytes).filter((b) => b > 0).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)];
  equal(sizes[sizes.length - 1] > 20 * median, true, "sizes have a long tail");
});

Deno.test("synthesize() has occasional bursts of server errors among mostly healthy seconds", () => {
  const seconds = run([{ rate: 10, duration: 7200 }], { seed: 4 });
  const buckets: Array<{ all: number; errors: number }> = [];
  for (const s of seconds) {
    const b = (buckets[Math.floor((s.time - 1_700_000_000) / 10)] ??= { all: 0, errors: 0 });
    b.all += s.requests.length;
    b.errors += s.requests.filter((r) => r.status >= 500).length;
  }
  const share = buckets.map((b) => b.errors / b.all);
  const bursting = share.filter((x) => x > 0.15).length;
  const healthy = share.filter((x) => x < 0.05).length;
  equal(bursting >= 5, true, `${bursting} ten-second spans with over 15% errors`);
  equal(healthy / buckets.length > 0.85, true, `${healthy} of ${buckets.length} spans healthy`);
});
