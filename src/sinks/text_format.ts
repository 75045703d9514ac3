/**
 * Renders events as human-readable text. Pure: returns the lines without a final newline; colour is
 * applied only when asked (a terminal without NO_COLOR), never in files. Everything that came from the
 * log is passed through escapeControl so it cannot drive the terminal.
 */
import { type Colors, createColors } from "./colors.ts";
import type {
  AlertEvent,
  MonitorEvent,
  QuietEvent,
  Ranked,
  RecoverEvent,
  StatsEvent,
  SummaryEvent,
} from "../core/events.ts";
import type { LatencySummary } from "../core/latency.ts";
import { escapeControl } from "./escape.ts";
import { formatDuration, formatLogTime } from "./time_format.ts";

/** Options for {@linkcode formatText}. */
export interface TextOptions {
  /** Use ANSI colours. */
  color: boolean;
  /**
   * The terminal's width: a report's lists keep as many rows as fit (and say how many more there
   * were), so that no line wraps mid-number. Unlimited when absent (files, pipes).
   */
  width?: number;
}

/** Returns the event as text lines. */
export function formatText(event: MonitorEvent, options: TextOptions): string {
  const c = createColors(options.color);
  switch (event.type) {
    case "stats":
      return formatStats(event, c, options.width ?? Infinity);
    case "quiet":
      return formatQuiet(event, c);
    case "alert":
      return c.bold(c.red(alertLine(event)));
    case "recover":
      return c.bold(c.green(recoverLine(event)));
    case "summary":
      return formatSummary(event, c);
  }
}

/** The alert line of spec §3, then the rate, threshold and window. */
export function alertLine(e: AlertEvent): string {
  return `High traffic generated an alert - hits = ${e.hits}, triggered at ${
    formatLogTime(e.time)
  }` +
    ` (${fixed2(e.rate)} req/s > ${e.threshold} over ${e.window} s)`;
}

/** The recovery line of spec §3, then the rate and how long the alert lasted. */
export function recoverLine(e: RecoverEvent): string {
  return `Traffic recovered - hits = ${e.hits}, recovered at ${formatLogTime(e.time)}` +
    ` (${fixed2(e.rate)} req/s <= ${e.threshold}; alert lasted ${formatDuration(e.duration)})`;
}

function formatStats(e: StatsEvent, c: Colors, width: number): string {
  const span = e.end - (e.since ?? e.start);
  // On a narrow terminal the interval's end is shown by its time of day alone.
  const end = width < 120 ? formatLogTime(e.end).slice(11, 19) : formatLogTime(e.end);
  const head = `${formatLogTime(e.start)} .. ${end}` +
    (e.since !== undefined
      ? ` (from ${formatLogTime(e.since).slice(11, 19)}, ${span} s)`
      : e.partial
      ? ` (partial, ${span} s)`
      : "");
  if (e.hits === 0) {
    const counters = e.invalid || e.late || e.skewed ? `  ${countersText(e)}` : "";
    return c.dim(`${head}  no traffic${counters}`);
  }
  const classes = Object.entries(e.statusClasses).map(([k, v]) => `${k} ${v}`).join("  ");
  // The width a list after its 12-column label may take, one column spare so the cursor never wraps.
  const room = width - 13;
  const codes = fit(
    byCount(e.status).slice(0, 5).map(([k, v]) => `${k} ${v}`),
    room - classes.length - 5,
    () => "",
  );
  const methods = fit(
    byCount(e.methods).map(([k, v]) => `${escapeControl(k)} ${v}`),
    room,
    (n) => `(+${n} more)`,
  );
  const lines = [
    `${c.bold(head)}  ${c.bold(String(e.hits))} ${plural(e.hits, "hit")}  ` +
    `${fixed2(e.hits / span)} req/s  ` +
    formatBytes(e.bytes),
    `  sections  ${rankedList(e.sections, e.sectionCount, e.approximate, room)}`,
    `  status    ${classes}${codes === "" ? "" : `   (${codes})`}`,
    `  clients   ${rankedList(e.clients, e.clientCount, e.approximate, room)}`,
    `  methods   ${methods}`,
    ...(e.vhosts
      ? [`  vhosts    ${rankedList(e.vhosts, e.vhostCount ?? e.vhosts.length, false, room)}`]
      : []),
    ...(e.byFile ? [`  files     ${rankedList(e.byFile, e.byFile.length, false, room)}`] : []),
    ...(e.latency ? [`  latency   ${latencyText(e.latency)}`] : []),
    `  ${countersText(e)}`,
  ];
  return lines.join("\n");
}

