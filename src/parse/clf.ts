/**
 * Common and Combined Log Format:
 * `host ident authuser [dd/Mon/yyyy:HH:MM:SS +zzzz] "METHOD target PROTO" status bytes` then, for
 * Combined, ` "referer" "user-agent"` and possibly more fields, which are not needed for the statistics
 * and are accepted as they come (a user-agent cut short without its closing quote is still a valid
 * request). Scans with indexOf and charCodeAt: this is the hottest code in the program.
 */
import type { LogRecord } from "../record.ts";
import { ClfTimestampParser } from "./clf_timestamp.ts";
import type { ParseStatus } from "./parse_status.ts";
import { SKIP } from "./parse_status.ts";
import { methodAt, NO_PATH, setTarget } from "./section.ts";

/** Returns a CLF/Combined parser with its own timestamp cache. */
export function clfParser(): (line: string, out: LogRecord) => ParseStatus {
  const timestamps = new ClfTimestampParser();
  return (line, out) => parseClf(line, out, timestamps);
}

/**
 * Returns a parser for Apache's vhost_common and vhost_combined: the virtual host (`%v:%p`, kept as
 * it is written) then a Common or Combined line.
 */
export function vhostParser(): (line: string, out: LogRecord) => ParseStatus {
  const timestamps = new ClfTimestampParser();
  return (line, out) => {
    const sp = line.indexOf(" ");
    if (sp <= 0) return isBlank(line, line.length) ? SKIP : "no fields";
    const status = parseClf(line.slice(sp + 1), out, timestamps);
    if (status === null) out.vhost = line.slice(0, sp);
    return status;
  };
}

/** Parses one CLF or Combined line into `out`. */
export function parseClf(
  line: string,
  out: LogRecord,
  timestamps: ClfTimestampParser,
): ParseStatus {
  let len = line.length;
  if (len > 0 && line.charCodeAt(len - 1) === CR) len--;
  if (len === 0 || isBlank(line, len)) return SKIP;

  const sp1 = line.indexOf(" ");
  if (sp1 <= 0) return "no fields";
  const sp2 = line.indexOf(" ", sp1 + 1);
  if (sp2 < 0) return "no fields";
  const lb = line.indexOf("[", sp2 + 1);
  // ident is one token without "["; authuser runs to the " [" that opens the time.
  if (lb < 0 || lb <= sp2 + 1 || line.charCodeAt(lb - 1) !== SPACE || sp2 === sp1 + 1) {
    return "missing ident or user";
  }
  if (line.lastIndexOf("[", sp2) > sp1) return "missing ident or user";
  const rb = lb + 27;
  if (rb >= len || line.charCodeAt(rb) !== RBRACKET) return "bad timestamp";
  const time = timestamps.parse(line.slice(lb + 1, rb));
  if (time !== time) return "bad timestamp"; // NaN
  if (line.charCodeAt(rb + 1) !== SPACE || line.charCodeAt(rb + 2) !== QUOTE) return "no request";

  const reqStart = rb + 3;
  const reqEnd = closingQuote(line, reqStart, len);
  if (reqEnd < 0) return "unterminated request";
  if (line.charCodeAt(reqEnd + 1) !== SPACE) return "no status";

  // Status: exactly three digits.
  const st = reqEnd + 2;
  const d0 = line.charCodeAt(st) - 48,
    d1 = line.charCodeAt(st + 1) - 48,
    d2 = line.charCodeAt(st + 2) - 48;
  if (!(d0 >= 1 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9)) return "bad status";
  if (line.charCodeAt(st + 3) !== SPACE) return "bad status";

  // Bytes: digits or "-", then the end of the line or a space before Combined's fields.
  let i = st + 4;
  let bytes = 0;
  if (line.charCodeAt(i) === DASH) {
    i++;
  } else {
    const from = i;
    for (let c = line.charCodeAt(i) - 48; c >= 0 && c <= 9; c = line.charCodeAt(++i) - 48) {
      bytes = bytes * 10 + c;
    }
    if (i === from) return "bad bytes";
  }
  if (i < len && line.charCodeAt(i) !== SPACE) return "bad bytes";

  out.time = time;
  out.host = line.slice(0, sp1);
  // Most requests are anonymous: share one "-" rather than cut a new string for it.
  out.user = lb - 1 === sp2 + 2 && line.charCodeAt(sp2 + 1) === DASH
    ? "-"
    : line.slice(sp2 + 1, lb - 1);
  out.status = d0 * 100 + d1 * 10 + d2;
  out.bytes = bytes;
  out.duration = NaN;
  setRequest(line, reqStart, reqEnd, out);
  return null;
}

/** Fills method, path and section from the request line `line[from, to)`. */
function setRequest(line: string, from: number, to: number, out: LogRecord): void {
  const sp = line.indexOf(" ", from);
  if (sp < 0 || sp >= to) {
    // "-" (no request) or a lone token: no target to take a path from.
    out.method = from === to ? "-" : line.slice(from, to);
    out.path = out.section = NO_PATH;
    return;
  }
  out.method = methodAt(line, from, sp);
  const sp2 = line.indexOf(" ", sp + 1);
  setTarget(line, sp + 1, sp2 < 0 || sp2 > to ? to : sp2, out);
}

/** Index of the quote closing a field that starts at `from`, skipping `\"`; -1 if there is none. */
function closingQuote(line: string, from: number, len: number): number {
  let q = line.indexOf('"', from);
  while (q > 0 && q < len && line.charCodeAt(q - 1) === BACKSLASH && !evenBackslashes(line, q)) {
    q = line.indexOf('"', q + 1);
  }
  return q >= len ? -1 : q;
}

/** True when the run of backslashes before `q` has even length (so the quote is not escaped). */
function evenBackslashes(line: string, q: number): boolean {
  let n = 0;
  for (let i = q - 1; i >= 0 && line.charCodeAt(i) === BACKSLASH; i--) n++;
  return n % 2 === 0;
}

function isBlank(line: string, len: number): boolean {
  for (let i = 0; i < len; i++) {
    const c = line.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

const SPACE = 32, TAB = 9, CR = 13, QUOTE = 34, DASH = 45, RBRACKET = 93, BACKSLASH = 92;
