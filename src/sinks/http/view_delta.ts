/**
 * The `view` updates of `/events`: what changed since the state a client was last sent, a few hundred
 * bytes to a couple of KB, never the whole state. Each client keeps its own `DeltaCursor`, so a slow
 * client that skipped updates gets one delta covering everything it missed (views collapse, they do
 * not queue). Pure.
 */
import type { PageState, PageTables } from "./state_json.ts";
import type { SeriesData } from "./series.ts";

/** Most chart points carried in one delta; more and the page fetches `/api/series` instead. */
export const DELTA_POINTS = 32;

/** What a client was last sent. */
export interface DeltaCursor {
  /** Tables as JSON text, by scope. */
  tables: Record<string, string>;
  /** Series points the client holds, and the series generation they are from. */
  seriesLength: number;
  seriesGeneration: number;
}

/** A fresh cursor for a client that has just loaded everything up to `seriesLength`. */
export function newCursor(
  state: PageState,
  seriesLength: number,
  seriesGeneration: number,
): DeltaCursor {
  const cursor: DeltaCursor = { tables: {}, seriesLength, seriesGeneration };
  for (const [scope, t] of Object.entries(state.tables)) cursor.tables[scope] = JSON.stringify(t);
  return cursor;
}

/** The series as the delta builder reads it. */
export interface SeriesSource {
  readonly length: number;
  readonly generation: number;
  data(from: number): SeriesData;
}

/** One view update. */
export interface ViewDelta {
  wallMs: number;
  time: number | null;
  newest: number | null;
  alerting: boolean;
  since: number | null;
  alertCount: number;
  window: { hits: number; rate: number; start: number };
  source: {
    mode: string;
    format: string | undefined;
    lines: number;
    bytes: number;
    bytesTotal: number | undefined;
    linesPerSecond: number;
    ended: boolean;
  };
  run: PageState["run"];
  /** Tables that changed, by scope (last interval, window, run). */
  tables?: Partial<Record<string, PageTables | null>>;
  /**
   * Chart points from index `from` on (replacing what the client held there), or `reload` when the
   * client should fetch `/api/series` (too many new points, or the series was coarsened).
   */
  series?: { from: number; data: SeriesData } | { reload: true };
}

/** Builds the delta from `cursor` to `state`, and moves the cursor to it. */
export function buildDelta(cursor: DeltaCursor, state: PageState, series: SeriesSource): ViewDelta {
  const s = state.source;
  const delta: ViewDelta = {
    wallMs: state.wallMs,
    time: state.time,
    newest: state.newest,
    alerting: state.alerting,
    since: state.since,
    alertCount: state.alertCount,
    window: { hits: state.window.hits, rate: state.window.rate, start: state.window.start },
    source: {
      mode: s.mode,
      format: s.format,
      lines: s.lines,
      bytes: s.bytes,
      bytesTotal: s.bytesTotal,
      linesPerSecond: s.linesPerSecond,
      ended: s.ended,
    },
    run: state.run,
  };
  for (const [scope, t] of Object.entries(state.tables)) {
    const text = JSON.stringify(t);
    if (cursor.tables[scope] === text) continue;
    cursor.tables[scope] = text;
    (delta.tables ??= {})[scope] = t;
  }
  if (series.generation !== cursor.seriesGeneration) {
    delta.series = { reload: true };
  } else if (series.length !== cursor.seriesLength || series.length > 0) {
    // The last point may still be filling (a merged bucket): send it again with the new ones.
    const from = Math.max(0, cursor.seriesLength - 1);
    if (series.length - from > DELTA_POINTS) delta.series = { reload: true };
    else if (series.length > from) delta.series = { from, data: series.data(from) };
  }
  cursor.seriesLength = series.length;
  cursor.seriesGeneration = series.generation;
  return delta;
}
