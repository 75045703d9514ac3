/**
 * Parses one region of a log file (line_region.ts) into a RecordBatch: the work a parallel replay gives
 * each worker. It applies the very rules of the single pass — the same splitter (and its limit on line
 * length), the byte parser for Common, Combined and CSV, decoding and the text parser otherwise, blank lines and
 * headers skipped — so that the rows are exactly the engine calls a single pass would make.
 */
import { type FormatName, hasVhost, newRecord } from "../record.ts";
import { type LineParser, logFormatParser, parserFor, SKIP } from "../parse/mod.ts";
import { ClfByteParser } from "../parse/clf_bytes.ts";
import { CsvByteParser } from "../parse/csv_bytes.ts";
import { W3cByteParser } from "../parse/w3c_bytes.ts";
import { JsonByteParser } from "../parse/json_bytes.ts";
import type { FieldsDirective } from "./fields_directives.ts";
import { type ByteParser, ByteRecord } from "../parse/byte_record.ts";
import { RunDictionary } from "../parse/run_dictionary.ts";
import { ByteLineSplitter } from "../source/byte_line_splitter.ts";
import { lineStartAt, readRegion } from "../source/line_region.ts";
import { READ_BUFFER_BYTES } from "../source/source_options.ts";
import {
  BatchBuilder,
  type ColumnBuffers,
  type IdSource,
  type RecordBatch,
  ROW_INVALID,
  ROW_OVERSIZED,
  type StringColumns,
} from "./record_batch.ts";
import { StringIds } from "./string_ids.ts";

/** How the lines of a log are parsed: a named format, or a custom one (which takes precedence). */
export interface ParseSpec {
  format?: FormatName;
  /** An nginx `log_format` or Apache `LogFormat` string. */
  logFormat?: string;
  /** Lines longer than this are dropped (the splitter's default when absent). */
  maxLineBytes?: number;
  /** Distinct values each dictionary keeps (65,536 when absent); tests make it small. */
  dictionaryLimit?: number;
  /**
   * W3C: every `#Fields:` directive of the file with its offset (fields_directives.ts), so that a
   * region starts under the one in effect there. Without it, W3C is not parsed in regions.
   */
  w3cFields?: FieldsDirective[];
}

/**
 * True when regions of such a log can be parsed apart from each other: every format, W3C once its
 * `#Fields` directives are known (each changes how the lines after it read).
 */
export function parsesInRegions(spec: ParseSpec): boolean {
  // Nor Apache's vhost formats: a batch has no column for the virtual host.
  const f = spec.format;
  if (spec.logFormat !== undefined) return true;
  if (f === "w3c") return spec.w3cFields !== undefined;
  return f !== undefined && !hasVhost(f);
}

const decoder = new TextDecoder();
const CR = 13;

/** The byte parser of `format`, if it has one (as the single pass uses it). */
function byteParserFor(format: FormatName | undefined, keep?: number): ByteParser | undefined {
  if (format === "clf" || format === "combined") return new ClfByteParser(new RunDictionary(keep));
  if (format === "csv") return new CsvByteParser(new RunDictionary(keep));
  if (format === "w3c") return new W3cByteParser(new RunDictionary(keep));
  if (format === "json") return new JsonByteParser(new RunDictionary(keep));
  return undefined;
}

/** Parses regions of one log, keeping its dictionaries from region to region. */
export class RegionParser {
  readonly #spec: ParseSpec;
  #buffer: Uint8Array | undefined;
  readonly #bytes: ByteParser | undefined;
  readonly #byteRecord = new ByteRecord();
  readonly #text: LineParser | undefined;
  readonly #record = newRecord();
  readonly #ids: IdSource;
  readonly #textIds: StringColumns<StringIds> | undefined;
  /** Rows of the last region, to size the next batch. */
  #lastRows = 0;

