/**
 * The one record type every pipeline stage shares: a parsed request.
 *
 * Parsers fill a caller-owned record in place instead of returning a new object per line, because parsing
 * is the hottest code in the program and a replay of millions of lines should not churn the garbage
 * collector. A consumer that keeps a record must copy the fields it needs.
 */
export interface LogRecord {
  /** Log time in unix seconds (UTC), whole seconds. */
  time: number;
  /** Client address (remote host). */
  host: string;
  /** The virtual host that served it (Apache's vhost formats), "" when the format has none. */
  vhost: string;
  /** The log it came from, with `--by file` (several logs); "" otherwise. */
  file: string;
  /** Authenticated user, `-` when absent. */
  user: string;
  /** HTTP method, `-` when the request line was unparseable (e.g. `"-"`). */
  method: string;
  /** Request path without query string; an absolute URL is reduced to its path. */
  path: string;
  /** Path up to, not including, its second `/` (`/pages/create` → `/pages`). */
  section: string;
  /** HTTP status code. */
  status: number;
  /** Response size in bytes; `-` in the log counts as 0. */
  bytes: number;
  /** Time taken to serve the request, in seconds; NaN when the format does not carry it. */
  duration: number;
  /**
   * The ids of `host`, `method` and `section` in the run's key dictionary, when the parser has one
   * (the byte parser interns them anyway): the engine then counts them by id, a typed-array increment
   * instead of a hash lookup of the string. -1: count by the string.
   */
  hostId: number;
  methodId: number;
  sectionId: number;
}

/** Returns a blank record for a parser to fill. */
export function newRecord(): LogRecord {
  return {
    time: 0,
    host: "",
    vhost: "",
    file: "",
    user: "-",
    method: "-",
    path: "/",
    section: "/",
    status: 0,
    bytes: 0,
    duration: NaN,
    hostId: -1,
    methodId: -1,
    sectionId: -1,
  };
}

/**
 * The log formats monilog reads and writes: Common, Combined, Apache's vhost_common and
 * vhost_combined (Common and Combined led by the virtual host, `%v:%p`, Debian's default for virtual
 * hosts), the exercise CSV, W3C Extended (as IIS writes it) and JSON lines (as nginx, Caddy and Traefik
 * write them).
 */
export const FORMATS = [
  "clf",
  "combined",
  "vhost_common",
  "vhost_combined",
  "csv",
  "w3c",
  "json",
] as const;

/** True for the formats whose lines begin with the virtual host. */
export function hasVhost(format: FormatName): boolean {
  return format === "vhost_common" || format === "vhost_combined";
}

/** Name of a log format. */
export type FormatName = typeof FORMATS[number];
