/**
 * The replay progress line: a bar, the percentage, lines read, lines per second and time left. Pure:
 * it renders a state to text at a given width; the thin writer in monitor/progress.ts puts it on the
 * terminal.
 *
 * Why not a progress library: reports are written to the same terminal while the bar is shown, and
 * the bar has to step aside for each of them (clear, print, redraw); the libraries own their line and
 * are overwritten by output they did not write.
 */

import { plural } from "./text_format.ts";

/** What the bar shows. */
export interface ProgressState {
  bytesDone: number;
  bytesTotal: number;
  lines: number;
  elapsedMs: number;
}

/** Renders the progress line for a terminal `width` columns wide (no newline, no control codes). */
export function renderProgress(s: ProgressState, width: number): string {
  const fraction = s.bytesTotal > 0 ? Math.min(1, s.bytesDone / s.bytesTotal) : 1;
  const seconds = s.elapsedMs / 1000;
  const rate = seconds > 0 ? s.lines / seconds : 0;
  const left = fraction > 0 && fraction < 1 ? (seconds / fraction) * (1 - fraction) : 0;
  const info =
    `${(fraction * 100).toFixed(0).padStart(3)}%  ${group(s.lines)} ${plural(s.lines, "line")}  ` +
    `${group(Math.round(rate))} lines/s  ${clock(left)} left`;
  const barWidth = Math.max(0, Math.min(40, width - info.length - 3));
  if (barWidth < 5) return info.slice(0, Math.max(0, width - 1));
  const filled = Math.round(fraction * barWidth);
  return `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}] ${info}`;
}

/** 1234567 → "1,234,567". */
function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Seconds → "m:ss" or "h:mm:ss". */
function clock(seconds: number): string {
  const t = Math.ceil(seconds);
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
