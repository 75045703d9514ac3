/**
 * Custom formats, so that a user with their own `log_format` is never stuck: an nginx `log_format`
 * string (`$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent …`) or an
 * Apache `LogFormat` string (`%h %l %u %t \"%r\" %>s %b …`) is compiled once into an anchored regular
 * expression whose groups fill the record. Variables monilog does not use still match their text.
 */
import type { LogRecord } from "../record.ts";
import { type ParseStatus, SKIP } from "./parse_status.ts";
import { ClfTimestampParser } from "./clf_timestamp.ts";
import { NO_PATH, pathOf, sectionOf } from "./section.ts";

/** What a variable fills. */
type Role =
  | "host"
  | "user"
  | "clfTime"
  | "isoTime"
  | "epochTime"
  | "request"
  | "method"
  | "path"
  | "status"
  | "bytes"
  | "seconds"
  | "millis"
  | "micros"
  | "ignore";

interface Piece {
  literal?: string;
  role?: Role;
  /** The regular expression its value matches. */
  pattern?: string;
}

/** Raised for a format string that cannot be used; the message says why. */
export class LogFormatError extends Error {
  override name = "LogFormatError";
}

const NGINX: Record<string, [Role, string]> = {
  remote_addr: ["host", "(\\S+)"],
  remote_user: ["user", "(\\S+)"],
  time_local: ["clfTime", "(\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})"],
  time_iso8601: ["isoTime", "(\\S+)"],
  msec: ["epochTime", "(\\d+(?:\\.\\d+)?)"],
  request: ["request", "(.*?)"],
  request_method: ["method", "(\\S+)"],
  request_uri: ["path", "(\\S+)"],
  uri: ["path", "(\\S+)"],
  status: ["status", "(\\d{3})"],
  body_bytes_sent: ["bytes", "(\\d+|-)"],
  bytes_sent: ["bytes", "(\\d+|-)"],
  request_time: ["seconds", "(\\d+(?:\\.\\d+)?|-)"],
};

const APACHE: Record<string, [Role, string]> = {
  h: ["host", "(\\S+)"],
  a: ["host", "(\\S+)"],
  u: ["user", "(\\S+)"],
  t: ["clfTime", "\\[(\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})\\]"],
  r: ["request", "(.*?)"],
  m: ["method", "(\\S+)"],
  U: ["path", "(\\S+)"],
  s: ["status", "(\\d{3})"],
  ">s": ["status", "(\\d{3})"],
  "<s": ["status", "(\\d{3})"],
  b: ["bytes", "(\\d+|-)"],
  B: ["bytes", "(\\d+)"],
  O: ["bytes", "(\\d+)"],
  D: ["micros", "(\\d+)"],
  T: ["seconds", "(\\d+(?:\\.\\d+)?)"],
  "{ms}T": ["millis", "(\\d+)"],
  "{us}T": ["micros", "(\\d+)"],
  "{s}T": ["seconds", "(\\d+)"],
};

/** Splits an nginx or Apache format string into literals and variables. */
export function tokenizeLogFormat(format: string): Piece[] {
  const apache = /%[<>]?(\{[^}]*\})?[a-zA-Z%]/.test(format);
  const text = apache ? format.replace(/\\"/g, '"') : format;
  const pieces: Piece[] = [];
  const re = apache ? /%([<>]?(?:\{[^}]*\})?[a-zA-Z%])/g : /\$(?:\{(\w+)\}|(\w+))/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) pieces.push({ literal: text.slice(last, m.index) });
    last = m.index! + m[0].length;
    if (apache && m[1] === "%") {
      pieces.push({ literal: "%" });
      continue;
    }
    const name = apache ? m[1] : (m[1] ?? m[2]);
    const known = apache ? APACHE[name] : NGINX[name];
    pieces.push(
      known ? { role: known[0], pattern: known[1] } : { role: "ignore", pattern: "(.*?)" },
    );
  }
  if (last < text.length) pieces.push({ literal: text.slice(last) });
  return pieces;
}

/** Compiles `format` into a parser; throws LogFormatError when it lacks a time or a status. */
export function logFormatParser(format: string): (line: string, out: LogRecord) => ParseStatus {
  const pieces = tokenizeLogFormat(format);
  const roles = pieces.filter((p) => p.role !== undefined).map((p) => p.role!);
  if (!roles.some((r) => r === "clfTime" || r === "isoTime" || r === "epochTime")) {
    throw new LogFormatError(
      "it has no time ($time_local, $time_iso8601 or $msec for nginx; %t for Apache)",
    );
  }
  if (!roles.includes("status")) {
    throw new LogFormatError("it has no status ($status for nginx; %s or %>s for Apache)");
  }
  const last = pieces.length - 1;
  const source = pieces.map((p, i) =>
    p.literal !== undefined
      ? p.literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      : i === last && p.pattern === "(.*?)"
      ? "(.*)"
      : p.pattern
  ).join("");
  const re = new RegExp(`^${source}\\s*$`);
  const timestamps = new ClfTimestampParser();
  return (line, out) => {
    if (line.trim() === "") return SKIP;
    const m = re.exec(line);
    if (m === null) return "does not match --log-format";
    let time = NaN, status = -1, bytes = 0, duration = NaN;
    let method = "-", path = "/", host = "-", user = "-";
    for (let i = 0; i < roles.length; i++) {
      const v = m[i + 1];
      switch (roles[i]) {
        case "host":
          host = v;
          break;
        case "user":
          user = v;
          break;
        case "clfTime":
          time = timestamps.parse(v);
          break;
        case "isoTime":
          time = Math.floor(Date.parse(v) / 1000);
          break;
        case "epochTime":
          time = Math.floor(Number(v));
          break;
        case "request": {
          const [m0, t] = v.split(" ");
          method = m0 || "-";
          path = t === undefined ? NO_PATH : pathOf(t);
          break;
        }
        case "method":
          method = v;
          break;
        case "path":
          path = pathOf(v);
          break;
        case "status":
          status = Number(v);
          break;
        case "bytes":
          bytes = v === "-" ? 0 : Number(v);
          break;
        case "seconds":
          duration = v === "-" ? NaN : Number(v);
          break;
        case "millis":
          duration = Number(v) / 1000;
          break;
        case "micros":
          duration = Number(v) / 1e6;
          break;
      }
    }
    if (!Number.isFinite(time)) return "bad timestamp";
    out.time = time;
    out.host = host;
    out.user = user;
    out.method = method;
    out.path = path;
    out.section = sectionOf(path);
    out.status = status;
    out.bytes = bytes;
    out.duration = duration;
    return null;
  };
}
