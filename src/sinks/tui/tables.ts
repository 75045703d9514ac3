/**
 * The tables of the dashboard — top sections, top clients, status codes with their share, the status
 * classes, methods and latency — over the span the user chose: the last reported interval, the window
 * or the whole run. Keys come from the log, so every one goes through `logText` (escaped, cut to its
 * cell by display width).
 */
import type { Ranked } from "../../core/events.ts";
import type { LatencySummary } from "../../core/latency.ts";
import type { EngineView } from "../../core/view.ts";
import { fitRow, logText, type Row, seg } from "./row.ts";
import { compact, group, share } from "./numbers.ts";
import { clockTime } from "./header.ts";
import { padEnd, padStart } from "./text_width.ts";

/** Which span the tables cover. */
export type TableMode = "interval" | "window" | "run";

/** The order the switch key goes through. */
export const TABLE_MODES: readonly TableMode[] = ["interval", "window", "run"];

/** The tables of one span, whatever its source. */
interface Tables {
  start: number;
  end: number;
  sections: Ranked[];
  sectionCount: number;
  clients: Ranked[];
  clientCount: number;
  status: Record<string, number>;
  statusClasses: Record<string, number>;
  methods: Record<string, number>;
  latency?: LatencySummary;
  approximate: boolean;
}

function tablesFor(e: EngineView, mode: TableMode): Tables | undefined {
  if (mode === "interval") {
    const l = e.last;
    return l && { ...l, approximate: l.approximate === true };
  }
  return mode === "window" ? e.windowTables : e.run;
}

/** Lines the tables take besides their rows: the mode line, the headings and the strip. */
export function tableChrome(e: EngineView, width: number): number {
  const latency = Boolean(e.run.latency ?? e.windowTables.latency ?? e.last?.latency);
  return 2 + (width >= 120 || !latency ? 1 : 2);
}

/** The tables block: a mode line, headings, `rows` rows per table, then classes/methods/latency. */
export function tableRows(e: EngineView, mode: TableMode, width: number, rows: number): Row[] {
  const t = tablesFor(e, mode);
  const wide = width >= 120;
  const base = t === undefined ? 0 : sum(t.statusClasses);
  const panels = panelsFor(t, base, width, rows);
  const out: Row[] = [modeRow(mode, t)];
  out.push(joinPanels(panels.map((p) => [seg(padEnd(p.title, p.width), "bold")]), panels));
  for (let r = 0; r < rows; r++) {
    const cells = panels.map((p) => p.rows[r] ?? [seg(" ".repeat(p.width))]);
    const note = r > 0
      ? undefined
      : t === undefined
      ? "no interval reported yet"
      : base === 0
      ? "no requests"
      : undefined;
    if (note !== undefined) cells[0] = [seg(padEnd(note, panels[0].width), "dim")];
    out.push(joinPanels(cells, panels));
  }
  out.push(...stripRows(t, base, wide, e));
  return out;
}

interface Panel {
  width: number;
  title: string;
  rows: Row[];
}

/** The tables side by side: sections, clients, status codes, and methods on a wide screen. */
function panelsFor(t: Tables | undefined, base: number, width: number, rows: number): Panel[] {
  const wide = width >= 120;
  const statusW = 20, methodsW = wide ? 24 : 0;
  const rest = width - statusW - (wide ? methodsW + GAP : 0) - 2 * GAP;
  const sectionsW = Math.min(60, Math.floor(rest / 2)), clientsW = Math.min(60, rest - sectionsW);
  // Distinct counts are lower bounds once a table kept only its heaviest keys.
  const count = (n: number) =>
    t === undefined || n === 0 ? "" : ` (${t.approximate ? "≥" : ""}${group(n)})`;
  const panel = (w: number, title: string, items: () => Ranked[]): Panel => ({
    width: w,
    title,
    rows: t ? ranked(items(), base, w, rows) : [],
  });
  const panels = [
    panel(sectionsW, `Top sections${count(t?.sectionCount ?? 0)}`, () => t!.sections),
    panel(clientsW, `Top clients${count(t?.clientCount ?? 0)}`, () => t!.clients),
    panel(statusW, "Status codes", () => byCount(t!.status)),
  ];
  if (wide) panels.push(panel(methodsW, "Methods", () => byCount(t!.methods)));
  return panels;
}