function formatQuiet(e: QuietEvent, c: Colors): string {
  return c.dim(
    `${formatLogTime(e.start)} .. ${formatLogTime(e.end)}  no traffic ` +
      `(${e.intervals} more empty interval${e.intervals === 1 ? "" : "s"}, ${
        formatDuration(e.end - e.start)
      })`,
  );
}

function formatSummary(e: SummaryEvent, c: Colors): string {
  const span = e.end - e.start;
  const lines = [
    c.bold("Summary"),
    e.hits > 0
      ? `  ${formatLogTime(e.start)} .. ${formatLogTime(e.end)} (${formatDuration(span)})  ` +
        `${e.hits} ${plural(e.hits, "hit")}  ${fixed2(e.hits / Math.max(1, span))} req/s  ` +
        formatBytes(e.bytes)
      : "  no requests read",
    `  invalid ${e.invalid}  late ${e.late} (${e.unreported} in no interval)  skewed ${e.skewed}`,
  ];
  if (e.hits > 0) {
    const classes = Object.entries(e.statusClasses).map(([k, v]) => `${k} ${v}`).join("  ");
    const codes = byCount(e.status).slice(0, 8).map(([k, v]) => `${k} ${v}`).join("  ");
    const distinct = e.clientCountError > 0
      ? `about ${e.clientCount} distinct, ±${(e.clientCountError * 100).toFixed(1)} %`
      : `${e.clientCount} distinct`;
    lines.push(`  sections  ${rankedList(e.sections, e.sections.length)}`);
    lines.push(`  status    ${classes}   (${codes})`);
    lines.push(`  clients   ${rankedList(e.clients, e.clients.length)}  (${distinct})`);
    lines.push(
      `  methods   ${byCount(e.methods).map(([k, v]) => `${escapeControl(k)} ${v}`).join("  ")}`,
    );
    if (e.vhosts) lines.push(`  vhosts    ${rankedList(e.vhosts, e.vhosts.length)}`);
    if (e.byFile) lines.push(`  by file   ${rankedList(e.byFile, e.byFile.length)}`);
    if (e.latency) lines.push(`  latency   ${latencyText(e.latency)}`);
  }
  if (e.files) {
    const f = e.files;
    lines.push(
      `  files     ${f.rotated} ${plural(f.rotated, "rotation")}  ${f.truncated} ` +
        `${plural(f.truncated, "truncation")}  ${f.removed} ${plural(f.removed, "removal")}  ` +
        `${f.oversized} over-long ${plural(f.oversized, "line")}`,
    );
  }
  const alertCount = e.alerts.filter((a) => a.type === "alert").length;
  lines.push(`  alerts    ${alertCount}${e.alerting ? " (still alerting)" : ""}`);
  for (const a of e.alerts) {
    lines.push(`    ${a.type === "alert" ? alertLine(a) : recoverLine(a)}`);
  }
  return lines.join("\n");
}

/**
 * `key hits` pairs, then how many more keys there were. An approximate count (a bounded table that
 * overflowed) shows its possible over-count, and the number of keys is then a lower bound.
 */
function rankedList(rows: Ranked[], total: number, atLeast = false, room = Infinity): string {
  const items = rows.map((r) =>
    `${escapeControl(r.key)} ${r.hits}${r.error ? `(±${r.error})` : ""}`
  );
  const unlisted = total - rows.length;
  return fit(items, room, (dropped) => {
    const more = unlisted + dropped;
    return more > 0 ? `(+${more}${atLeast ? " or more" : " more"})` : "";
  }, unlisted > 0);
}

/**
 * `items` joined by two spaces, as many as fit in `room` columns with what `more(n)` says of the
 * n left out (or of none, when `always`); at least one item whatever the room.
 */
function fit(
  items: string[],
  room: number,
  more: (dropped: number) => string,
  always = false,
): string {
  const line = (n: number) => {
    const tail = n < items.length || always ? more(items.length - n) : "";
    return [...items.slice(0, n), ...(tail === "" ? [] : [tail])].join("  ");
  };
  let n = items.length;
  while (n > 1 && line(n).length > room) n--;
  return line(n);
}

/** `invalid 0  late 0  skewed 0`: the lines a report did not count, and why. */
function countersText(e: StatsEvent): string {
  return `invalid ${e.invalid}  late ${e.late}  skewed ${e.skewed}`;
}

/** `p50 12.3 ms  p90 45.6 ms  p99 120 ms`. */
function latencyText(l: LatencySummary): string {
  return `p50 ${l.p50} ms  p90 ${l.p90} ms  p99 ${l.p99} ms`;
}

/** Entries by count, most first, then by key. */
function byCount(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Formats a byte count with a binary unit: `512 B`, `107.3 KiB`, `2.0 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `word` for one, `words` for any other count. */
export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function fixed2(n: number): string {
  return n.toFixed(2);
}
