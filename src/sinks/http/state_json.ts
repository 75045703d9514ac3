/**
 * The page's picture of the monitor as plain JSON: what `GET /api/state` answers and what a page starts
 * from before the deltas of `/events` (view_delta.ts) keep it current. Pure. Log text travels as JSON
 * strings only; the page puts them on screen with textContent.
 */
import type { AlertEvent, RecoverEvent, StatsEvent } from "../../core/events.ts";
import type { SpanTables, TableSet } from "../../core/view.ts";
import type { MonitorView, SourceView } from "../sink.ts";
import { alertLine, recoverLine } from "../text_format.ts";

/** One "top" table set (interval, window or run) as the page shows it. */
export type PageTables = Omit<TableSet, "sections" | "clients"> & {
  start: number;
  end: number;
  sections: Array<{ key: string; hits: number }>;
  clients: Array<{ key: string; hits: number }>;
};

/** An alert or recovery with its line in the spec's wording. */
export type PageAlert = (AlertEvent | RecoverEvent) & { text: string };

/** What the page shows, as one object. */
export interface PageState {
  wallMs: number;
  source: SourceView;
  /** Newest evaluated second of log time (null before the first). */
  time: number | null;
  newest: number | null;
  threshold: number;
  interval: number;
  window: { seconds: number; hits: number; rate: number; start: number; counts: number[] };
  alerting: boolean;
  /** Log second the active alert began (null when not alerting). */
  since: number | null;
  alertCount: number;
  alerts: PageAlert[];
  tables: { last: PageTables | null; window: PageTables; run: PageTables };
  run: {
    start: number;
    end: number;
    hits: number;
    bytes: number;
    invalid: number;
    late: number;
    skewed: number;
  };
}

/** Builds the page's state from a view. */
export function pageState(view: MonitorView): PageState {
  const e = view.engine;
  return {
    wallMs: view.wallMs,
    source: view.source,
    time: e.time ?? null,
    newest: e.newest ?? null,
    threshold: e.threshold,
    interval: e.interval,
    window: { ...e.window, counts: [...e.window.counts] },
    alerting: e.alerting,
    since: e.activeAlert?.time ?? null,
    alertCount: e.alertCount,
    alerts: e.alerts.map(pageAlert),
    tables: {
      last: e.last ? statsTables(e.last) : null,
      window: tables(e.windowTables),
      run: tables(e.run),
    },
    run: {
      start: e.run.start,
      end: e.run.end,
      hits: e.run.hits,
      bytes: e.run.bytes,
      invalid: e.run.invalid,
      late: e.run.late,
      skewed: e.run.skewed,
    },
  };
}

/** An alert or recovery with its text line (spec §3 wording). */
export function pageAlert(a: AlertEvent | RecoverEvent): PageAlert {
  return { ...a, text: a.type === "alert" ? alertLine(a) : recoverLine(a) };
}

function tables(t: SpanTables): PageTables {
  return {
    start: t.start,
    end: t.end,
    hits: t.hits,
    bytes: t.bytes,
    sections: t.sections.map(({ key, hits }) => ({ key, hits })),
    sectionCount: t.sectionCount,
    clients: t.clients.map(({ key, hits }) => ({ key, hits })),
    clientCount: t.clientCount,
    status: t.status,
    statusClasses: t.statusClasses,
    methods: t.methods,
    ...(t.latency ? { latency: t.latency } : {}),
    approximate: t.approximate,
  };
}

function statsTables(s: StatsEvent): PageTables {
  return tables({ ...s, approximate: s.approximate ?? false });
}
