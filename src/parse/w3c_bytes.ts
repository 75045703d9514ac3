/**
 * The fast path for W3C (IIS) logs: the same rules as w3c.ts, read straight from the bytes of the
 * log. Fields are found as byte ranges between single spaces; host, method and section are interned
 * into the run's dictionaries, as the Combined byte parser does; the date is decoded only when its
 * bytes change, the clock read from its digits. The rare line or field that plain bytes do not
 * settle — a byte outside ASCII (w3c.ts trims Unicode spaces), a number in a form `Number()` reads
 * (`2e2`, `+200`, `200.0`) — is decoded and handed to w3c.ts, which reads every `#Fields:` directive
 * too, so both always agree on the columns. A property test holds the two to the same results.
 */
import { newRecord } from "../record.ts";
import { type ByteParser, type ByteRecord, fillFromText } from "./byte_record.ts";
import { isTrimSpace, textStart } from "./ascii_bytes.ts";
import { Interner } from "./interner.ts";
import { type ParseStatus, SKIP } from "./parse_status.ts";
import { setTarget } from "./request_bytes.ts";
import { RunDictionary } from "./run_dictionary.ts";
import { NO_PATH } from "./section.ts";
import { type Columns, readFields, w3cParser } from "./w3c.ts";

// The line's BOM is skipped before any decoding (textStart): what is decoded keeps any other.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const FIELDS_DIRECTIVE = new TextEncoder().encode("#Fields:");
const NO_PATH_BYTES = new TextEncoder().encode(NO_PATH);
const DATE = /^\d{4}-\d\d-\d\d$/;

/** Parses W3C lines from bytes. */
export class W3cByteParser implements ByteParser {
  readonly hosts: Interner;
  readonly methods: Interner;
  readonly sections: Interner;
  readonly #users = new Interner(4096);
  /** w3c.ts, for what bytes do not settle; it sees every directive. */
  #text = w3cParser();
  readonly #textRecord = newRecord();
  #columns: Columns | undefined;
  /** Where field k starts (k ≤ count) and, at k + 1, one past its separator. */
  #starts = new Int32Array(32);
  readonly #lastDate = new Uint8Array(10);
  #lastDateLength = -1;
  #lastDateSeconds = NaN;

  /** Creates a parser that interns hosts, methods and sections into `dictionary`. */
  constructor(dictionary: RunDictionary = new RunDictionary()) {
    this.hosts = dictionary.hosts;
    this.methods = dictionary.methods;
    this.sections = dictionary.sections;
  }

  /**
   * Starts over as if `directive` (a `#Fields:` line) were the last line read, or none had been: a
   * worker's region of a file begins mid-way, under the directive before it.
   */
  startAt(directive: string | undefined): void {
    this.#text = w3cParser();
    this.#columns = undefined;
    if (directive === undefined) return;
    this.#text(directive, this.#textRecord);
    this.#columns = readFields(directive.slice(8));
  }

