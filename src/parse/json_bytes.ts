/**
 * JSON lines as a byte parser, read by json_lines.ts's rules (the keys each server uses) in one of two
 * ways, with the same answers:
 * - A line json_scan.ts is sure of (one object whose read values are plain strings, numbers and
 *   literals: nginx's lines, Traefik's) is read from its bytes: recordFromJson is handed an object of
 *   only the read keys (a string decoded only when it is not the last line's: a date, a user
 *   repeat), and the host and the request line are read as bytes into the run's dictionaries, as
 *   Combined's are. The user agent and the referer are checked, never decoded: a one-pass replay
 *   of a million nginx lines takes 0.61x the time it took through JSON.parse.
 * - Any other line (Caddy's nested `request`, an escape in a read value, a syntax error) is decoded
 *   and parsed by parseJsonLine (JSON.parse), which gives the exact answer or error.
 * The date string's value is kept while the lines repeat it (Date.parse once a second, not once a
 * line), and host, method and section get their ids in the run's dictionaries, so that the engine
 * counts by id and a parallel replay sends small integers. A property test holds it to parseJsonLine.
 */
import { type LogRecord, newRecord } from "../record.ts";
import type { ByteParser, ByteRecord } from "./byte_record.ts";
import { textStart } from "./ascii_bytes.ts";
import type { Interner } from "./interner.ts";
import {
  type DateCache,
  HOST_KEYS,
  parseJsonLine,
  READ_KEYS,
  readObject,
  recordFromJson,
  REQUEST_PART_KEYS,
} from "./json_lines.ts";
import { ABSENT, FALSE, JsonObjectScan, NULL, NUMBER, STRING, TRUE } from "./json_scan.ts";
import type { ParseStatus } from "./parse_status.ts";
import { RunDictionary } from "./run_dictionary.ts";
import { setRequest } from "./request_bytes.ts";

const REQUEST = READ_KEYS.indexOf("request");
const HOSTS = HOST_KEYS.map((k) => READ_KEYS.indexOf(k));
const REQUEST_PARTS = REQUEST_PART_KEYS.map((k) => READ_KEYS.indexOf(k));
/** By read key: 1 for the host keys, which are read from bytes, not handed to recordFromJson. */
const IS_HOST = new Uint8Array(READ_KEYS.length);
for (const k of HOSTS) IS_HOST[k] = 1;

// The line's BOM is skipped before any decoding (textStart): what is decoded keeps any other.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Parses JSON lines from bytes. */
export class JsonByteParser implements ByteParser {
  readonly hosts: Interner;
  readonly methods: Interner;
  readonly sections: Interner;
  readonly #dates: DateCache = { text: "", value: NaN };
  readonly #record = newRecord();
  // Lines repeat their method and their site's few sections: comparing two short strings costs less
  // than hashing a fresh one into the dictionary's map.
  readonly #methodIds: LastId;
  readonly #sectionIds: LastId;
  readonly #scan = new JsonObjectScan(READ_KEYS);
  /** The values of the read keys on the line, by key (undefined: not there). */
  readonly #values: unknown[] = new Array(READ_KEYS.length).fill(undefined);
  /**
   * By read key, its last string value, and that value's bytes (KEPT_BYTES a key, -1: none kept): a
   * date, a user repeat line after line.
   */
  readonly #keptStrings: string[] = new Array(READ_KEYS.length).fill("");
  readonly #keptBytes = new Uint8Array(READ_KEYS.length * KEPT_BYTES);
  readonly #keptLength = new Int32Array(READ_KEYS.length).fill(-1);

  /** Creates a parser that interns hosts, methods and sections into `dictionary`. */
  constructor(dictionary: RunDictionary = new RunDictionary()) {
    this.hosts = dictionary.hosts;
    this.methods = dictionary.methods;
    this.sections = dictionary.sections;
    this.#methodIds = new LastId(this.methods);
    this.#sectionIds = new LastId(this.sections);
  }

  /** Parses the line `buf[start, end)` (no newline) into `out`. */
  parse(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus {
    start = textStart(buf, start, end);
    // As the text path hands json_lines.ts its line: one carriage return cut off.
    if (end > start && buf[end - 1] === CR) end--;
    const scan = this.#scan;
    if (scan.scan(buf, start, end) && scan.plain) return this.#fromBytes(buf, out);
    const r = this.#record;
    const status = parseJsonLine(decoder.decode(buf.subarray(start, end)), r, this.#dates);
    if (status !== null) return status;
    this.#fill(r, out);
    out.host = r.host;
    out.hostId = this.hosts.internString(r.host);
    this.#fillRequest(r, out);
    return null;
  }

  /** `out`'s fields but host and request from `r`, the record recordFromJson filled. */
  #fill(r: LogRecord, out: ByteRecord): void {
    out.time = r.time;
    out.user = r.user;
    out.status = r.status;
    out.bytes = r.bytes;
    out.duration = r.duration;
  }

  /** `out`'s method, path and section from `r`, with their ids. */
  #fillRequest(r: LogRecord, out: ByteRecord): void {
    out.method = r.method;
    out.methodId = this.#methodIds.of(r.method);
    out.path = r.path;
    out.section = r.section;
    out.sectionId = this.#sectionIds.of(r.section);
  }

