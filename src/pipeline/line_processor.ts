/**
 * The step that processes one line, kept apart from the loop that feeds lines (mtail's lesson): format
 * detection on the first lines, parsing into one reused record, and handing records or failures to the
 * engine. It is the consumer every source delivers to (one way in: bytes, or rows a parallel replay's
 * workers parsed), and it counts what it was given for the views. The arrival time comes from the
 * clock passed in, read once per burst of lines.
 */
import { type FormatName, FORMATS, hasVhost, newRecord } from "../record.ts";
import type { MonitorEngine } from "../core/engine.ts";
import type { Clock } from "../clock.ts";
import { detectFormat, type LineParser, parserFor, SKIP } from "../parse/mod.ts";
import { ClfByteParser } from "../parse/clf_bytes.ts";
import { CsvByteParser } from "../parse/csv_bytes.ts";
import { W3cByteParser } from "../parse/w3c_bytes.ts";
import { JsonByteParser } from "../parse/json_bytes.ts";
import { type ByteParser, ByteRecord } from "../parse/byte_record.ts";
import type { RunDictionary } from "../parse/run_dictionary.ts";
import {
  type BatchDictionaries,
  type RecordBatch,
  ROW_INVALID,
  ROW_RECORD,
} from "../replay/record_batch.ts";
import type { RegionPlanSpec, RowConsumer } from "../replay/replay_file.ts";
import type { SourceNotice } from "../source/source_options.ts";
import { escapeControl } from "../sinks/escape.ts";

const decoder = new TextDecoder();

/** `auto` or a format name. */
export type FormatChoice = "auto" | FormatName;

/** Lines looked at before auto-detection gives up and says the file matches no format. */
export const DETECT_MAX_LINES = 20;
/** Lines gathered before detection is tried without waiting for the end of a read. */
export const DETECT_MIN_LINES = 5;

/** Raised when `auto` cannot recognise the log's format. */
export class UnknownFormatError extends Error {
  override name = "UnknownFormatError";
}

/** Raised when a format the user named accepts none of the log's first lines. */
export class ForcedFormatError extends Error {
  override name = "ForcedFormatError";
}

/** Lines a named format is judged on: none accepted of the first JUDGE_NONE is an error. */
const JUDGE_NONE = 20;
/** …and rejecting most of the first JUDGE_MOST is worth a word. */
const JUDGE_MOST = 1000;

/** What a processor is built with. */
export interface ProcessorOptions {
  format: FormatChoice;
  /** A parser compiled from --log-format (takes precedence over `format`), and its source text. */
  custom?: { parser: LineParser; logFormat: string };
  engine: MonitorEngine;
  /** The run's dictionary, the one the engine names ids with. */
  dictionary: RunDictionary;
  clock: Clock;
  /**
   * The logs read, by source index (it grows as files are opened): names the file of an over-long
   * line a worker dropped, and each record's file with `byFile`.
   */
  paths: readonly string[];
  /** Count each request for the file it came from (`--by file`). */
  byFile?: boolean;
  /** Hears which format `auto` chose. */
  onDetect?: (format: FormatName) => void;
  /** Hears every source notice (after an over-long line has been counted as invalid). */
  onNotice?: (notice: SourceNotice) => void;
  /** Hears a warning worth one line on standard error (a named format rejecting most lines). */
  onWarning?: (text: string) => void;
}

/** How a named format fares on the log's first lines. */
interface Judgement {
  seen: number;
  accepted: number;
  /** The first line it rejected, escaped and cut for a message. */
  firstRejected: string | undefined;
}

/** Parses lines and feeds the engine. */
export class LineProcessor implements RowConsumer {
  readonly #o: ProcessorOptions;
  readonly #engine: MonitorEngine;
  readonly #record = newRecord();
  /** Rows of batches fill their own record: they carry key ids, which text lines must not inherit. */
  readonly #batchRecord = newRecord();
  #parser: LineParser | undefined;
  /** The fast path, for the formats that have a byte parser (Common, Combined). */
  #byteParser: ByteParser | undefined;
  readonly #byteRecord = new ByteRecord();
  #format: FormatName | undefined;
  /** Lines held while the format is still unknown (copies: the source's buffer is reused). */
  #held: Uint8Array[] = [];
  #heldNonEmpty = 0;
  /** Records handed to the engine so far. */
  #records = 0;
  #lines = 0;
  #bytes = 0;
  /** Set while a format the user named is judged on the first lines. */
  #judging: Judgement | undefined;
  /** The clock reading of the current burst of lines (read at its first line). */
  #arrival = 0;
  #fresh = false;

