/**
 * The top of the dashboard: what is read (file, format, following or replaying, log time, read rate,
 * bad lines), then the headline — the alert state as a full-width banner and the window's rate against
 * the threshold as a gauge. The state is spelled out in words and marks, so it reads without colour.
 */
import type { MonitorView } from "../sink.ts";
import { formatDuration, formatLogTime } from "../time_format.ts";
import { type Row, seg } from "./row.ts";
import { displayWidth, truncateStart } from "./text_width.ts";
import { escapeControl } from "../escape.ts";
import { group, rate } from "./numbers.ts";

/** `hh:mm:ss` of a log second in the display time zone. */
export function clockTime(seconds: number): string {
  return formatLogTime(seconds).slice(11, 19);
}

/** The header line: file, format, mode, log time, lines/s, invalid and late. */
export function headerRow(view: MonitorView, width: number): Row {
  const { source, engine } = view;
  const mode = source.mode === "follow"
    ? "following"
    : source.ended
    ? "replayed (q quits)"
    : source.bytesTotal
    ? `replaying ${Math.floor((100 * source.bytes) / source.bytesTotal)}%`
    : "replaying";
  // Narrow screens drop the title and the date: the file, the time and the counters matter more.
  const wide = width >= 110;
  const label = wide ? "log time" : "log";
  const time = engine.time === undefined
    ? `${label} -`
    : `${label} ${wide ? formatLogTime(engine.time) : clockTime(engine.time)}`;
  const fields = [
    source.format ?? "format ?",
    mode,
    time,
    `${group(source.linesPerSecond)} lines/s`,
    `invalid ${group(engine.run.invalid)}`,
    `late ${group(engine.run.late)}`,
    // Skewed lines are rare: a narrow screen names them only when there are some.
    ...(wide || engine.run.skewed > 0 ? [`skewed ${group(engine.run.skewed)}`] : []),
  ];
  const title = wide ? "monilog  " : "";
  // Two spaces between fields where they fit beside a readable file name, else one.
  const spaced = fields.join("  ");
  const roomy = displayWidth(spaced) + title.length + 14 <= width;
  const tail = roomy ? spaced : fields.join(" ");
  const gap = roomy ? "  " : " ";
  const files = source.files.map((f) => f === "-" ? "stdin" : escapeControl(f)).join(", ");
  const room = Math.max(8, width - displayWidth(tail) - title.length - gap.length);
  return [
    seg(title, "heading"),
    seg(truncateStart(files, room), "bold"),
    seg(gap),
    seg(tail),
  ];
}

/** The state banner: ALERT since hh:mm:ss for 3m12s, or OK; a full-width bar in colour. */
export function bannerRow(view: MonitorView, width: number): Row {
  const e = view.engine;
  const w = e.window;
  const long = `${group(w.hits)} hits in ${w.seconds} s = ${rate(w.rate)} req/s ` +
    `${e.alerting ? ">" : "<="} ${e.threshold}`;
  const short = `${rate(w.rate)} req/s ${e.alerting ? ">" : "<="} ${e.threshold}`;
  const fits = (text: string) => (displayWidth(text) <= width ? text : undefined);
  if (e.alerting && e.activeAlert) {
    const since = e.activeAlert.time;
    const lasted = Math.max(0, (e.time ?? since) - since);
    const head = ` !!! ALERT !!!  since ${clockTime(since)} for ${formatDuration(lasted)}   `;
    return [seg(fits(head + long) ?? head + short, "alertBanner")];
  }
  if (e.time === undefined) {
    return [seg(" OK  waiting for the first complete second of log time", "okBanner")];
  }
  const last = e.alerts[e.alerts.length - 1];
  const after = last?.type === "recover" ? `   recovered at ${clockTime(last.time)}` : "";
  return [seg(fits(` OK  ${long}${after}`) ?? ` OK  ${short}${after}`, "okBanner")];
}

/**
 * The gauge: the window's rate on a scale up to twice the threshold (or the rate, if higher), the
 * threshold marked `|`, the part above it drawn with another character so it shows without colour.
 */
export function gaugeRow(view: MonitorView, width: number): Row {
  const e = view.engine;
  const label = "window rate ";
  const right = ` ${rate(e.window.rate)} / ${e.threshold} req/s`;
  const bar = Math.max(10, width - label.length - right.length - 2);
  const max = Math.max(e.threshold * 2, e.window.rate * 1.05, 1e-9);
  const cells = (v: number) => Math.min(bar, Math.round((v / max) * bar));
  const mark = Math.min(bar - 1, cells(e.threshold));
  const filled = cells(e.window.rate);
  const low = Math.min(filled, mark);
  const high = Math.max(0, filled - mark - 1);
  const row: Row = [seg(label, "bold"), seg("[")];
  row.push(seg("█".repeat(low), "low"));
  if (filled < mark) row.push(seg("·".repeat(mark - filled), "dim"));
  row.push(seg("|", "threshold"));
  row.push(seg("▓".repeat(high), "high"));
  row.push(seg("·".repeat(Math.max(0, bar - mark - 1 - high)), "dim"));
  row.push(seg("]"), seg(right, e.alerting ? "alert" : "bold"));
  return row;
}
