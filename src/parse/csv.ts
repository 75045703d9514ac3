/**
 * The exercise CSV: `"remotehost","rfc931","authuser","date","request","status","bytes"` with `date` in
 * unix seconds, e.g. `"10.0.0.2","-","apache",1549573860,"GET /api/user HTTP/1.0",200,1234`. Fields may
 * be quoted (with `""` for a quote inside) or bare. The header line is skipped, not counted as invalid.
 */
import type { LogRecord } from "../record.ts";
import type { ParseStatus } from "./parse_status.ts";
import { SKIP } from "./parse_status.ts";
import { NO_PATH, pathOf, sectionOf } from "./section.ts";

const FIELDS = 7;

/** Returns a CSV parser with its own scratch space. */
export function csvParser(): (line: string, out: LogRecord) => ParseStatus {
  const fields: string[] = new Array(FIELDS).fill("");
  return (line, out) => parseCsv(line, out, fields);
}

/** Parses one exercise-CSV line into `out`, using `fields` as scratch. */
export function parseCsv(line: string, out: LogRecord, fields: string[]): ParseStatus {
  let len = line.length;
  if (len > 0 && line.charCodeAt(len - 1) === CR) len--;
  if (line.trim() === "") return SKIP;
  const count = splitCsv(line, len, fields);
  if (count !== FIELDS) return count < 0 ? "bad quoting" : "wrong field count";
  if (fields[0] === "remotehost" && fields[3] === "date") return SKIP;

  const time = wholeNumber(fields[3]);
  if (time < 0) return "bad timestamp";
  const status = wholeNumber(fields[5]);
  if (status < 100 || status > 999 || fields[5].length !== 3) return "bad status";
  const rawBytes = fields[6];
  const bytes = rawBytes === "-" || rawBytes === "" ? 0 : wholeNumber(rawBytes);
  if (bytes < 0) return "bad bytes";
  if (fields[0] === "") return "no host";

  const request = fields[4];
  const sp = request.indexOf(" ");
  out.time = time;
  out.host = fields[0];
  out.user = fields[2] === "" ? "-" : fields[2];
  out.status = status;
  out.bytes = bytes;
  out.duration = NaN;
  if (sp <= 0) {
    out.method = request === "" ? "-" : request;
    out.path = out.section = NO_PATH;
  } else {
    out.method = request.slice(0, sp);
    const sp2 = request.indexOf(" ", sp + 1);
    const path = pathOf(sp2 < 0 ? request.slice(sp + 1) : request.slice(sp + 1, sp2));
    out.path = path;
    out.section = sectionOf(path);
  }
  return null;
}

/**
 * Splits `line[0, len)` into `fields`; returns the field count (stopping counting past the expected
 * number), or -1 when a quoted field is not closed properly.
 */
function splitCsv(line: string, len: number, fields: string[]): number {
  let n = 0;
  let i = 0;
  while (true) {
    let value: string;
    if (line.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let escaped = false;
      while (true) {
        const q = line.indexOf('"', j);
        if (q < 0 || q >= len) return -1;
        if (line.charCodeAt(q + 1) === QUOTE && q + 1 < len) {
          escaped = true;
          j = q + 2;
          continue;
        }
        value = line.slice(i + 1, q);
        if (escaped) value = value.replaceAll('""', '"');
        i = q + 1;
        break;
      }
      if (i < len && line.charCodeAt(i) !== COMMA) return -1;
    } else {
      let c = line.indexOf(",", i);
      if (c < 0 || c > len) c = len;
      value = line.slice(i, c).trim();
      i = c;
    }
    if (n < FIELDS) fields[n] = value;
    n++;
    if (i >= len) return n;
    i++; // the comma
  }
}

/** Parses a string of decimal digits, or returns -1. */
function wholeNumber(text: string): number {
  if (text.length === 0 || text.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const QUOTE = 34, COMMA = 44, CR = 13;
