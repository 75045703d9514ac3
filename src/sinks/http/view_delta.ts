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
/**
 * Bytes of table parts one delta carries: the rest of what changed goes in the next one, sent at once
 * after it (so every update stays under 2 KB however many tables an interval's end changes).
 */
export const DELTA_TABLE_BYTES = 1200;
/** Rows of a table in a delta, and characters of a key (the full ones are in `/api/state`). */
export const DELTA_ROWS = 10;
export const DELTA_KEY_CHARS = 80;

/** A table set is sent in three parts, each only when it changed. */
const PARTS = ["rest", "sections", "clients"] as const;
/** The window's tables change with every view; the last interval and the run once an interval. */
const SCOPES = ["window", "last", "run"] as const;

/** What a client was last sent. */
export interface DeltaCursor {
  /** Table parts as JSON text, by "scope.part". */
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
  for (const scope of SCOPES) {
    const parts = tableParts(state.tables[scope]);
    for (const part of PARTS) cursor.tables[`${scope}.${part}`] = JSON.stringify(parts[part]);
  }
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
  /**
   * Tables that changed, by scope (window, last interval, run): a table's figures (`rest`), its
   * `sections` and its `clients` rows, each only when changed; a scope with no interval yet is null.
   */
  tables?: Partial<Record<string, Partial<PageTables> | null>>;
  /**
   * Chart points from index `from` on (replacing what the client held there), or `reload` when the
   * client should fetch `/api/series` (too many new points, or the series was coarsened).
   */
  series?: { from: number; data: SeriesData } | { reload: true };
}

/**
 * Builds the delta from `cursor` to `state`, and moves the cursor to what it carries. `more` says that
 * some changed tables did not fit: the next delta, sent straight after, carries them.
 */
export function buildDelta(
  cursor: DeltaCursor,
  state: PageState,
  series: SeriesSource,
): { delta: ViewDelta; more: boolean } {
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
  let budget = DELTA_TABLE_BYTES;
  let more = false;
  for (const scope of SCOPES) {
    const parts = tableParts(state.tables[scope]);
    for (const part of PARTS) {
      const key = `${scope}.${part}`;
      const text = JSON.stringify(parts[part]);
      if (cursor.tables[key] === text) continue;
      // At least one part goes in every delta, whatever its size, so that all get through.
      if (text.length > budget && budget < DELTA_TABLE_BYTES) {
        more = true;
        continue;
      }
      budget -= text.length;
      cursor.tables[key] = text;
      const tables = delta.tables ??= {};
      if (parts[part] === null) tables[scope] = null;
      else {tables[scope] = {
          ...tables[scope],
          ...(part === "rest" ? parts.rest : { [part]: parts[part] }),
        };}
    }
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
  return { delta, more };
}

type Row = { key: string; hits: number };

/** A table set as its three parts, rows capped and keys shortened; all null when there is none. */
function tableParts(t: PageTables | null): {
  rest: Omit<PageTables, "sections" | "clients"> | null;
  sections: Row[] | null;
  clients: Row[] | null;
} {
  if (t === null) return { rest: null, sections: null, clients: null };
  const { sections, clients, ...rest } = t;
  return { rest, sections: rows(sections), clients: rows(clients) };
}

function rows(list: Row[]): Row[] {
  return list.slice(0, DELTA_ROWS).map(({ key, hits }) => ({
    key: key.length > DELTA_KEY_CHARS ? `${key.slice(0, DELTA_KEY_CHARS - 1)}…` : key,
    hits,
  }));
}
