/**
 * The step that processes one line, kept apart from the loop that feeds lines (mtail's lesson): format
 * detection on the first lines, parsing into one reused record, and handing records or failures to the
 * engine. Pure: the arrival time is passed in.
 */
import { type FormatName, FORMATS, newRecord } from "../record.ts";
import type { MonitorEngine } from "../core/engine.ts";
import { detectFormat, type LineParser, parserFor, SKIP } from "../parse/mod.ts";
import { ByteRecord, ClfByteParser } from "../parse/clf_bytes.ts";
import {
  type BatchDictionaries,
  type RecordBatch,
  ROW_INVALID,
  ROW_RECORD,
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
      const status = parser(text, this.#record);
      if (status === null) this.#engine.add(this.#record, wallMs);
      else if (status !== SKIP) this.#engine.addInvalid(wallMs);
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
      if (status === null) this.#engine.add(this.#byteRecord, wallMs);
      else if (status !== SKIP) this.#engine.addInvalid(wallMs);
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
    const record = this.#record;
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
          `its first ${this.#heldNonEmpty} line${
            this.#heldNonEmpty === 1 ? "" : "s"
          } match none of ` +
            `the formats ${FORMATS.join(", ")} (name one with --format)`,
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

  #use(format: FormatName): void {
    this.#format = format;
    this.#parser = parserFor(format);
    if (format === "clf" || format === "combined") this.#byteParser = new ClfByteParser();
  }
}
