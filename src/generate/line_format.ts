/**
 * Writes a synthetic request as a log line in each format the monitor reads, with the display time
 * zone's real UTC offset (TZ respected, daylight saving included) — never a hard-coded one.
 */
import type { FormatName } from "../record.ts";
import type { SyntheticRequest } from "./site_model.ts";

/** The exercise CSV's header line. */
export const CSV_HEADER = '"remotehost","rfc931","authuser","date","request","status","bytes"';

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
    const clf = `${req.host} - ${req.user} [${this.#stamp(req.time)}] "${request}" ${req.status} ${
      req.bytes === 0 ? "-" : req.bytes
    }`;
    if (this.format === "clf") return clf;
    return `${clf} "${req.referer}" "${req.userAgent}"`;
  }

  #stamp(time: number): string {
    if (time !== this.#lastTime) {
      this.#lastTime = time;
      this.#lastStamp = clfTimestamp(time);
    }
    return this.#lastStamp;
  }
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
