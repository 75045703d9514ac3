/**
 * The dashboard as a pure function: `render(view, size, options)` returns the screen's lines, each
 * exactly `size.columns` cells wide, `size.rows` of them. The terminal I/O (tui_sink.ts) only writes
 * them. Blocks get their rows in order of importance — the header and the alert state always, then a
 * minimal chart, the tables, a few alerts — and what is left grows the chart, then the alert history.
 */
import type { MonitorView } from "../sink.ts";
import { bannerRow, gaugeRow, headerRow } from "./header.ts";
import { chartRows } from "./chart.ts";
import { tableChrome, type TableMode, tableRows } from "./tables.ts";
import { alertRows, alertRowsWanted } from "./alerts.ts";
import { footerRow, helpBox } from "./help.ts";
import { fitRow, overlayRow, type Row, rowToString } from "./row.ts";

/** A terminal's size in cells. */
export interface ScreenSize {
  columns: number;
  rows: number;
}

/** How the dashboard is drawn. */
export interface RenderOptions {
  /** ANSI colours (a terminal without NO_COLOR). */
  color: boolean;
  /** The span the tables cover. */
  tableMode: TableMode;
  /** Rows per table. */
  rowsShown: number;
  /** The display is held (reading goes on): said in the footer. */
  paused: boolean;
  /** The help box is shown over the dashboard. */
  help: boolean;
  /** The newest diagnostic (a rotation, a failed output), shown in the footer. */
  message?: string;
}

const CHART_MIN = 5;
/** The chart grows to half the screen, so a tall terminal shows the rate's steps finely. */
const chartMax = (height: number) => Math.max(20, Math.floor(height / 2));

/** The screen's lines for `view` at `size`. */
export function render(view: MonitorView, size: ScreenSize, options: RenderOptions): string[] {
  const width = Math.max(1, size.columns), height = Math.max(1, size.rows);
  const e = view.engine;
  const top: Row[] = [headerRow(view, width), bannerRow(view, width), gaugeRow(view, width)];
  const footer = footerRow(options);
  let space = height - top.length - 1;
  // Minimums first, in order of importance; then the alert history's first lines, the chart, the rest.
  const chartH = take(CHART_MIN);
  const chrome = tableChrome(e, width);
  const tableH = take(chrome + Math.min(options.rowsShown, Math.max(1, space - chrome - 2)));
  let alertsH = take(2);
  const wanted = alertRowsWanted(e, width);
  alertsH += take(wanted.first - alertsH);
  const chartExtra = take(chartMax(height) - chartH);
  alertsH += take(wanted.all - alertsH);
  const gaps = take(3);
  const body: Row[] = [...top];
  if (gaps >= 1) body.push([]);
  if (chartH + chartExtra >= 3) {
    body.push(...chartRows(e, width, chartH + chartExtra));
  }
  if (gaps >= 2) body.push([]);
  if (tableH > chrome) body.push(...tableRows(e, options.tableMode, width, tableH - chrome));
  if (gaps >= 3) body.push([]);
  if (alertsH > 0) body.push(...alertRows(e, alertsH, width));
  const rows = body.slice(0, height - 1);
  while (rows.length < height - 1) rows.push([]);
  rows.push(footer);
  let screen = rows.map((r) => fitRow(r, width));
  if (options.help) screen = withHelp(screen, width);
  return screen.map((r) => rowToString(r, options.color)).slice(-height);

  /** Up to `n` of the rows still free. */
  function take(n: number): number {
    const got = Math.max(0, Math.min(n, space));
    space -= got;
    return got;
  }
}

/** The help box drawn over the middle of the screen. */
function withHelp(screen: Row[], width: number): Row[] {
  const box = helpBox(width);
  const y = Math.max(0, Math.floor((screen.length - box.length) / 2));
  const boxWidth = box[0].reduce((w, s) => w + s.text.length, 0);
  const x = Math.max(0, Math.floor((width - boxWidth) / 2));
  return screen.map((row, i) => {
    const b = box[i - y];
    return b === undefined ? row : fitRow(overlayRow(row, b, x, width), width);
  });
}
