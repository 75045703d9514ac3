/**
 * W3C Extended Log File Format, as IIS writes it: `#`-directives, of which `#Fields:` names the
 * space-separated columns of the lines that follow (it may change mid-file, e.g. after a restart), and
 * `-` for an empty value. Date and time are UTC. `time-taken` is in milliseconds.
 *
 * ```
 * #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-bytes time-taken
 * 2019-02-07 21:10:59 10.0.0.1 GET /api/user - 443 - 10.0.0.2 Mozilla/5.0 200 1234 15
 * ```
 */
import type { LogRecord } from "../record.ts";
import { type ParseStatus, SKIP } from "./parse_status.ts";
import { NO_PATH, pathOf, sectionOf } from "./section.ts";

/** Column positions of the fields monilog uses; -1 when absent. */
export interface Columns {
  count: number;
  date: number;
  time: number;
  host: number;
  user: number;
  method: number;
  path: number;
  status: number;
  bytes: number;
  timeTaken: number;
}

/**
 * Returns a W3C parser; it remembers the last `#Fields:` directive it saw. Per line it finds the
 * spaces once and slices only the fields monilog uses (a split made all sixteen strings, the
 * user-agent's among them); date and clock are parsed when they differ from the last line's.
 */
export function w3cParser(): (line: string, out: LogRecord) => ParseStatus {
  let columns: Columns | undefined;
  let lastDate = "";
  let lastDateSeconds = NaN;
  let lastClock = "";
  let lastClockSeconds = NaN;
  let starts = new Int32Array(32);
  return (line, out) => {
    if (line.charCodeAt(0) === HASH) {
      if (line.startsWith("#Fields:")) columns = readFields(line.slice(8));
      return SKIP;
    }
    if (line.trim() === "") return SKIP;
    if (columns === undefined) return "no #Fields directive";
    const text = line.trimEnd();
    // Where each space-separated field starts, as split(" ") would cut them; starts[n] is one past
    // the end of the last field's separator, so field k is text[starts[k], starts[k + 1] - 1).
    let n = 0;
    if (starts.length < columns.count + 2) starts = new Int32Array(columns.count + 2);
    starts[0] = 0;
    for (let i = text.indexOf(" "); i >= 0; i = text.indexOf(" ", i + 1)) {
      if (++n >= columns.count) return "wrong field count";
      starts[n] = i + 1;
    }
    if (n + 1 !== columns.count) return "wrong field count";
    starts[n + 1] = text.length + 1;
    const field = (k: number) => text.slice(starts[k], starts[k + 1] - 1);
    if (columns.date < 0 || columns.time < 0 || columns.status < 0) {
      return "no date, time or status";
    }
    const date = field(columns.date);
    if (date !== lastDate) {
      lastDate = date;
      lastDateSeconds = /^\d{4}-\d\d-\d\d$/.test(date)
        ? Date.parse(`${date}T00:00:00Z`) / 1000
        : NaN;
    }
    const clock = field(columns.time);
    if (clock !== lastClock) {
      lastClock = clock;
      lastClockSeconds = clockSeconds(clock);
    }
    const time = lastDateSeconds + lastClockSeconds;
    if (!Number.isFinite(time)) return "bad timestamp";
    const status = Number(field(columns.status));
    if (!Number.isInteger(status) || status < 100 || status > 999) return "bad status";
    const rawBytes = columns.bytes < 0 ? "-" : field(columns.bytes);
    const bytes = rawBytes === "-" ? 0 : Number(rawBytes);
    if (!Number.isInteger(bytes) || bytes < 0) return "bad bytes";
    const taken = columns.timeTaken < 0 ? "-" : field(columns.timeTaken);
    out.time = time;
    out.host = columns.host < 0 ? "-" : field(columns.host);
    out.user = columns.user < 0 ? "-" : field(columns.user);
    out.method = columns.method < 0 ? "-" : field(columns.method);
    const path = columns.path < 0 ? NO_PATH : pathOf(field(columns.path));
    out.path = path;
    out.section = sectionOf(path);
    out.status = status;
    out.bytes = bytes;
    out.duration = taken === "-" ? NaN : Number(taken) / 1000;
    return null;
  };
}

/** The columns a `#Fields:` directive names (`spec`: what follows `#Fields:`). */
export function readFields(spec: string): Columns {
  const names = spec.trim().split(/\s+/);
  const at = (...candidates: string[]) => {
    for (const c of candidates) {
      const i = names.indexOf(c);
      if (i >= 0) return i;
    }
    return -1;
  };
  return {
    count: names.length,
    date: at("date"),
    time: at("time"),
    host: at("c-ip"),
    user: at("cs-username"),
    method: at("cs-method"),
    path: at("cs-uri-stem", "cs-uri"),
    status: at("sc-status"),
    bytes: at("sc-bytes"),
    timeTaken: at("time-taken"),
  };
}

/** Seconds since midnight for `HH:MM:SS` (fractions ignored), or NaN. */
function clockSeconds(text: string): number {
  const m = /^(\d\d):(\d\d):(\d\d)/.exec(text);
  if (m === null) return NaN;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return h > 23 || min > 59 || s > 60 ? NaN : h * 3600 + min * 60 + s;
}

const HASH = 35;
