/**
 * The engine's live state as plain data, for the views (terminal dashboard, web page, metrics): what
 * `MonitorEngine.view()` returns. A snapshot: it shares nothing with the engine, so a sink may keep it.
 */
import type { AlertEvent, LatencySummary, Ranked, RecoverEvent, StatsEvent } from "./events.ts";

/** The tables of some span of requests (an interval, the window, the run). */
export interface TableSet {
  hits: number;
  bytes: number;
  /** Top sections by hits, then by name. */
  sections: Ranked[];
  /** Distinct sections (a lower bound when `approximate`). */
  sectionCount: number;
  /** Top clients by hits, then by address. */
  clients: Ranked[];
  /** Distinct clients (a lower bound when `approximate`). */
  clientCount: number;
  /** Hits by status code ("200": 75). */
  status: Record<string, number>;
  /** Hits by status class ("2xx" … "5xx", "other"). */
  statusClasses: Record<string, number>;
  /** Hits by method. */
  methods: Record<string, number>;
  /** Top virtual hosts, for the formats that carry them. */
  vhosts?: Ranked[];
  /** Hits by log file, with `--by file`. */
  byFile?: Ranked[];
  /** Response-time percentiles (ms) when the format carries response times. */
  latency?: LatencySummary;
  /** True when a table kept only its heaviest keys: counts may be off, distinct counts are at least. */
  approximate: boolean;
}

/** A span of log time with its tables: `[start, end)` in unix seconds. */
export interface SpanTables extends TableSet {
  start: number;
  end: number;
}

/** The sliding window of spec §3 at the newest evaluated second. */
export interface WindowView {
  /** Its length W in seconds. */
  seconds: number;
  /** Requests stamped in `[time - W + 1, time]` (exact). */
  hits: number;
  /** hits / W. */
  rate: number;
  /** First second of `counts` (time - W + 1). */
  start: number;
  /** Requests per second over the window, oldest first: `counts[i]` is second `start + i`. */
  counts: number[];
}

/** The engine's live state. */
export interface EngineView {
  /** Newest evaluated second of log time; undefined until the first second is final. */
  time: number | undefined;
  /** Newest stamped second seen; undefined before the first record. */
  newest: number | undefined;
  /** Alert threshold, requests per second. */
  threshold: number;
  /** Statistics interval, seconds. */
  interval: number;
  window: WindowView;
  /** In the alert state. */
  alerting: boolean;
  /** The alert that is active (undefined when not alerting). */
  activeAlert: AlertEvent | undefined;
  /** The most recent alerts and recoveries, oldest first (at most `VIEW_ALERTS`). */
  alerts: Array<AlertEvent | RecoverEvent>;
  /** Alerts raised in the run (all of them, not only those in `alerts`). */
  alertCount: number;
  /** The interval being counted now (running figures), if it has anything yet. */
  current: SpanTables | undefined;
  /** The last interval reported (its stats event), if any. */
  last: StatsEvent | undefined;
  /**
   * Tables over the window: the reported intervals that overlap it and the current one. Each interval
   * contributes its heaviest keys only (`approximate` once one had more), and the span covers whole
   * intervals, so it may reach up to one interval before the window.
   */
  windowTables: SpanTables;
  /** The whole run so far: hits and bytes are exact; the tables are as of the last report. */
  run: SpanTables & {
    /** Lines that could not be parsed. */
    invalid: number;
    /** Lines stamped at or before an already evaluated second. */
    late: number;
    /** Lines stamped far from the log's time, left out of the statistics. */
    skewed: number;
  };
}

/** Alerts and recoveries kept in a view. */
export const VIEW_ALERTS = 50;