  /** Parses the line `buf[start, end)` (no newline) into `out`. */
  parse(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus {
    start = textStart(buf, start, end);
    // As the text path hands w3c.ts its line: one carriage return cut off.
    if (end > start && buf[end - 1] === CR) end--;
    if (end > start && buf[start] === HASH) {
      const line = decoder.decode(buf.subarray(start, end));
      if (startsWith(buf, start, end, FIELDS_DIRECTIVE)) this.#columns = readFields(line.slice(8));
      return this.#text(line, this.#textRecord); // SKIP; and w3c.ts reads the directive too
    }
    // The text's end without trailing spaces (trimEnd, within ASCII).
    let len = end;
    while (len > start && isTrimSpace(buf[len - 1])) len--;
    if (len === start) return SKIP;
    const columns = this.#columns;
    const count = columns?.count ?? 0;
    let starts = this.#starts;
    if (starts.length < count + 2) starts = this.#starts = new Int32Array(count + 2);
    // One pass: where each field starts (as split(" ") cuts them), and whether all is ASCII.
    let n = 0, high = 0;
    starts[0] = start;
    for (let i = start; i < len; i++) {
      const c = buf[i];
      high |= c;
      if (c === SPACE && ++n < count) starts[n] = i + 1;
    }
    if (high >= 0x80) return this.#slow(buf, start, end, out);
    if (columns === undefined) return "no #Fields directive";
    if (n + 1 !== count) return "wrong field count";
    starts[n + 1] = len + 1;
    if (columns.date < 0 || columns.time < 0 || columns.status < 0) {
      return "no date, time or status";
    }

    const time = this.#date(buf, starts[columns.date], starts[columns.date + 1] - 1) +
      clockSeconds(buf, starts[columns.time], starts[columns.time + 1] - 1);
    if (!Number.isFinite(time)) return "bad timestamp";
    const status = this.#number(buf, starts[columns.status], starts[columns.status + 1] - 1);
    if (!Number.isInteger(status) || status < 100 || status > 999) return "bad status";
    let bytes = 0;
    if (columns.bytes >= 0) {
      const b = starts[columns.bytes], e = starts[columns.bytes + 1] - 1;
      if (!(e - b === 1 && buf[b] === DASH)) bytes = this.#number(buf, b, e);
    }
    if (!Number.isInteger(bytes) || bytes < 0) return "bad bytes";
    let duration = NaN;
    if (columns.timeTaken >= 0) {
      const b = starts[columns.timeTaken], e = starts[columns.timeTaken + 1] - 1;
      if (!(e - b === 1 && buf[b] === DASH)) duration = this.#number(buf, b, e) / 1000;
    }

    out.time = time;
    const hosts = this.hosts, methods = this.methods;
    if (columns.host < 0) out.host = hosts.value(out.hostId = hosts.internString("-"));
    else {
      const b = starts[columns.host], e = starts[columns.host + 1] - 1;
      out.host = hosts.value(out.hostId = hosts.intern(buf, b, e));
    }
    out.user = columns.user < 0
      ? "-"
      : this.#users.get(buf, starts[columns.user], starts[columns.user + 1] - 1);
    if (columns.method < 0) out.method = methods.value(out.methodId = methods.internString("-"));
    else {
      const b = starts[columns.method], e = starts[columns.method + 1] - 1;
      out.method = methods.value(out.methodId = methods.intern(buf, b, e));
    }
    if (columns.path < 0) {
      out.path = NO_PATH;
      const sections = this.sections;
      out.section = sections.value(
        out.sectionId = sections.intern(NO_PATH_BYTES, 0, NO_PATH_BYTES.length),
      );
    } else setTarget(buf, starts[columns.path], starts[columns.path + 1] - 1, out, this);
    out.status = status;
    out.bytes = bytes;
    out.duration = duration;
    return null;
  }

  /** Seconds of the date `buf[from, to)` at midnight UTC, decoded only when it changed; or NaN. */
  #date(buf: Uint8Array, from: number, to: number): number {
    const last = this.#lastDate;
    const len = to - from;
    if (len === this.#lastDateLength) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (buf[from + i] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.#lastDateSeconds;
    }
    const date = decoder.decode(buf.subarray(from, to));
    const seconds = DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) / 1000 : NaN;
    // Only a date of its usual ten bytes is kept to compare with the next.
    if (len <= last.length) {
      last.set(buf.subarray(from, to));
      this.#lastDateLength = len;
      this.#lastDateSeconds = seconds;
    }
    return seconds;
  }

  /** `Number()` of the field `buf[from, to)`: plain digits from the bytes, anything else decoded. */
  #number(buf: Uint8Array, from: number, to: number): number {
    if (to > from && to - from <= 15) {
      let n = 0;
      let i = from;
      for (; i < to; i++) {
        const d = buf[i] - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
      if (i === to) return n;
    }
    return Number(decoder.decode(buf.subarray(from, to)));
  }

  /** A line w3c.ts decodes: its results, with the ids of the run's dictionaries. */
  #slow(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus {
    const r = this.#textRecord;
    const status = this.#text(decoder.decode(buf.subarray(start, end)), r);
    if (status !== null) return status;
    fillFromText(r, out, this);
    return null;
  }
}

/** Seconds since midnight for a clock `HH:MM:SS…` in `buf[from, to)` (fractions ignored), or NaN. */
function clockSeconds(buf: Uint8Array, from: number, to: number): number {
  if (to - from < 8 || buf[from + 2] !== COLON || buf[from + 5] !== COLON) return NaN;
  const h = two(buf, from), m = two(buf, from + 3), s = two(buf, from + 6);
  return h > 23 || m > 59 || s > 60 ? NaN : h * 3600 + m * 60 + s;
}

/** Two decimal digits at `at`, or NaN. */
function two(buf: Uint8Array, at: number): number {
  const a = buf[at] - 48, b = buf[at + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

function startsWith(buf: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from < word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[from + i] !== word[i]) return false;
  return true;
}

const HASH = 35, CR = 13, SPACE = 32, DASH = 45, COLON = 58;
