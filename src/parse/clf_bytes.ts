/**
 * The fast path for Common and Combined: the same rules as clf.ts, read straight from the bytes of the
 * log, without a string per line. Hosts, users, methods and sections come from interners (one shared
 * string per distinct value); the timestamp's 26 bytes are compared with the previous line's and parsed
 * only when they differ; the path is decoded only if someone reads it. The results are identical to
 * clf.ts — a property test holds the two against each other.
 */
import { clfHourValue, minuteSecond } from "./clf_timestamp.ts";
import { Interner } from "./interner.ts";
import { RunDictionary } from "./run_dictionary.ts";
import { type ParseStatus, SKIP } from "./parse_status.ts";
import type { ByteParser, ByteRecord } from "./byte_record.ts";
import { RequestMarks, scanQuoted, setMarkedRequest } from "./request_bytes.ts";
import { indexOf, textStart } from "./ascii_bytes.ts";

const decoder = new TextDecoder();
const ZERO_MINUTE = new TextEncoder().encode("00:00");

/** Parses CLF/Combined lines from bytes. */
export class ClfByteParser implements ByteParser {
  readonly hosts: Interner;
  readonly #users = new Interner(4096);
  readonly methods: Interner;
  readonly sections: Interner;
  readonly #lastStamp = new Uint8Array(26);
  #lastStampValid = false;
  #lastTime = NaN;
  /** The last stamp with its minute and second at `00:00`, and its value. */
  readonly #hourStamp = new Uint8Array(26);
  #hourValue = NaN;
  /** Where the request line's parts lie, found on the way to its closing quote. */
  readonly #marks = new RequestMarks();

  /** The virtual hosts of the vhost formats (undefined for Common and Combined). */
  readonly #vhosts: Interner | undefined;

  /**
   * Creates a parser that interns hosts, methods and sections into `dictionary`; with `vhost`, for
   * Apache's vhost_common and vhost_combined, whose lines begin with the virtual host.
   */
  constructor(dictionary: RunDictionary = new RunDictionary(), options: { vhost?: boolean } = {}) {
    this.hosts = dictionary.hosts;
    this.methods = dictionary.methods;
    this.sections = dictionary.sections;
    if (options.vhost) this.#vhosts = new Interner(4096);
  }

  /** Parses the line `buf[start, end)` (no newline) into `out`. */
  parse(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus {
    start = textStart(buf, start, end);
    let len = end;
    if (len > start && buf[len - 1] === CR) len--;
    if (isBlank(buf, start, len)) return SKIP;
    const vhosts = this.#vhosts;
    if (vhosts !== undefined) {
      const sp = indexOf(buf, SPACE, start, len);
      if (sp <= start) return "no fields";
      out.vhost = vhosts.value(vhosts.intern(buf, start, sp));
      start = sp + 1;
    }

    const sp1 = indexOf(buf, SPACE, start, len);
    if (sp1 <= start) return "no fields";
    const sp2 = indexOf(buf, SPACE, sp1 + 1, len);
    if (sp2 < 0) return "no fields";
    const lb = indexOf(buf, LBRACKET, sp2 + 1, len);
    if (lb < 0 || lb <= sp2 + 1 || buf[lb - 1] !== SPACE || sp2 === sp1 + 1) {
      return "missing ident or user";
    }
    if (indexOf(buf, LBRACKET, sp1 + 1, sp2 + 1) >= 0) return "missing ident or user";
    const rb = lb + 27;
    if (rb >= len || buf[rb] !== RBRACKET) return "bad timestamp";
    const time = this.#timestamp(buf, lb + 1);
    if (time !== time) return "bad timestamp";
    if (buf[rb + 1] !== SPACE || buf[rb + 2] !== QUOTE) return "no request";

    const reqStart = rb + 3;
    const marks = this.#marks;
    const reqEnd = scanQuoted(buf, reqStart, len, marks);
    if (reqEnd < 0) return "unterminated request";
    if (buf[reqEnd + 1] !== SPACE) return "no status";

    const st = reqEnd + 2;
    const d0 = buf[st] - 48, d1 = buf[st + 1] - 48, d2 = buf[st + 2] - 48;
    if (!(d0 >= 1 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9)) return "bad status";
    if (st + 3 >= len || buf[st + 3] !== SPACE) return "bad status";

    let i = st + 4;
    let bytes = 0;
    if (i < len && buf[i] === DASH) {
      i++;
    } else {
      const from = i;
      for (; i < len; i++) {
        const c = buf[i] - 48;
        if (c < 0 || c > 9) break;
        bytes = bytes * 10 + c;
      }
      if (i === from) return "bad bytes";
    }
    if (i < len && buf[i] !== SPACE) return "bad bytes";

    out.time = time;
    const hosts = this.hosts;
    out.host = hosts.value(out.hostId = hosts.intern(buf, start, sp1));
    out.user = lb - 1 === sp2 + 2 && buf[sp2 + 1] === DASH
      ? "-"
      : this.#users.get(buf, sp2 + 1, lb - 1);
    out.status = d0 * 100 + d1 * 10 + d2;
    out.bytes = bytes;
    out.duration = NaN;
    setMarkedRequest(buf, reqStart, reqEnd, marks, out, this);
    return null;
  }

  /**
   * The stamp `buf[at, at + 26)` in unix seconds. A stamp equal to the last costs a comparison; one of
   * the same hour (date, hour and offset: bytes 0–14 and 20–25) costs its minute and second; only a new
   * hour is decoded and parsed (clf_timestamp.ts explains why the split is exact).
   */
  #timestamp(buf: Uint8Array, at: number): number {
    const last = this.#lastStamp;
    let k = 25;
    if (this.#lastStampValid) {
      // The seconds change first: compare from the end.
      while (k >= 0 && buf[at + k] === last[k]) k--;
      if (k < 0) return this.#lastTime;
    }
    if (k < 15 || k > 19 || !sameBytes(buf, at, last, 14)) {
      // A new hour (or the first stamp): parse its start, with the minute and second at zero.
      last.set(buf.subarray(at, at + 26));
      this.#lastStampValid = true;
      const hour = this.#hourStamp;
      hour.set(last);
      hour.set(ZERO_MINUTE, 15);
      this.#hourValue = clfHourValue(decoder.decode(hour));
    } else {
      for (let j = 15; j <= k; j++) last[j] = buf[at + j];
    }
    return this.#lastTime = this.#hourValue +
      minuteSecond(last[15], last[16], last[17], last[18], last[19]);
  }
}

/** Whether `buf[at, at + n]` equals `other[0, n]` (n included). */
function sameBytes(buf: Uint8Array, at: number, other: Uint8Array, n: number): boolean {
  for (let j = n; j >= 0; j--) if (buf[at + j] !== other[j]) return false;
  return true;
}

function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== SPACE && buf[i] !== TAB) return false;
  return true;
}

const SPACE = 32, TAB = 9, CR = 13, QUOTE = 34, DASH = 45, LBRACKET = 91, RBRACKET = 93;
