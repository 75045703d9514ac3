/**
 * The chart of requests per second over the window, newest on the right: one column per second where
 * the width allows, else each column the average of a few seconds (the average, so that it still
 * compares with the threshold, which is a rate). Bars are drawn with eighth blocks; the threshold is a
 * line across the chart, labelled on the axis, and bars above it are coloured where colour is allowed.
 */
import type { WindowView } from "../../core/view.ts";
import { type Row, seg } from "./row.ts";
import { axis, niceCeil } from "./numbers.ts";
import { clockTime } from "./header.ts";

const EIGHTHS = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/** What the chart shows. */
export interface ChartInput {
  window: WindowView;
  threshold: number;
  /** Newest evaluated second, undefined before the first. */
  time: number | undefined;
}

/**
 * `columns` averages of `counts`, oldest first: column c covers seconds [⌊c·n/columns⌋,
 * ⌊(c+1)·n/columns⌋), so the columns fill the width exactly, each one or a few seconds.
 */
export function columnValues(counts: number[], columns: number): number[] {
  const n = counts.length;
  const out = new Array<number>(columns);
  for (let c = 0; c < columns; c++) {
    const start = Math.floor((c * n) / columns);
    const end = Math.max(start + 1, Math.floor(((c + 1) * n) / columns));
    let sum = 0;
    for (let i = start; i < end; i++) sum += counts[i];
    out[c] = sum / (end - start);
  }
  return out;
}

/** The chart in `width` × `height` cells: a title, `height - 2` rows of bars, and a time axis. */
export function chartRows(input: ChartInput, width: number, height: number): Row[] {
  const { window: w, threshold } = input;
  const plot = Math.max(1, height - 2);
  const counts = w.counts.length >= w.seconds
    ? w.counts
    : [...new Array<number>(w.seconds - w.counts.length).fill(0), ...w.counts];
  const peak = counts.reduce((m, v) => (v > m ? v : m), 0);
  const top = niceCeil(Math.max(peak, threshold * 1.25, 1));
  const labels = [axis(top), axis(threshold), "0"];
  const labelWidth = Math.max(...labels.map((l) => l.length)) + 2;
  const room = Math.max(1, width - labelWidth - 1);
  // A long window: each column the average of one or two seconds, filling the width; a short one:
  // each second gets several columns (up to 4).
  const aggregated = w.seconds > room;
  const widen = aggregated ? 1 : Math.max(1, Math.min(4, Math.floor(room / w.seconds)));
  const values = aggregated
    ? columnValues(counts, room)
    : counts.flatMap((v) => new Array<number>(widen).fill(v));
  const left = room - values.length;
  const step = top / plot;
  // The row holding the threshold: the line is drawn where a bar leaves that row empty.
  const thresholdRow = Math.min(plot - 1, Math.max(0, plot - 1 - Math.floor(threshold / step)));
  const title = `Requests/s over the last ${w.seconds} s` +
    (aggregated
      ? `, 1 column ≈ ${(w.seconds / room).toFixed(1)} s (average)`
      : widen > 1
      ? `, ${widen} columns a second`
      : ", 1 column a second") +
    `;  ─ threshold ${axis(threshold)}/s`;
  const rows: Row[] = [[seg(title, "heading")]];
  for (let r = 0; r < plot; r++) {
    const low = (plot - 1 - r) * step;
    const label = r === 0 ? labels[0] : r === thresholdRow ? labels[1] : r === plot - 1 ? "0" : "";
    const row: Row = [
      seg(label.padStart(labelWidth - 2) + " ", r === thresholdRow ? "threshold" : "dim"),
      seg(r === thresholdRow ? "┼" : "│", r === thresholdRow ? "threshold" : "dim"),
      seg(r === thresholdRow ? "─".repeat(left) : " ".repeat(left), "threshold"),
    ];
    for (const v of values) {
      const eighths = Math.max(0, Math.min(8, Math.round(((v - low) / step) * 8)));
      if (eighths === 0 && r === thresholdRow) row.push(seg("─", "threshold"));
      else row.push(seg(EIGHTHS[eighths], v > threshold ? "high" : "bar"));
    }
    rows.push(merge(row));
  }
  rows.push(axisRow(input, labelWidth, room, left));
  if (peak === 0 && plot >= 3) {
    let middle = 1 + Math.floor(plot / 2);
    if (middle === thresholdRow + 1) middle += middle > 1 ? -1 : 1;
    const note = input.time === undefined ? " no requests yet " : " no requests in the window ";
    const x = labelWidth + Math.max(0, Math.floor((room - note.length) / 2));
    rows[middle] = [
      seg(" ".repeat(labelWidth - 1) + "│", "dim"),
      seg(" ".repeat(x - labelWidth)),
      seg(note, "dim"),
    ];
  }
  return rows;
}

/**
 * `└──08:33:10───…───08:35:09`: the window's first second under its first column (bars start right
 * of any unused width) and its last under the right edge.
 */
function axisRow(input: ChartInput, labelWidth: number, room: number, left: number): Row {
  const { window: w, time } = input;
  const pad = " ".repeat(labelWidth - 1);
  if (time === undefined) return [seg(pad + "└" + "─".repeat(room), "dim")];
  const from = clockTime(w.start), to = clockTime(time);
  const lead = Math.max(0, Math.min(left, room - from.length - to.length));
  const fill = Math.max(0, room - lead - from.length - to.length);
  return [
    seg(pad + "└" + "─".repeat(lead), "dim"),
    seg(from),
    seg("─".repeat(fill), "dim"),
    seg(to),
  ];
}

/** Joins neighbouring segments of one style: fewer escape codes per frame. */
function merge(row: Row): Row {
  const out: Row = [];
  for (const s of row) {
    const last = out[out.length - 1];
    if (last !== undefined && last.style === s.style) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
