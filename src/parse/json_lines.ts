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
 * Every key {@linkcode recordFromJson} reads at the top level of a line's object: a reader of the
 * bytes (json_bytes.ts) hands it an object of just these. A test watches it read no other.
 */
export const READ_KEYS: readonly string[] = [
  "request",
  "ts",
  "msec",
  "time_iso8601",
  "StartUTC",
  "time",
  "timestamp",
  "@timestamp",
  "StartLocal",
  "time_local",
  "status",
  "DownstreamStatus",
  "OriginStatus",
  "request_method",
  "RequestMethod",
  "request_uri",
  "uri",
  "RequestPath",
  "size",
  "body_bytes_sent",
  "bytes_sent",
  "DownstreamContentSize",
  "remote_addr",
  "ClientHost",
  "client_ip",
  "remote_user",
  "ClientUsername",
  "user_id",
  "Duration",
  "duration",
  "request_time",
];

/**
 * An object of READ_KEYS holding `values` (by the keys' order; undefined for a key not on the line,
 * which recordFromJson reads as it reads a key that is not there). Written out, not built in a loop:
 * objects of one shape keep recordFromJson's property reads monomorphic.
 */
export function readObject(values: readonly unknown[]): Json {
  return {
    request: values[0],
    ts: values[1],
    msec: values[2],
    time_iso8601: values[3],
    StartUTC: values[4],
    time: values[5],
    timestamp: values[6],
    "@timestamp": values[7],
    StartLocal: values[8],
    time_local: values[9],
    status: values[10],
    DownstreamStatus: values[11],
    OriginStatus: values[12],
    request_method: values[13],
    RequestMethod: values[14],
    request_uri: values[15],
    uri: values[16],
    RequestPath: values[17],
    size: values[18],
    body_bytes_sent: values[19],
    bytes_sent: values[20],
    DownstreamContentSize: values[21],
    remote_addr: values[22],
    ClientHost: values[23],
    client_ip: values[24],
    remote_user: values[25],
    ClientUsername: values[26],
    user_id: values[27],
    Duration: values[28],
    duration: values[29],
    request_time: values[30],
  };
}

/** The keys the host is taken from when `request` is not an object, in the order they are asked. */
export const HOST_KEYS: readonly string[] = ["remote_addr", "ClientHost", "client_ip"];

/**
 * The keys besides `request` that give the method or the target: when none is there, both come
 * from the `request` string alone.
 */
export const REQUEST_PART_KEYS: readonly string[] = [
  "request_method",
  "RequestMethod",
  "request_uri",
  "uri",
  "RequestPath",
];

/**
 * Fills `out` from the parsed object `o` (what parseJsonLine does past JSON.parse); `dates` keeps the
 * last date string's value.
 */
export function recordFromJson(o: Json, out: LogRecord, dates?: DateCache): ParseStatus {
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
