/**
 * JSON lines, one request per line, as real servers write them. Keys are looked up by the names each
 * server uses, so one parser reads all three:
 * - Caddy: `ts` (unix seconds), `request.{client_ip|remote_ip, method, uri}`, `status`, `size`,
 *   `duration` (seconds), `user_id`;
 * - Traefik: `StartUTC`/`time`, `ClientHost`, `RequestMethod`, `RequestPath`, `DownstreamStatus`,
 *   `DownstreamContentSize`, `Duration` (nanoseconds), `ClientUsername`;
 * - nginx with a JSON `log_format … escape=json` named after its variables: `time_iso8601`,
 *   `time_local` or `msec`, `remote_addr`, `remote_user`, `request` (the request line) or
 *   `request_method` + `request_uri`/`uri`, `status`, `body_bytes_sent`/`bytes_sent`,
 *   `request_time` (seconds). Values may be strings or numbers.
 */
import type { LogRecord } from "../record.ts";
import { type ParseStatus, SKIP } from "./parse_status.ts";
import { parseClfTimestamp } from "./clf_timestamp.ts";
import { NO_PATH, pathOf, sectionOf } from "./section.ts";

/** A parsed JSON object. */
type Json = Record<string, unknown>;

/** The last date string parsed and its value: a log repeats its second on many lines. */
export interface DateCache {
  text: string;
  value: number;
}

/** Returns a JSON-lines parser. */
export function jsonParser(): (line: string, out: LogRecord) => ParseStatus {
  return parseJsonLine;
}

/** Parses one JSON access-log line into `out`. */
export function parseJsonLine(line: string, out: LogRecord, dates?: DateCache): ParseStatus {
  const text = line.trim();
  if (text === "") return SKIP;
  if (text.charCodeAt(0) !== 123) return "not a JSON object";
  let o: Json;
  try {
    o = JSON.parse(text);
  } catch {
    return "bad JSON";
  }
  if (o === null || typeof o !== "object" || Array.isArray(o)) return "not a JSON object";
  return recordFromJson(o, out, dates);
}

/**
 * Fills `out` from the parsed object `o` (what parseJsonLine does past JSON.parse); `dates` keeps the
 * last date string's value.
 */
function recordFromJson(o: Json, out: LogRecord, dates?: DateCache): ParseStatus {
  const req = isObject(o.request) ? o.request : undefined;

  const time = timeOf(o, dates);
  if (!Number.isFinite(time)) return "no timestamp";
  const status = int(o.status ?? o.DownstreamStatus ?? o.OriginStatus);
  if (status < 100 || status > 999) return "no status";

  let method = str(req?.method ?? o.request_method ?? o.RequestMethod);
  let target = str(req?.uri ?? o.request_uri ?? o.uri ?? o.RequestPath);
  if (typeof o.request === "string") {
    // nginx's $request: "GET /path HTTP/1.1" (as split(" ") would read it, without the array).
    const request = o.request;
    const sp = request.indexOf(" ");
    if (sp < 0) method ??= request;
    else {
      method ??= request.slice(0, sp);
      const sp2 = request.indexOf(" ", sp + 1);
      target ??= sp2 < 0 ? request.slice(sp + 1) : request.slice(sp + 1, sp2);
    }
  }
  const path = target === undefined ? NO_PATH : pathOf(target);
  const bytes = int(o.size ?? o.body_bytes_sent ?? o.bytes_sent ?? o.DownstreamContentSize ?? 0);

  out.time = Math.floor(time);
  out.host =
    str(req?.client_ip ?? req?.remote_ip ?? o.remote_addr ?? o.ClientHost ?? o.client_ip) ??
      "-";
  out.user = str(o.remote_user ?? o.ClientUsername ?? o.user_id) || "-";
  out.method = method ?? "-";
  out.path = path;
  out.section = sectionOf(path);
  out.status = status;
  out.bytes = bytes >= 0 ? bytes : 0;
  out.duration = durationOf(o);
  return null;
}

/** Unix seconds from whichever time key the server wrote, or NaN. */
function timeOf(o: Json, dates?: DateCache): number {
  if (typeof o.ts === "number") return o.ts;
  if (o.msec !== undefined) return Number(o.msec);
  for (const key of TIME_KEYS) {
    const v = o[key];
    if (typeof v === "string") {
      if (dates === undefined) return Date.parse(v) / 1000;
      if (v !== dates.text) {
        dates.text = v;
        dates.value = Date.parse(v) / 1000;
      }
      return dates.value;
    }
    if (typeof v === "number") return v > 1e11 ? v / 1000 : v; // milliseconds or seconds
  }
  if (typeof o.time_local === "string") return parseClfTimestamp(o.time_local);
  return NaN;
}

/** The keys that may hold the time, in the order they are asked. */
const TIME_KEYS = ["time_iso8601", "StartUTC", "time", "timestamp", "@timestamp", "StartLocal"];

/** Seconds taken, from Caddy's `duration` (s), nginx's `request_time` (s), Traefik's `Duration` (ns). */
function durationOf(o: Json): number {
  if (o.Duration !== undefined) return Number(o.Duration) / 1e9;
  const v = o.duration ?? o.request_time;
  return v === undefined || v === "" || v === "-" ? NaN : Number(v);
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function int(v: unknown): number {
  const n = typeof v === "number"
    ? v
    : typeof v === "string" && v !== "" && v !== "-"
    ? Number(v)
    : NaN;
  return Number.isInteger(n) ? n : v === "-" ? 0 : -1;
}
