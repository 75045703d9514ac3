/** The W3C parser answers as the plain split-based one it replaced, on real and damaged lines. */
import { deepEqual } from "node:assert/strict";
import fc from "fast-check";
import { w3cParser } from "../../src/parse/w3c.ts";
import { type LogRecord, newRecord } from "../../src/record.ts";
import { type ParseStatus, SKIP } from "../../src/parse/parse_status.ts";
import { NO_PATH, pathOf, sectionOf } from "../../src/parse/section.ts";

const FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username " +
  "c-ip cs(User-Agent) sc-status sc-bytes time-taken";
const LINES = [
  FIELDS,
  "#Fields: date time cs-method cs-uri sc-status",
  "2019-02-07 21:10:59 10.0.0.1 GET /api/user - 443 - 10.0.0.2 Mozilla/5.0 200 1234 15",
  "2019-02-07 21:11:00 10.0.0.1 POST /a/b?x - 443 bob 10.0.0.3 curl/8 404 - -",
  "2019-02-07 21:11:00 GET /x/y 200",
  "2019-02-08 00:00:00.5 GET / 500",
];

const line = fc.oneof(
  fc.constantFrom(...LINES),
  fc.tuple(fc.constantFrom(...LINES), fc.nat(), fc.string({ maxLength: 4 })).map(
    ([l, at, junk]) => l.slice(0, at % (l.length + 1)) + junk + l.slice(at % (l.length + 1)),
  ),
  fc.tuple(fc.constantFrom(...LINES), fc.nat(), fc.nat(3)).map(([l, at, n]) =>
    l.slice(0, at % (l.length + 1)) + l.slice((at % (l.length + 1)) + n)
  ),
);

Deno.test("w3cParser() answers as the split-based parser on every run of lines", () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
      const fast = w3cParser();
      const slow = referenceW3c();
      for (const l of lines) {
        const a = newRecord(), b = newRecord();
        const sa = fast(l, a), sb = slow(l, b);
        deepEqual(sa, sb, l);
        if (sa === null) deepEqual(a, b, l);
      }
    }),
    { numRuns: 3000 },
  );
});

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

// The parser as it was before the field scan (split per line), kept as the reference.
function referenceW3c(): (line: string, out: LogRecord) => ParseStatus {
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
