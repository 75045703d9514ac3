/**
 * What the byte parsers (clf_bytes.ts, csv_bytes.ts) fill and share: a record read straight from the
 * bytes of the log, with the ids of its host, method and section in the run's dictionaries, and the
 * interface the line processor and the region parser drive them through.
 */
import type { LogRecord } from "../record.ts";
import type { Interner } from "./interner.ts";
import type { ParseStatus } from "./parse_status.ts";

// A path's bytes decoded alone: a BOM at their start would belong to the path.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const EMPTY = new Uint8Array(0);

/**
 * A record filled from bytes. Its `path` is decoded on first read, from the bytes of the line being
 * parsed: like every field of a reused record, it is valid until the next line is parsed. Host, method
 * and section also come with their ids in the parser's dictionaries (-1: a value past their bound).
 */
export class ByteRecord implements LogRecord {
  time = 0;
  host = "";
  vhost = "";
  file = "";
  hostId = -1;
  user = "-";
  method = "-";
  methodId = -1;
  section = "/";
  sectionId = -1;
  status = 0;
  bytes = 0;
  duration = NaN;
  #buf: Uint8Array = EMPTY;
  #pathStart = 0;
  #pathEnd = 0;
  #path: string | undefined = "/";

  /** The request path (decoded lazily). */
  get path(): string {
    return this.#path ??= decoder.decode(this.#buf.subarray(this.#pathStart, this.#pathEnd));
  }

  set path(value: string) {
    this.#path = value;
  }

  /** Points the path at `buf[start, end)`. */
  pathAt(buf: Uint8Array, start: number, end: number): void {
    this.#buf = buf;
    this.#pathStart = start;
    this.#pathEnd = end;
    this.#path = undefined;
  }
}

/** The dictionaries of a byte parser: the values behind a ByteRecord's ids. */
export interface ByteDictionaries {
  readonly hosts: Interner;
  readonly methods: Interner;
  readonly sections: Interner;
}

/**
 * Fills `out` from a record a text parser filled (a line the bytes alone did not settle), with the
 * ids of its host, method and section in `d`.
 */
export function fillFromText(r: LogRecord, out: ByteRecord, d: ByteDictionaries): void {
  out.time = r.time;
  out.host = r.host;
  out.hostId = d.hosts.internString(r.host);
  out.user = r.user;
  out.method = r.method;
  out.methodId = d.methods.internString(r.method);
  out.path = r.path;
  out.section = r.section;
  out.sectionId = d.sections.internString(r.section);
  out.status = r.status;
  out.bytes = r.bytes;
  out.duration = r.duration;
}

/** A parser of one format's lines from bytes. */
export interface ByteParser extends ByteDictionaries {
  /** Parses the line `buf[start, end)` (no newline) into `out`. */
  parse(buf: Uint8Array, start: number, end: number, out: ByteRecord): ParseStatus;
}
