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
interface Columns {
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

/** Returns a W3C parser; it remembers the last `#Fields:` directive it saw. */
export function w3cParser(): (line: string, out: LogRecord) => ParseStatus {
  let columns: Columns | undefined;
  let lastDate = "";
  let lastDateSeconds = NaN;
  return (line, out) => {
    if (line.charCodeAt(0) === HASH) {
      if (line.startsWith("#Fields:")) columns = readFields(line.slice(8));
      return SKIP;
    }
    if (line.trim() === "") return SKIP;
    if (columns === undefined) return "no #Fields directive";
    const f = line.trimEnd().split(" ");
    if (f.length !== columns.count) return "wrong field count";
    if (columns.date < 0 || columns.time < 0 || columns.status < 0) {
      return "no date, time or status";
    }
    const date = f[columns.date];
    if (date !== lastDate) {
      lastDate = date;
      lastDateSeconds = Date.parse(`${date}T00:00:00Z`) / 1000;
    }
    const time = lastDateSeconds + clockSeconds(f[columns.time]);
    if (!Number.isFinite(time) || !/^\d{4}-\d\d-\d\d$/.test(date)) return "bad timestamp";
    const status = Number(f[columns.status]);
    if (!Number.isInteger(status) || status < 100 || status > 999) return "bad status";
    const rawBytes = columns.bytes < 0 ? "-" : f[columns.bytes];
    const bytes = rawBytes === "-" ? 0 : Number(rawBytes);
    if (!Number.isInteger(bytes) || bytes < 0) return "bad bytes";
    const taken = columns.timeTaken < 0 ? "-" : f[columns.timeTaken];
    out.time = time;
    out.host = columns.host < 0 ? "-" : f[columns.host];
    out.user = columns.user < 0 ? "-" : f[columns.user];
    out.method = columns.method < 0 ? "-" : f[columns.method];
    const path = columns.path < 0 ? NO_PATH : pathOf(f[columns.path]);
    out.path = path;
    out.section = sectionOf(path);
    out.status = status;
    out.bytes = bytes;
    out.duration = taken === "-" ? NaN : Number(taken) / 1000;
    return null;
  };
}

function readFields(spec: string): Columns {
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
