/**
 * The events the core emits: the only vocabulary between the pure core and the sinks. Times are unix
 * seconds of log time; `end` is exclusive.
 */

/** Percentiles of the response times of some requests, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
}

/** A section, client or other key with its hit count, in a "top" table. */
export interface Ranked {
  /** The key (section path, client address, …). */
  key: string;
  /** Hits counted for it. */
  hits: number;
  /**
   * Present when the table stopped being exact (more distinct keys than it keeps): `hits` may be high
   * by at most this much.
   */
  error?: number;
}

/** Statistics for one aligned interval `[start, end)`. */
export interface StatsEvent {
  type: "stats";
  start: number;
  end: number;
  hits: number;
  bytes: number;
  /** Top sections by hits, then by name. */
  sections: Ranked[];
  /** Distinct sections seen in the interval (at least this many, when `approximate`). */
  sectionCount: number;
  /** Hits by status code. */
  status: Record<string, number>;
  /** Hits by status class: "2xx", "3xx", "4xx", "5xx" (and "other" for codes outside 200–599). */
  statusClasses: Record<string, number>;
  /** Top clients (remote hosts) by hits, then by address. */
  clients: Ranked[];
  /** Distinct clients seen in the interval (at least this many, when `approximate`). */
  clientCount: number;
  /**
   * Present (true) when a table of the interval held more distinct keys than it keeps exactly: its
   * rows then carry `error`, and its count is a lower bound.
   */
  approximate?: true;
  /** Hits by HTTP method. */
  methods: Record<string, number>;
  /** Top virtual hosts, for the formats that carry them (Apache's vhost formats). */
  vhosts?: Ranked[];
  /** Distinct virtual hosts, with `vhosts`. */
  vhostCount?: number;
  /** Hits by log file, with `--by file`. */
  byFile?: Ranked[];
  /** Response-time percentiles (ms), when the format carries response times. */
  latency?: LatencySummary;
  /** Lines that could not be parsed since the previous report. */
  invalid: number;
  /**
   * Records that arrived since the previous report stamped in an interval already reported: they
   * missed it, and no interval counts them (so the intervals' hits and late add up to the records).
   */
  late: number;
  /** Lines stamped far from the log's time, left out of the statistics (spec §5), since the last report. */
  skewed: number;
  /** True for the last, incomplete interval reported at the end of input or on exit. */
  partial: boolean;
  /**
   * For the run's first interval with traffic, when that traffic starts after the interval does:
   * its first second. The interval's rate is then over `[since, end)`, the seconds it covers.
   */
  since?: number;
}

/** A run of empty intervals after the first one, reported once (spec §4). */
export interface QuietEvent {
  type: "quiet";
  start: number;
  end: number;
  /** How many intervals the run covers. */
  intervals: number;
}

/** Shared shape of alert and recovery events. */
interface ThresholdEvent {
  /** The evaluated second (log time) at which the state changed. */
  time: number;
  /** Requests stamped in the window `[time - window + 1, time]`. */
  hits: number;
  /** hits / window. */
  rate: number;
  threshold: number;
  window: number;
}

/** The average rate went above the threshold. */
export interface AlertEvent extends ThresholdEvent {
  type: "alert";
}

/** The average rate came back to or below the threshold. */
export interface RecoverEvent extends ThresholdEvent {
  type: "recover";
  /** Seconds since the alert it ends. */
  duration: number;
}

/** A row of a bounded long-span table: `hits` may be high by at most `error`. */
export interface ApproxRanked extends Ranked {
  error: number;
}

/** The whole run, on exit. */
export interface SummaryEvent {
  type: "summary";
  /** Earliest stamped second seen (0 when no record was read). */
  start: number;
  /** One past the newest stamped second seen. */
  end: number;
  hits: number;
  bytes: number;
  invalid: number;
  /** Records stamped at or before a second already evaluated (still counted in the window). */
  late: number;
  /** Of those, the records that missed their interval: no interval counts them. */
  unreported: number;
  /** Lines stamped far from the log's time, left out of the statistics (spec §5). */
  skewed: number;
  /** Top sections over the run (bounded: see RunTotals; `error` 0 means exact). */
  sections: ApproxRanked[];
  /** Hits by status code over the run. */
  status: Record<string, number>;
  statusClasses: Record<string, number>;
  /** Top clients over the run (bounded like sections). */
  clients: Ranked[];
  /** Distinct clients over the run: exact while `clientCountError` is 0, else an estimate. */
  clientCount: number;
  /** The estimate's standard error, as a share (0.008 = ±0.8 %); 0 when exact. */
  clientCountError: number;
  /** Hits by method over the run. */
  methods: Record<string, number>;
  /** Top virtual hosts over the run, for the formats that carry them. */
  vhosts?: Ranked[];
  /** Hits by log file over the run, with `--by file`. */
  byFile?: Ranked[];
  /** Response-time percentiles (ms) over the run, when the format carries response times. */
  latency?: LatencySummary;
  /** Every alert and recovery, in order. */
  alerts: Array<AlertEvent | RecoverEvent>;
  /** True when the run ended in the alert state. */
  alerting: boolean;
  /**
   * What happened to the files read, when anything did: rotations, truncations, removals and lines
   * dropped for their length (added by the pipeline from the sources' notices).
   */
  files?: { rotated: number; truncated: number; removed: number; oversized: number };
}

/** Anything the core reports. */
export type MonitorEvent = StatsEvent | QuietEvent | AlertEvent | RecoverEvent | SummaryEvent;

/** Where the core sends events. */
export type EmitEvent = (event: MonitorEvent) => void;