const GAP = 2;

/** "Tables: [interval]  window  run   08:33:00 → 08:35:10  (t switches)" */
function modeRow(mode: TableMode, t: Tables | undefined): Row {
  const row: Row = [seg("Tables: ", "heading")];
  for (const m of TABLE_MODES) {
    const name = m === "interval" ? "last interval" : m;
    row.push(m === mode ? seg(`[${name}]`, "footer") : seg(` ${name} `, "dim"), seg(" "));
  }
  if (t !== undefined && t.end > t.start) {
    row.push(seg(` ${clockTime(t.start)} → ${clockTime(t.end)}`));
  }
  row.push(seg("   (t switches)", "dim"));
  return row;
}

/** `key  hits  share` rows, the key escaped and cut to what is left of `width`. */
function ranked(items: Ranked[], base: number, width: number, rows: number): Row[] {
  const hitsW = 6, shareW = 6;
  const keyW = Math.max(3, width - hitsW - shareW - 1);
  return items.slice(0, rows).map((r) => [
    seg(padEnd(logText(r.key, keyW), keyW)),
    seg(padStart(compact(r.hits), hitsW), "bold"),
    seg(" "),
    seg(padStart(share(r.hits, base), shareW), "dim"),
  ]);
}

/** The panels' cells of one screen line side by side. */
function joinPanels(cells: Row[], panels: Panel[]): Row {
  const row: Row = [];
  cells.forEach((c, i) => {
    if (i > 0) row.push(seg(" ".repeat(GAP)));
    row.push(...fitRow(c, panels[i].width));
  });
  return row;
}

/** Status classes, methods (when not a panel) and latency percentiles. */
function stripRows(t: Tables | undefined, base: number, wide: boolean, e: EngineView): Row[] {
  // Narrow screens get whole percentages, so that classes and methods share one line.
  const pct = (v: number) =>
    wide ? share(v, base) : `${base > 0 ? Math.round((v / base) * 100) : 0}%`;
  const classes: Row = [seg(wide ? "classes " : "", "bold")];
  if (t !== undefined) {
    for (const [k, v] of Object.entries(t.statusClasses)) {
      classes.push(seg(`${k} `), seg(pct(v), k === "5xx" && v > 0 ? "high" : "plain"));
      classes.push(seg(wide ? "  " : " "));
    }
  }
  const latencyRow: Row = [];
  const anyLatency = e.run.latency ?? e.windowTables.latency ?? e.last?.latency;
  if (anyLatency !== undefined) {
    const l = t?.latency;
    latencyRow.push(seg("latency ", "bold"));
    latencyRow.push(
      seg(l ? `p50 ${l.p50} ms  p90 ${l.p90} ms  p99 ${l.p99} ms  (${group(l.count)})` : "-"),
    );
  }
  if (wide) return [[...classes, seg("   "), ...latencyRow]];
  const methods: Row = [seg(" │ ", "dim")];
  if (t !== undefined) {
    for (const m of byCount(t.methods)) {
      methods.push(seg(`${logText(m.key, 12)} `), seg(pct(m.hits)), seg(" "));
    }
  }
  return anyLatency === undefined
    ? [[...classes, ...methods]]
    : [[...classes, ...methods], latencyRow];
}

/** Entries as ranked rows, most first, then by key. */
function byCount(counts: Record<string, number>): Ranked[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key, hits]) => ({ key, hits }));
}

function sum(counts: Record<string, number>): number {
  let s = 0;
  for (const k in counts) s += counts[k];
  return s;
}