  /** Creates the parser for logs of `spec`. */
  constructor(spec: ParseSpec) {
    this.#spec = spec;
    const f = spec.format;
    const bytes = spec.logFormat === undefined ? byteParserFor(f, spec.dictionaryLimit) : undefined;
    if (bytes !== undefined) {
      const p = this.#bytes = bytes;
      this.#ids = idSource({ host: p.hosts, method: p.methods, section: p.sections });
    } else {
      this.#text = spec.logFormat !== undefined
        ? logFormatParser(spec.logFormat)
        : parserFor(f ?? "clf");
      const keep = spec.dictionaryLimit;
      const ids = this.#textIds = {
        host: new StringIds(keep),
        method: new StringIds(keep),
        section: new StringIds(keep),
      };
      this.#ids = idSource(ids);
    }
  }

  /**
   * Parses region `region` of `file` — the lines that start in [from, to) — into a batch, in the
   * buffers of a consumed batch if given. The last region has `to` = Infinity: it reads on to the end
   * of the file, however far it has grown since the regions were planned.
   */
  async parse(
    file: Deno.FsFile,
    region: number,
    from: number,
    to: number,
    reuse?: ColumnBuffers,
  ): Promise<RecordBatch> {
    // Regions hold about as many rows one after another: start a little above the last count.
    const span = Number.isFinite(to) ? to - from : READ_BUFFER_BYTES;
    const guess = this.#lastRows > 0 ? this.#lastRows + (this.#lastRows >> 3) : span >> 7;
    const builder = new BatchBuilder(region, this.#ids, guess, reuse);
    const splitter = new ByteLineSplitter({
      maxLineBytes: this.#spec.maxLineBytes,
      onOversized: () => builder.rejected(ROW_OVERSIZED),
    });
    const onLine = this.#bytes !== undefined
      ? (b: Uint8Array, s: number, e: number) => this.#byteLine(b, s, e, builder)
      : (b: Uint8Array, s: number, e: number) => this.#textLine(b, s, e, builder);
    // Reads no larger than a region: each read of a small region would otherwise take in the file.
    const size = Math.min(READ_BUFFER_BYTES, Math.max(4096, span));
    if (this.#buffer === undefined || this.#buffer.length < size) {
      this.#buffer = new Uint8Array(size);
    }
    const buffer = this.#buffer;
    const begin = await lineStartAt(file, from, buffer);
    const directives = this.#spec.w3cFields;
    if (directives !== undefined && this.#bytes instanceof W3cByteParser) {
      this.#bytes.startAt(directiveBefore(directives, begin));
    }
    const read = await readRegion(file, begin, to, buffer, (c) => splitter.push(c, onLine));
    // Only the region that meets the end of the file can hold a last line without its newline.
    if (read.eof) splitter.flush(onLine);
    const batch = builder.finish(read.end - begin);
    this.#lastRows = batch.rows;
    return batch;
  }

  #byteLine(buf: Uint8Array, start: number, end: number, builder: BatchBuilder): void {
    const r = this.#byteRecord;
    const status = this.#bytes!.parse(buf, start, end, r);
    if (status === null) builder.record(r, r.hostId, r.methodId, r.sectionId);
    else if (status !== SKIP) builder.rejected(ROW_INVALID);
  }

  #textLine(buf: Uint8Array, start: number, end: number, builder: BatchBuilder): void {
    const e = end > start && buf[end - 1] === CR ? end - 1 : end;
    const r = this.#record;
    const status = this.#text!(decoder.decode(buf.subarray(start, e)), r);
    if (status === null) {
      const ids = this.#textIds!;
      builder.record(r, ids.host.id(r.host), ids.method.id(r.method), ids.section.id(r.section));
    } else if (status !== SKIP) builder.rejected(ROW_INVALID);
  }
}

/** The last directive that starts before `offset`, if any (`directives` in file order). */
function directiveBefore(directives: FieldsDirective[], offset: number): string | undefined {
  let lo = 0, hi = directives.length; // the first that starts at or after offset: lo
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (directives[mid].at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? directives[lo - 1].line : undefined;
}

/** Dictionaries that count their values and list those added since a count. */
interface Counted {
  readonly size: number;
  valuesSince(from: number): string[];
}

/** The IdSource over a dictionary per field (the byte parser's interners, or StringIds). */
function idSource(d: StringColumns<Counted>): IdSource {
  return {
    sizes: () => ({ host: d.host.size, method: d.method.size, section: d.section.size }),
    valuesSince: (from) => ({
      host: d.host.valuesSince(from.host),
      method: d.method.valuesSince(from.method),
      section: d.section.valuesSince(from.section),
    }),
  };
}
