/**
 * Writes a synthetic request as a log line in each format the monitor reads, with the display time
 * zone's real UTC offset (TZ respected, daylight saving included) — never a hard-coded one.
 */
import type { FormatName } from "../record.ts";
import type { SyntheticRequest } from "./site_model.ts";

/** The exercise CSV's header line. */
export const CSV_HEADER = '"remotehost","rfc931","authuser","date","request","status","bytes"';

/** The columns written for W3C Extended, as IIS's default set. */
export const W3C_FIELDS =
  "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip " +
  "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken";

/** What a new (or emptied) file of `format` starts with, if anything; `time` dates W3C's header. */
export function headerFor(format: FormatName, time: number): string | undefined {
  if (format === "csv") return CSV_HEADER;
  if (format === "w3c") {
    return `#Software: monilog generate\n#Version: 1.0\n#Date: ${w3cDateTime(time)}\n` +
      `#Fields: ${W3C_FIELDS}`;
  }
  return undefined;
}

/** Formats requests as lines; keeps the last second's timestamp text, since most lines share it. */
export class LineFormatter {
  #lastTime = NaN;
  #lastStamp = "";

  /** Creates a formatter for `format`. */
  constructor(readonly format: FormatName) {}

  /** Returns the line for `req`, without a newline. */
  line(req: SyntheticRequest): string {
    const request = `${req.method} ${req.path} HTTP/1.1`;
    if (this.format === "csv") {
      return `"${req.host}","-","${req.user}",${req.time},"${request}",${req.status},${req.bytes}`;
    }
    if (this.format === "w3c") return w3cLine(req);
    if (this.format === "json") return jsonLine(req, request);
    const clf = `${req.host} - ${req.user} [${this.#stamp(req.time)}] "${request}" ${req.status} ${
      req.bytes === 0 ? "-" : req.bytes
    }`;
    if (this.format === "clf") return clf;
    if (this.format === "vhost_common") return `${vhostOf(req)} ${clf}`;
    const combined = `${clf} "${req.referer}" "${req.userAgent}"`;
    return this.format === "vhost_combined" ? `${vhostOf(req)} ${combined}` : combined;
  }

  #stamp(time: number): string {
    if (time !== this.#lastTime) {
      this.#lastTime = time;
      this.#lastStamp = clfTimestamp(time);
    }
    return this.#lastStamp;
  }
}

/** The site's virtual hosts, as Apache's `%v:%p` writes them. */
const VHOSTS = ["www.example.com:443", "api.example.com:443", "static.example.com:80"];

/** The virtual host that serves `req`: the API's, the static files', or the main site's. */
function vhostOf(req: SyntheticRequest): string {
  if (req.path.startsWith("/api")) return VHOSTS[1];
  if (req.path.startsWith("/static") || req.path.startsWith("/images")) return VHOSTS[2];
  return VHOSTS[0];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `10/Oct/2000:13:55:36 -0700` for unix seconds `time`, in the display time zone. */
export function clfTimestamp(time: number): string {
  const date = new Date(time * 1000);
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  const abs = Math.abs(offset);
  return `${p(local.getUTCDate())}/${MONTHS[local.getUTCMonth()]}/${local.getUTCFullYear()}:` +
    `${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} ` +
    `${offset < 0 ? "-" : "+"}${p(Math.floor(abs / 60))}${p(abs % 60)}`;
}

/** `2026-01-01 00:00:00` in UTC, as W3C logs write time. */
function w3cDateTime(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** One IIS-style line; spaces inside a value become `+`, as IIS writes them. */
function w3cLine(req: SyntheticRequest): string {
  const q = req.path.indexOf("?");
  const stem = q < 0 ? req.path : req.path.slice(0, q);
  const query = q < 0 ? "-" : req.path.slice(q + 1);
  const v = (text: string) => (text === "" ? "-" : text.replaceAll(" ", "+"));
  return [
    w3cDateTime(req.time),
    "10.0.0.1",
    req.method,
    stem,
    v(query),
    "443",
    v(req.user),
    req.host,
    v(req.userAgent),
    v(req.referer),
    String(req.status),
    "0",
    "0",
    String(req.bytes),
    String(Math.round(req.duration * 1000)),
  ].join(" ");
}

/** One JSON line with the keys of nginx variables (a `log_format … escape=json`). */
function jsonLine(req: SyntheticRequest, request: string): string {
  return JSON.stringify({
    time_iso8601: new Date(req.time * 1000).toISOString().replace(".000Z", "+00:00"),
    remote_addr: req.host,
    remote_user: req.user,
    request,
    status: req.status,
    body_bytes_sent: req.bytes,
    request_time: req.duration,
    http_referer: req.referer,
    http_user_agent: req.userAgent,
  });
}
