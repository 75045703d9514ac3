/**
 * The reported intervals that may still overlap the window, kept as their heaviest keys, so that a view
 * can show the window's tables (top sections, clients, status, methods over the last W seconds)
 * without a second set of counters per request.
 *
 * A snapshot (the heaviest keys, named) costs about as much as counting the interval's requests did,
 * and a replay reports thousands of intervals between two views: so while the window spans at most
 * LAZY_INTERVALS intervals, the accumulators themselves are kept (a reported interval never changes)
 * and snapshotted only when a view asks for them; those that leave the window unseen go back to the
 * engine for reuse, never snapshotted. A longer window (in intervals) takes snapshots at once, so
 * that memory stays at a few rows per interval.
 */
import type { Ranked } from "./events.ts";
import type { IntervalSnapshot, IntervalStats } from "./interval_stats.ts";
import type { KeyDictionary } from "./key_dictionary.ts";
import { Latency } from "./latency.ts";
import { keepBest } from "./tally.ts";
import type { SpanTables } from "./view.ts";
import type { RecentIntervalsState } from "./part_state.ts";

/** Intervals kept whole at most, waiting for a view. */
export const LAZY_INTERVALS = 16;

/** A reported interval: its accumulator until snapshotted, then the snapshot. */
interface Entry {
  end: number;
  stats: IntervalStats | undefined;
  snapshot: IntervalSnapshot | undefined;
}

/** A ring of the last `capacity` reported intervals. */
export class RecentIntervals {
  readonly #ring: Entry[] = [];
  readonly #lazy: boolean;

  /** Keeps `capacity` intervals, `rows` keys of each, named by `keys`. */
  constructor(
    private readonly capacity: number,
    private readonly rows: number,
    private readonly keys: KeyDictionary,
    lazy = capacity <= LAZY_INTERVALS,
  ) {
    this.#lazy = lazy;
  }

  /**
   * Keeps a reported interval, forgetting the oldest beyond capacity. Returns an accumulator the
   * caller may now reuse (this one, or one that left the window), or undefined.
   */
  add(stats: IntervalStats): IntervalStats | undefined {
    let free: IntervalStats | undefined;
    if (this.#lazy) this.#ring.push({ end: stats.end, stats, snapshot: undefined });
    else {
      this.#ring.push({
        end: stats.end,
        stats: undefined,
        snapshot: stats.snapshot(this.rows, this.keys),
      });
      free = stats;
    }
    if (this.#ring.length > this.capacity) free = this.#ring.shift()!.stats ?? free;
    return free;
  }

  /** The snapshots of the intervals that end after `from`, taking those not taken yet. */
  #snapshots(from: number): IntervalSnapshot[] {
    const out: IntervalSnapshot[] = [];
    for (const e of this.#ring) {
      if (e.end <= from) continue;
      e.snapshot ??= e.stats!.snapshot(this.rows, this.keys);
      out.push(e.snapshot);
    }
    return out;
  }

  /** The kept intervals as plain data (a checkpoint), oldest first (snapshotting those not yet). */
  toState(): RecentIntervalsState {
    return this.#ring.map((e) => {
      const s = e.snapshot ??= e.stats!.snapshot(this.rows, this.keys);
      return {
        tables: structuredClone(s.tables),
        ...(s.latency ? { latency: s.latency.toState() } : {}),
      };
    });
  }

  /** Takes the kept intervals of a checkpoint (on an empty ring; beyond capacity, the newest). */
  load(state: RecentIntervalsState): void {
    for (const s of state) {
      const tables = structuredClone(s.tables);
      const latency = s.latency ? Latency.fromState(s.latency) : undefined;
      this.#ring.push({ end: tables.end, stats: undefined, snapshot: { tables, latency } });
      if (this.#ring.length > this.capacity) this.#ring.shift();
    }
  }

  /**
   * The tables of the intervals that end after `from`, plus `current` (the interval being counted),
   * with `top` rows each. Approximate when an interval had more keys than it kept.
   */
  merged(top: number, from: number, current?: SpanTables): SpanTables {
    const kept = this.#snapshots(from);
    const parts = kept.map((s) => s.tables);
    const sketches = kept.filter((s) => s.latency).map((s) => s.latency!);
    if (current !== undefined) parts.push(current);
    const sections = new Map<string, number>();
    const clients = new Map<string, number>();
    const status: Record<string, number> = {};
    const classes: Record<string, number> = {};
    const methods: Record<string, number> = {};
    let hits = 0, bytes = 0, approximate = false;
    for (const p of parts) {
      hits += p.hits;
      bytes += p.bytes;
      approximate ||= p.approximate || p.sectionCount > p.sections.length ||
        p.clientCount > p.clients.length;
      addRows(sections, p.sections);
      addRows(clients, p.clients);
      addAll(status, p.status);
      addAll(classes, p.statusClasses);
      addAll(methods, p.methods);
    }
    let latency = undefined;
    if (sketches.length > 0 || current?.latency) {
      const merged = new Latency();
      for (const l of sketches) merged.merge(l);
      // The current interval's sketch is not kept here; its requests are left out of the percentiles.
      latency = merged.summary();
      if (latency.count === 0) latency = undefined;
    }
    return {
      start: parts.length > 0 ? Math.min(...parts.map((p) => p.start)) : from,
      end: parts.length > 0 ? Math.max(...parts.map((p) => p.end)) : from,
      hits,
      bytes,
      sections: topOf(sections, top),
      sectionCount: sections.size,
      clients: topOf(clients, top),
      clientCount: clients.size,
      status: sorted(status),
      statusClasses: sorted(classes),
      methods: sorted(methods),
      ...(latency ? { latency } : {}),
      approximate,
    };
  }
}

function addRows(into: Map<string, number>, rows: Ranked[]): void {
  for (const r of rows) into.set(r.key, (into.get(r.key) ?? 0) + r.hits);
}

function addAll(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function topOf(counts: Map<string, number>, n: number): Ranked[] {
  const best: Ranked[] = [];
  for (const [key, hits] of counts) keepBest(best, { key, hits }, n);
  return best;
}

function sorted(r: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}
