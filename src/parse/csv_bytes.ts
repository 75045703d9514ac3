/**
 * The fast path for the exercise CSV: the same rules as csv.ts, read straight from the bytes of the
 * log, without a string per line. Fields are found as byte ranges; hosts, methods and sections are
 * interned into the run's dictionaries (one shared string, and an id, per distinct value), as the
 * Combined byte parser does. The rare line that holds a byte outside ASCII (where csv.ts trims
 * Unicode spaces) or a doubled quote inside a quoted field (whose value is not its bytes) is decoded
 * and handed to csv.ts itself. A property test holds the two to the same results.
 */
import { newRecord } from "../record.ts";
import { type ByteParser, type ByteRecord, fillFromText } from "./byte_record.ts";
import { indexOf, isTrimSpace, textStart } from "./ascii_bytes.ts";
import { parseCsv } from "./csv.ts";
import { Interner } from "./interner.ts";
import { type ParseStatus, SKIP } from "./parse_status.ts";
import { setRequest, setWholeAsMethod } from "./request_bytes.ts";
import { RunDictionary } from "./run_dictionary.ts";

const FIELDS = 7;
// The line's BOM is skipped before any decoding (textStart): what is decoded keeps any other.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const REMOTEHOST = new TextEncoder().encode("remotehost");
const DATE = new TextEncoder().encode("date");

/** Parses exercise-CSV lines from bytes. */
export class CsvByteParser implements ByteParser {
  readonly hosts: Interner;
  readonly methods: Interner;
  readonly sections: Interner;
  readonly #users = new Interner(4096);
  /** Each field's byte range in the line being parsed. */
  readonly #from = new Int32Array(FIELDS);
  readonly #to = new Int32Array(FIELDS);
  /** For the lines handed to csv.ts. */
  readonly #slowFields: string[] = new Array(FIELDS).fill("");
  readonly #slowRecord = newRecord();

  /** Creates a parser that interns hosts, methods and sections into `dictionary`. */
  constructor(dictionary: RunDictionary = new RunDictionary()) {
    this.hosts = dictionary.hosts;
    this.methods = dictionary.methods;
    this.sections = dictionary.sections;
  }

  /** Parses the line `buf[start, end)` (no newline) into `out`. */
  parse(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus {
    start = textStart(buf, start, end);
    let len = end;
    if (len > start && buf[len - 1] === CR) len--;
    let blank = true;
    for (let i = start; i < end; i++) {
      const c = buf[i];
      if (c >= 0x80) return this.#slow(buf, start, end, out);
      if (blank && !isTrimSpace(c)) blank = false;
    }
    if (blank) return SKIP;

    const from = this.#from, to = this.#to;
    let n = 0;
    let i = start;
    while (true) {
      let a: number, b: number;
      if (i < len && buf[i] === QUOTE) {
        const q = indexOf(buf, QUOTE, i + 1, len);
        if (q < 0) return "bad quoting";
        // A doubled quote: the value is not the bytes (csv.ts unescapes it).
        if (q + 1 < len && buf[q + 1] === QUOTE) return this.#slow(buf, start, end, out);
        a = i + 1;
        b = q;
        i = q + 1;
        if (i < len && buf[i] !== COMMA) return "bad quoting";
      } else {
        let c = indexOf(buf, COMMA, i, len);
        if (c < 0) c = len;
        a = i;
        b = c;
        while (a < b && isTrimSpace(buf[a])) a++;
        while (b > a && isTrimSpace(buf[b - 1])) b--;
        i = c;
      }
      if (n < FIELDS) {
        from[n] = a;
        to[n] = b;
      }
      n++;
      if (i >= len) break;
      i++; // the comma
    }
    if (n !== FIELDS) return "wrong field count";
    if (same(buf, from[0], to[0], REMOTEHOST) && same(buf, from[3], to[3], DATE)) return SKIP;

    const time = wholeNumber(buf, from[3], to[3]);
    if (time < 0) return "bad timestamp";
    const status = wholeNumber(buf, from[5], to[5]);
    if (status < 100 || status > 999 || to[5] - from[5] !== 3) return "bad status";
    const b6 = from[6], e6 = to[6];
    const bytes = e6 === b6 || (e6 - b6 === 1 && buf[b6] === DASH) ? 0 : wholeNumber(buf, b6, e6);
    if (bytes < 0) return "bad bytes";
    if (to[0] === from[0]) return "no host";

    out.time = time;
    const hosts = this.hosts;
    out.host = hosts.value(out.hostId = hosts.intern(buf, from[0], to[0]));
    out.user = to[2] === from[2] ? "-" : this.#users.get(buf, from[2], to[2]);
    out.status = status;
    out.bytes = bytes;
    out.duration = NaN;
    const rs = from[4], re = to[4];
    // A request with no space, or one only at its start, is all method (csv.ts: `sp <= 0`).
    const sp = indexOf(buf, SPACE, rs, re);
    if (sp <= rs) setWholeAsMethod(buf, rs, re, out, this);
    else setRequest(buf, rs, re, out, this);
    return null;
  }

  /** A line csv.ts decodes: its results, with the ids of the run's dictionaries. */
  #slow(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus {
    const r = this.#slowRecord;
    const status = parseCsv(decoder.decode(buf.subarray(start, end)), r, this.#slowFields);
    if (status !== null) return status;
    fillFromText(r, out, this);
    return null;
  }
}

/** True when `buf[from, to)` is `word`. */
function same(buf: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[from + i] !== word[i]) return false;
  return true;
}

/** The decimal digits `buf[from, to)` (1 to 15 of them) as a number, or -1. */
function wholeNumber(buf: Uint8Array, from: number, to: number): number {
  if (to === from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const QUOTE = 34, COMMA = 44, CR = 13, SPACE = 32, DASH = 45;