  constructor(options: ProcessorOptions) {
    this.#o = options;
    this.#engine = options.engine;
    if (options.custom !== undefined) this.#parser = options.custom.parser;
    else if (options.format !== "auto") this.#use(options.format);
    if (this.#parser !== undefined) {
      this.#judging = { seen: 0, accepted: 0, firstRejected: undefined };
    }
  }

  /** "--format csv" or "--log-format": the user's name for the format in use. */
  #named(): string {
    return this.#o.custom !== undefined ? "--log-format" : `--format ${this.#o.format}`;
  }

  /** Judges a named format on a line it parsed (`ok`) or rejected. */
  #judge(ok: boolean, bytes: Uint8Array, start: number, end: number): void {
    const j = this.#judging!;
    j.seen++;
    if (ok) j.accepted++;
    else {j.firstRejected ??= escapeControl(
        decoder.decode(bytes.subarray(start, Math.min(end, start + 200))),
      );}
    if (j.seen === JUDGE_NONE && j.accepted === 0) this.#rejectAll();
    if (j.seen === JUDGE_MOST) {
      if (j.accepted * 2 < j.seen) {
        this.#o.onWarning?.(
          `${this.#named()} rejected ${j.seen - j.accepted} of the first ${j.seen} lines; ` +
            `is it the log's format? (the first rejected: ${j.firstRejected})`,
        );
      }
      this.#judging = undefined;
    }
  }

  #rejectAll(): never {
    const j = this.#judging!;
    throw new ForcedFormatError(
      `${this.#named()} accepts none of the first ${j.seen === 1 ? "line" : `${j.seen} lines`} ` +
        `of the log; the first is: ${j.firstRejected}`,
    );
  }

  /** The format in use, once known. */
  get format(): FormatName | undefined {
    return this.#format;
  }

  /** Lines read so far (records, invalid lines, blank lines and headers). */
  get lines(): number {
    return this.#lines;
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Machine time of the current burst of lines. */
  #now(): number {
    if (!this.#fresh) {
      this.#arrival = this.#o.clock.now();
      this.#fresh = true;
    }
    return this.#arrival;
  }

  /** True while lines are held to detect the format: they are in no checkpoint yet. */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  /** Machine time of the last line read (for --idle-timeout); undefined before the first. */
  get lastLineAt(): number | undefined {
    return this.#lines > 0 ? this.#arrival : undefined;
  }

  /** Handles one line, `bytes[start, end)` (valid only during the call). */
  line(source: number, bytes: Uint8Array, start: number, end: number): void {
    if (this.#o.byFile) this.#byteRecord.file = this.#record.file = this.#o.paths[source] ?? "";
    this.#parse(bytes, start, end, this.#now(), ++this.#lines);
  }

  /** Parses line number `n`, which arrived at `now`. */
  #parse(bytes: Uint8Array, start: number, end: number, now: number, n: number): void {
    const fast = this.#byteParser;
    if (fast !== undefined) {
      const status = fast.parse(bytes, start, end, this.#byteRecord);
      if (status === null) {
        this.#records++;
        this.#engine.add(this.#byteRecord, now, n);
      } else if (status !== SKIP) this.#engine.addInvalid(now);
      if (this.#judging !== undefined && status !== SKIP) {
        this.#judge(status === null, bytes, start, end);
      }
      return;
    }
    const parser = this.#parser;
    if (parser === undefined) {
      this.#hold(bytes.slice(start, end));
      return;
    }
    const e = end > start && bytes[end - 1] === CR ? end - 1 : end;
    const record = this.#record;
    const status = parser(decoder.decode(bytes.subarray(start, e)), record);
    if (status === null) this.#engine.add(record, now, n);
    else if (status !== SKIP) this.#engine.addInvalid(now);
    if (this.#judging !== undefined && status !== SKIP) {
      this.#judge(status === null, bytes, start, e);
    }
  }

  /** Handles rows a worker parsed exactly as {@linkcode line} would have handled their lines. */
  rows(source: number, batch: RecordBatch, dictionaries: BatchDictionaries): void {
    const record = this.#batchRecord;
    if (this.#o.byFile) record.file = this.#o.paths[source] ?? "";
    const engine = this.#engine;
    const kind = batch.kind;
    // One clock reading for a whole region.
    this.#fresh = false;
    const now = this.#now();
    // Blank lines and headers leave no row: past the first region, line numbers may run short.
    const first = this.#lines + 1;
    this.#lines += batch.rows;
    for (let i = 0; i < batch.rows; i++) {
      const k = kind[i];
      if (k === ROW_RECORD) {
        dictionaries.fill(batch, i, record);
        engine.add(record, now, first + i);
      } else if (k === ROW_INVALID) engine.addInvalid(now);
      else this.notice({ kind: "oversized", path: this.#o.paths[source] ?? "" });
    }
  }

  /** An over-long line is a bad line like any other: counted in "invalid", in its place. */
  notice(notice: SourceNotice): void {
    if (notice.kind === "oversized") this.#engine.addInvalid(this.#now());
    this.#o.onNotice?.(notice);
  }

  bytesRead(_source: number, n: number): void {
    this.#bytes += n;
  }

  /** A burst of reading ended: detect from what is held, if anything; read the clock afresh next. */
  endBatch(): void {
    this.#fresh = false;
    if (this.#parser === undefined && this.#heldNonEmpty > 0) this.#detect(false);
  }

  /** The machine clock moved on (the loop's tick): the next line reads it afresh. */
  tick(): void {
    this.#fresh = false;
  }

  /** End of input: the held lines are all there will be; a named format that took none fails. */
  finish(): void {
    if (this.#parser === undefined && this.#heldNonEmpty > 0) this.#detect(true);
    const j = this.#judging;
    if (j !== undefined && j.seen > 0 && j.accepted === 0) this.#rejectAll();
  }

  /**
   * How a parallel replay may parse the regions after the first: undefined while the format is
   * unknown, and when the records so far brought more distinct hosts and sections than half their
   * number (a log of a new client or path on most lines: workers would hand back a new string on most
   * rows, and cost more than they save). Byte formats' workers translate into the run's dictionary.
   */
  regionSpec(): RegionPlanSpec | undefined {
    const custom = this.#o.custom;
    if (custom !== undefined) return { spec: { logFormat: custom.logFormat } };
    const format = this.#format;
    if (format === undefined) return undefined;
    const p = this.#byteParser;
    if (p === undefined) return { spec: { format } };
    if (p.hosts.size + p.sections.size > this.#records / 2) return undefined;
    return { spec: { format }, keys: this.#o.dictionary };
  }

  #hold(copy: Uint8Array): void {
    this.#held.push(copy);
    if (decoder.decode(copy).trim() !== "") this.#heldNonEmpty++;
    if (this.#heldNonEmpty >= DETECT_MIN_LINES) this.#detect(false);
  }

  #detect(final: boolean): void {
    const lines = this.#held.map((b) => {
      const e = b.length > 0 && b[b.length - 1] === CR ? b.length - 1 : b.length;
      return decoder.decode(b.subarray(0, e));
    });
    const format = detectFormat(lines);
    if (format === undefined) {
      if (final || this.#heldNonEmpty >= DETECT_MAX_LINES) {
        throw new UnknownFormatError(
          (this.#heldNonEmpty === 1
            ? "its first line matches"
            : `its first ${this.#heldNonEmpty} lines match`) +
            ` none of the formats ${FORMATS.join(", ")} (name one with --format)`,
        );
      }
      return;
    }
    this.#use(format);
    this.#o.onDetect?.(format);
    const held = this.#held;
    this.#held = [];
    // They are counted at the time they were held: this burst's.
    held.forEach((b, i) =>
      this.#parse(b, 0, b.length, this.#arrival, this.#lines - held.length + i + 1)
    );
  }

  #use(format: FormatName): void {
    this.#format = format;
    this.#parser = parserFor(format);
    if (format === "clf" || format === "combined" || hasVhost(format)) {
      this.#byteParser = new ClfByteParser(this.#o.dictionary, { vhost: hasVhost(format) });
    } else if (format === "csv") this.#byteParser = new CsvByteParser(this.#o.dictionary);
    else if (format === "w3c") this.#byteParser = new W3cByteParser(this.#o.dictionary);
    else if (format === "json") this.#byteParser = new JsonByteParser(this.#o.dictionary);
  }
}

const CR = 13;
