/**
 * The plain-data shapes in which each part of the engine is checkpointed (MonitorEngine.checkpoint),
 * and the codec for the numbers JSON cannot hold. Every shape survives JSON.stringify/parse unchanged;
 * each class has `toState()` and `load(state)` (on a fresh, empty instance) for its own shape.
 *
 * Orders are kept wherever a later result depends on them: a Tally's insertion order and an IdTally's
 * order of first counts decide in which order keys are fed to a Space-Saving counter, and a Space-Saving
 * counter's heap layout decides which key a new one replaces, so both are stored as they are.
 */
import type { LogRecord } from "../record.ts";
import type { AlertEvent, RecoverEvent } from "./events.ts";
import type { SpanTables } from "./view.ts";

/** A number, or one JSON has no literal for (±Infinity, NaN), as a string. */
export type Num = number | "Infinity" | "-Infinity" | "NaN";

/** `x` as JSON can hold it. */
export function num(x: number): Num {
  if (Number.isFinite(x)) return x;
  return x !== x ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** The number {@linkcode num} encoded; throws on anything else (a corrupt checkpoint). */
export function unnum(x: Num): number {
  if (typeof x === "number") return x;
  if (x === "Infinity") return Infinity;
  if (x === "-Infinity") return -Infinity;
  if (x === "NaN") return NaN;
  throw new TypeError(`not a number in a checkpoint: ${JSON.stringify(x)}`);
}

/** Tally: its keys with their counts, in insertion order. */
export type TallyState = Array<[key: string, hits: number]>;

/** IdTally: id, count, id, count, … in the order ids were first counted. */
export type IdTallyState = number[];

/** SpaceSaving: its heap as laid out (key, count, error), and the total weight added. */
export interface SpaceSavingState {
  capacity: number;
  total: number;
  heap: Array<[key: string, count: number, error: number]>;
}

/** BoundedTally: exact counts, or the Space-Saving counter they overflowed into. */
export type BoundedTallyState = { exact: TallyState } | { bounded: SpaceSavingState };

/** KeyTable: what it counted by id and what by string. */
export interface KeyTableState {
  ids: IdTallyState;
  strings: BoundedTallyState;
}

/** DistinctCount: the exact set (insertion order), or the HyperLogLog registers (base64). */
export type DistinctCountState = { exact: string[] } | { registers: string };

/** RunKeyTable: ids, heavy hitters by string and the distinct count of those strings. */
export interface RunKeyTableState {
  ids: IdTallyState;
  strings: SpaceSavingState;
  distinct: DistinctCountState;
}

/** StatusCounts: code, count, code, count, … for the codes counted. */
export type StatusCountsState = number[];

/** One store of a DDSketch (its bins as laid out, and its key range). */
export interface SketchStoreState {
  bins: number[];
  count: number;
  minKey: Num;
  maxKey: Num;
  offset: number;
}

/** Latency: its DDSketch, field for field (toProto would lose min and max). */
export interface LatencyState {
  count: number;
  sum: number;
  min: Num;
  max: Num;
  zeroCount: number;
  store: SketchStoreState;
  negativeStore: SketchStoreState;
}

/** IntervalStats: an open interval's figures. */
export interface IntervalStatsState {
  start: number;
  end: number;
  hits: number;
  bytes: number;
  sections: KeyTableState;
  status: StatusCountsState;
  clients: KeyTableState;
  methods: KeyTableState;
  vhosts: KeyTableState;
  /** Hits by log file (--by file). */
  files: KeyTableState;
  latency?: LatencyState;
}

/** RunTotals: the run's figures so far. */
export interface RunTotalsState {
  hits: number;
  bytes: number;
  invalid: number;
  late: number;
  unreported: number;
  skewed: number;
  start: Num;
  end: Num;
  sections: SpaceSavingState;
  status: StatusCountsState;
  clients: RunKeyTableState;
  methods: RunKeyTableState;
  vhosts: RunKeyTableState;
  /** Hits by log file (--by file). */
  files: RunKeyTableState;
  alerts: Array<AlertEvent | RecoverEvent>;
  latency?: LatencyState;
}

/** A record as held by the TimeGuard (its duration may be NaN). */
export type RecordState = Omit<LogRecord, "duration"> & { duration: Num };

/** TimeGuard: the lines it holds, and the lines near the log's time counted since the first. */
export interface TimeGuardState {
  held: Array<{ record: RecordState; wallMs: number; line: number }>;
  normal: number;
}

/** RateWindow: its last evaluated second and the counts of `[end - window + 1, end + late + 1]`. */
export interface RateWindowState {
  end: number;
  counts: number[];
}

/** RecentIntervals: the reported intervals kept for the window's tables, oldest first. */
export type RecentIntervalsState = Array<{ tables: SpanTables; latency?: LatencyState }>;
