/**
 * The engine's checkpoint (spec §9, `--state`): everything MonitorEngine needs to go on after a restart
 * exactly as if it had never stopped — the window's per-second counts, the open intervals, the alert
 * state, the run's totals — as one plain object that survives JSON.stringify/parse unchanged.
 *
 * Key ids are the run dictionary's, which a restarted process rebuilds from nothing: the checkpoint
 * holds the dictionary's values in id order, and a restore interns them again, in that order, into
 * the new run's empty dictionary, so that every id means what it meant. Tables then go on counting by
 * id exactly as the uninterrupted run does (a key counted by id must never come back counted by
 * string: it would be two rows), and the dictionary fills up at the same value as it would have.
 */
import type { AlertEvent, StatsEvent } from "./events.ts";
import type { EngineOptions } from "./engine_options.ts";
import type { KeyDictionary, KeyField } from "./key_dictionary.ts";
import type {
  IntervalStatsState,
  Num,
  RateWindowState,
  RecentIntervalsState,
  RunTotalsState,
  TimeGuardState,
} from "./part_state.ts";

/** What a checkpoint says it is, so that nothing else is ever taken for one. */
export const CHECKPOINT_FORMAT = "monilog-engine-checkpoint";
/** Bumped whenever the shape or the meaning of a checkpoint changes: an older one is refused. */
export const CHECKPOINT_VERSION = 1;

/** The run's key dictionary as a checkpoint needs it (parse/run_dictionary.ts's RunDictionary). */
export interface KeyRegistry {
  /** Names ids (what the engine reports rows with). */
  readonly keys: KeyDictionary;
  /** The values that have ids in `field`, in id order. */
  values(field: KeyField): readonly string[];
  /** The id of `value` in `field`, given now if there is room; -1 if it is not kept. */
  idOf(field: KeyField, value: string): number;
}

/** The engine's state as plain data. */
export interface EngineCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** The engine's settings: a state written for others is refused. */
  options: EngineOptions;
  /** The run dictionary's values in id order (the ids every table and held record carries). */
  keys: Record<KeyField, string[]>;
  /** Absent before the first record (then nothing but the invalid count has happened). */
  window?: RateWindowState;
  maxSeen: Num;
  /** Log time as ticks moved it while the log was quiet (log time, valid across a restart). */
  logNow: Num;
  /**
   * The machine clock (ms since the epoch) when a line last arrived: what ticks measure quiet time
   * from. A restart must not take its downtime for quiet log time: `RestoreWiring.resumeAt`
   * replaces it, keeping the quiet time `logNow` holds.
   */
  lastArrival?: number;
  alerting: boolean;
  alertedAt: number;
  activeAlert?: AlertEvent;
  nextReport: number;
  /** The intervals being counted (more than one while late lines reach back into the previous). */
  open: IntervalStatsState[];
  /** Counters of the report in progress. */
  sinceReport: { invalid: number; late: number; skewed: number };
  /** The state of the quiet-run folding of empty intervals. */
  quiet: {
    inEmptyRun: boolean;
    reportedAny: boolean;
    trafficReported: boolean;
    run?: { start: number; end: number; intervals: number };
  };
  guard: TimeGuardState;
  disorder: { maxLateness: number; said: boolean; jumpSaid: { back: boolean; forward: boolean } };
  totals: RunTotalsState;
  /** The last stats event (what a view shows as the last interval). */
  lastStats?: StatsEvent;
  /** The reported intervals the window's tables are merged from, when the engine kept them. */
  recent?: RecentIntervalsState;
}

/** A checkpoint that cannot be taken up: another format or version, other options, a corrupt one. */
export class CheckpointRefused extends Error {
  override name = "CheckpointRefused";
}

const OPTION_NAMES: ReadonlyArray<keyof EngineOptions> = [
  "threshold",
  "window",
  "interval",
  "late",
  "top",
];

/**
 * Throws CheckpointRefused, with one line naming what differs, unless `cp` is a checkpoint of this
 * format and version written for `options`.
 */
export function checkCompatible(
  cp: unknown,
  options: EngineOptions,
): asserts cp is EngineCheckpoint {
  const c = cp as Partial<EngineCheckpoint> | null;
  if (typeof c !== "object" || c === null || c.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointRefused("the saved state is not a monilog engine checkpoint");
  }
  if (c.version !== CHECKPOINT_VERSION) {
    throw new CheckpointRefused(
      `the saved state is of checkpoint version ${JSON.stringify(c.version)}, ` +
        `this monilog reads version ${CHECKPOINT_VERSION} only`,
    );
  }
  const saved = (c.options ?? {}) as Partial<EngineOptions>;
  const differs = OPTION_NAMES.filter((name) => saved[name] !== options[name])
    .map((name) => `--${name} ${saved[name]} (now ${options[name]})`);
  if (differs.length > 0) {
    throw new CheckpointRefused(`the saved state was written with ${differs.join(", ")}`);
  }
}

/**
 * Interns the checkpoint's key values into `registry` in id order, so that each gets the id it had.
 * The registry must be the new run's, still empty (or holding exactly these values first).
 */
export function restoreKeys(
  keys: EngineCheckpoint["keys"],
  registry: KeyRegistry | undefined,
): void {
  const fields = ["host", "method", "section"] as const;
  for (const field of fields) {
    const values = keys?.[field];
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
      throw new CheckpointRefused(`the saved state is damaged: its ${field} keys are not strings`);
    }
    if (values.length > 0 && registry === undefined) {
      throw new Error("restoring a checkpoint with key ids needs the run's dictionary");
    }
    // Checked before interning anything: a refused state leaves the dictionary as it was.
    const given = registry?.values(field) ?? [];
    if (given.length > values.length || given.some((v, id) => v !== values[id])) {
      throw new CheckpointRefused(
        `this run's dictionary already gave ${field} ids before the saved state was restored`,
      );
    }
  }
  for (const field of fields) {
    keys[field].forEach((value, id) => {
      const got = registry!.idOf(field, value);
      if (got !== id) {
        throw new CheckpointRefused(
          got < 0
            ? `the saved state has more ${field} keys than this run's dictionary keeps`
            : `the saved state's ${field} keys are not distinct`,
        );
      }
    });
  }
}

/** The registry's values, or none without one. */
export function savedKeys(registry: KeyRegistry | undefined): EngineCheckpoint["keys"] {
  return {
    host: [...(registry?.values("host") ?? [])],
    method: [...(registry?.values("method") ?? [])],
    section: [...(registry?.values("section") ?? [])],
  };
}
