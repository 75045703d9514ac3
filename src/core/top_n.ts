import type { Ranked } from "./events.ts";

/** Returns the `n` keys with the most hits, ties broken by key so that output is deterministic. */
export function topN(counts: ReadonlyMap<string, number>, n: number): Ranked[] {
  const all: Ranked[] = [];
  for (const [key, hits] of counts) all.push({ key, hits });
  all.sort(byHitsThenKey);
  return all.length > n ? all.slice(0, n) : all;
}

/** Orders ranked rows by hits, descending, then by key, ascending. */
export function byHitsThenKey(a: Ranked, b: Ranked): number {
  return b.hits - a.hits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Adds one hit for `key`. */
export function bump(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** Turns a map into a plain object with keys in ascending order (for JSON and stable text). */
export function sortedRecord(counts: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...counts.keys()].sort()) out[key] = counts.get(key)!;
  return out;
}
