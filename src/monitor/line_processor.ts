/**
 * The step that processes one line, kept apart from the loop that feeds lines (mtail's lesson): format
 * detection on the first lines, parsing into one reused record, and handing records or failures to the
 * engine. Pure: the arrival time is passed in.
 */
import { type FormatName, FORMATS, newRecord } from "../record.ts";
import type { MonitorEngine } from "../core/engine.ts";
import { detectFormat, type LineParser, parserFor, SKIP } from "../parse/mod.ts";
import { ByteRecord, ClfByteParser } from "../parse/clf_bytes.ts";
import type { RunDictionary } from "../parse/run_dictionary.ts";
import {
  type BatchDictionaries,
  type RecordBatch,
  ROW_INVALID,
  ROW_RECORD,
  type RunKeys,
} from "../replay/record_batch.ts";

const decoder = new TextDecoder();

/** `auto` or a format name. */
export type FormatChoice = "auto" | FormatName;

/** Lines looked at before auto-detection gives up and says the file matches no format. */
export const DETECT_MAX_LINES = 20;
/** Lines gathered before detection is tried without waiting for the end of a read. */
const DETECT_MIN_LINES = 5;

/** Raised when `auto` cannot recognise the log's format. */
export class UnknownFormatError extends Error {
  override name = "UnknownFormatError";
}

/** Parses lines and feeds the engine. */
export class LineProcessor {
  readonly #engine: MonitorEngine;
  readonly #record = newRecord();
  /** Records handed to the engine so far. */
  #records = 0;
  /** Rows of batches fill their own record: they carry key ids, which text lines must not inherit. */
  readonly #batchRecord = newRecord();
  #parser: LineParser | undefined;
  /** The fast path, for the formats that have a byte parser (Common, Combined). */
  #byteParser: ClfByteParser | undefined;
  readonly #byteRecord = new ByteRecord();
  #format: FormatName | undefined;
  /** Lines held while the format is still unknown, with their arrival times. */
  #held: Array<[string, number]> = [];
  #heldNonEmpty = 0;

  /**
   * Creates a processor for `format` (or for `custom`, a parser compiled from --log-format, which then
   * takes precedence); `onDetect` hears which format `auto` chose.
   */
  constructor(
    format: FormatChoice,
    engine: MonitorEngine,
    private readonly dictionary: RunDictionary,
    private readonly onDetect: (format: FormatName) => void = () => {},
    custom?: LineParser,
  ) {
    this.#engine = engine;
    if (custom !== undefined) this.#parser = custom;
    else if (format !== "auto") this.#use(format);
  }

  /** The format in use, once known. */
  get format(): FormatName | undefined {
    return this.#format;
  }

  /** Handles one line that arrived when the machine clock read `wallMs`. */
  line(text: string, wallMs: number): void {
    const parser = this.#parser;
    if (parser !== undefined) {
      const record = this.#record;
      const status = parser(text, record);
      if (status === null) {
        // A byte format's line read as text (held while the format was detected) must be counted
        // under the ids its values have in the byte parser, like every other line of the log.
        const bytes = this.#byteParser;
        if (bytes !== undefined) {
          record.hostId = bytes.hosts.internString(record.host);
          record.methodId = bytes.methods.internString(record.method);
          record.sectionId = bytes.sections.internString(record.section);
        }
        this.#engine.add(record, wallMs);
      } else if (status !== SKIP) this.#engine.addInvalid(wallMs);
      return;
    }
    this.#held.push([text, wallMs]);
    if (text.trim() !== "") this.#heldNonEmpty++;
    if (this.#heldNonEmpty >= DETECT_MIN_LINES) this.#detect(false);
  }

  /**
   * Handles one line given as bytes (`bytes[start, end)`, valid only during the call): parsed in place
   * when the format has a byte parser, otherwise decoded and handled as text.
   */
  lineBytes(bytes: Uint8Array, start: number, end: number, wallMs: number): void {
    const fast = this.#byteParser;
    if (fast !== undefined) {
      const status = fast.parse(bytes, start, end, this.#byteRecord);
      if (status === null) {
        this.#records++;
        this.#engine.add(this.#byteRecord, wallMs);
      } else if (status !== SKIP) this.#engine.addInvalid(wallMs);
      return;
    }
    const e = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    this.line(decoder.decode(bytes.subarray(start, e)), wallMs);
  }

  /**
   * Handles rows a worker parsed (a region of a parallel replay) exactly as {@linkcode line} would have
   * handled their lines; `onOversized` is told of each line dropped for its length, in its place.
   */
  rows(
    batch: RecordBatch,
    dictionaries: BatchDictionaries,
    wallMs: number,
    onOversized: () => void,
  ): void {
    const record = this.#batchRecord;
    const engine = this.#engine;
    const kind = batch.kind;
    for (let i = 0; i < batch.rows; i++) {
      const k = kind[i];
      if (k === ROW_RECORD) {
        dictionaries.fill(batch, i, record);
        engine.add(record, wallMs);
      } else if (k === ROW_INVALID) engine.addInvalid(wallMs);
      else onOversized();
    }
  }

  /** A burst of reading ended: detect from what is held, if anything. */
  endBatch(): void {
    if (this.#parser === undefined && this.#heldNonEmpty > 0) this.#detect(false);
  }

  /** End of input: the held lines are all there will be. */
  finish(): void {
    if (this.#parser === undefined && this.#heldNonEmpty > 0) this.#detect(true);
  }

  #detect(final: boolean): void {
    const lines = this.#held.map(([text]) => text);
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
    this.onDetect(format);
    const held = this.#held;
    this.#held = [];
    for (const [text, wallMs] of held) this.line(text, wallMs);
  }

  /**
   * True when the records so far brought more distinct hosts and sections than half their number (a
   * log of a new client or path on most lines): then parse workers would hand the main thread a new
   * string on most rows, and cost more than they save. Known for the byte formats only.
   */
  keysMostlyNew(): boolean {
    const p = this.#byteParser;
    return p !== undefined && p.hosts.size + p.sections.size > this.#records / 2;
  }

  /**
   * The run's key dictionary, for a parallel replay to translate its workers' values into: the byte
   * parser's (undefined for formats read as text, whose records the engine counts by string).
   */
  runKeys(): RunKeys | undefined {
    const p = this.#byteParser;
    if (p === undefined) return undefined;
    const dictionary = { host: p.hosts, method: p.methods, section: p.sections };
    return {
      idOf: (field, value) => dictionary[field].internString(value),
      name: (field, id) => dictionary[field].value(id),
    };
  }

  #use(format: FormatName): void {
    this.#format = format;
    this.#parser = parserFor(format);
    if (format === "clf" || format === "combined") {
      this.#byteParser = new ClfByteParser(this.dictionary);
    }
  }
}