  /** The line just scanned, read from its bytes. */
  #fromBytes(buf: Uint8Array, out: ByteRecord): ParseStatus {
    const scan = this.#scan;
    // The request line alone gives method and target: read as bytes, as Combined's is. Anything
    // else (no request, an empty one, a separate method or URI) is left to recordFromJson.
    let bytesRequest = scan.kind(REQUEST) === STRING && scan.end(REQUEST) > scan.start(REQUEST);
    for (let p = 0; bytesRequest && p < REQUEST_PARTS.length; p++) {
      if (scan.kind(REQUEST_PARTS[p]) !== ABSENT) bytesRequest = false;
    }
    const values = this.#values;
    for (let n = 0; n < scan.seenCount; n++) {
      const k = scan.seen(n);
      if (IS_HOST[k] === 1 || (k === REQUEST && bytesRequest)) continue;
      values[k] = this.#value(buf, k);
    }
    const o = readObject(values);
    for (let n = 0; n < scan.seenCount; n++) values[scan.seen(n)] = undefined;
    const r = this.#record;
    const status = recordFromJson(o, r, this.#dates);
    if (status !== null) return status;
    this.#fill(r, out);
    this.#host(buf, out);
    if (bytesRequest) setRequest(buf, scan.start(REQUEST), scan.end(REQUEST), out, this);
    else this.#fillRequest(r, out);
    return null;
  }

  /**
   * The host as recordFromJson takes it when `request` is not an object: the first of HOST_KEYS
   * that is there and not null, as a string (a number written out; true or false: "-").
   */
  #host(buf: Uint8Array, out: ByteRecord): void {
    const scan = this.#scan;
    const hosts = this.hosts;
    for (const k of HOSTS) {
      const kind = scan.kind(k);
      if (kind === ABSENT || kind === NULL) continue;
      if (kind === STRING) {
        out.host = hosts.value(out.hostId = hosts.intern(buf, scan.start(k), scan.end(k)));
        return;
      }
      if (kind === NUMBER) {
        const text = String(this.#number(buf, scan.start(k), scan.end(k)));
        out.host = hosts.value(out.hostId = hosts.internString(text));
        return;
      }
      break;
    }
    out.host = hosts.value(out.hostId = hosts.internString("-"));
  }

  /** The string `buf[from, to)` of read key `k`: the last line's, when its bytes are the same. */
  #string(buf: Uint8Array, k: number, from: number, to: number): string {
    const len = to - from;
    const at = k * KEPT_BYTES;
    const kept = this.#keptBytes;
    if (this.#keptLength[k] === len) {
      let i = 0;
      while (i < len && kept[at + i] === buf[from + i]) i++;
      if (i === len) return this.#keptStrings[k];
    }
    const value = decoder.decode(buf.subarray(from, to));
    // Only short values are kept to compare with the next line's (a request line changes anyway);
    // copied by hand into the one buffer: an ArrayBuffer a change would cost more than a decode.
    if (len <= KEPT_BYTES) {
      for (let i = 0; i < len; i++) kept[at + i] = buf[from + i];
      this.#keptLength[k] = len;
      this.#keptStrings[k] = value;
    } else this.#keptLength[k] = -1;
    return value;
  }

  /** The value of read key `k` on the line scanned, as JSON.parse gives it. */
  #value(buf: Uint8Array, k: number): unknown {
    const scan = this.#scan;
    switch (scan.kind(k)) {
      case STRING:
        return this.#string(buf, k, scan.start(k), scan.end(k));
      case NUMBER:
        return this.#number(buf, scan.start(k), scan.end(k));
      case TRUE:
        return true;
      case FALSE:
        return false;
      case NULL:
        return null;
    }
    throw new Error(`json_bytes: read key ${READ_KEYS[k]} has no plain value`);
  }

  /**
   * The JSON number `buf[from, to)` (json_scan.ts checked its grammar), as JSON.parse gives it. Up to
   * 15 digits, some of them a fraction, it is digits / 10^fraction: both are exact doubles (10^k is
   * up to k = 22) and IEEE division rounds correctly, so this is the correctly rounded value
   * JSON.parse gives too (Clinger's fast path). Exponents and longer numbers are read by Number().
   */
  #number(buf: Uint8Array, from: number, to: number): number {
    let i = from;
    const negative = buf[i] === MINUS;
    if (negative) i++;
    let n = 0, digits = 0, fraction = -1;
    for (; i < to; i++) {
      const c = buf[i];
      if (c === DOT) {
        fraction = 0;
        continue;
      }
      const d = c - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
      digits++;
      if (fraction >= 0) fraction++;
    }
    if (i === to && digits <= 15) {
      const value = fraction > 0 ? n / POW10[fraction] : n;
      return negative ? -value : value;
    }
    return Number(String.fromCharCode.apply(null, buf.subarray(from, to) as unknown as number[]));
  }
}

/** 10^0 … 10^15: the fractions the fast path divides by (10^k is an exact double up to k = 22). */
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));
const MINUS = 45, DOT = 46;
/** The longest string value kept to compare with the next line's. */
const KEPT_BYTES = 64;

/** The id in `interner` of the value given, remembered for the last value. */
class LastId {
  #value: string | undefined;
  #id = -1;

  constructor(private readonly interner: Interner) {}

  of(value: string): number {
    if (value !== this.#value) {
      this.#id = this.interner.internString(value);
      this.#value = value;
    }
    return this.#id;
  }
}

const CR = 13;
