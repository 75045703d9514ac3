/**
 * Parsed lines in columns, as a worker of a parallel replay hands them to the main thread: typed arrays
 * (transferred, not copied) for the numbers, small integer ids for hosts, methods and sections, and each
 * distinct string sent once, in the batch where its worker first met it. A row is a record, or an
 * invalid line in its place among the records (blank lines and headers leave no row), so the engine
 * sees exactly the sequence a single pass would give it.
 */
import type { LogRecord } from "../record.ts";

/** A row that is a parsed record. */
export const ROW_RECORD = 0;
/** A row that is a line the parser rejected. */
export const ROW_INVALID = 1;
/** A row that is a line dropped for being longer than the limit (also invalid, and reported). */
export const ROW_OVERSIZED = 2;

/** The string-valued fields sent as ids. */
export interface StringColumns<T> {
  host: T;
  method: T;
  section: T;
}

/** One region of the log, parsed. */
export interface RecordBatch {
  /** Index of the region in the file. */
  region: number;
  /** Bytes of the log the region spans (for progress). */
  regionBytes: number;
  rows: number;
  kind: Uint8Array;
  time: Float64Array;
  status: Uint16Array;
  /** Response sizes (LogRecord.bytes). */
  responseBytes: Float64Array;
  /** Response times in seconds, or null when no row has one. */
  duration: Float64Array | null;
  /** Per row: an id in the worker's dictionary, or -1-k for `extra[k]` (a value past its bound). */
  ids: StringColumns<Int32Array>;
  /** Values the worker's dictionaries gained with this batch, in id order. */
  added: StringColumns<string[]>;
  /** Values not kept in a dictionary, referred to by rows as -1-k. */
  extra: string[];
}

/**
 * The whole buffers behind a batch's columns. The main thread gives them back to the worker once the
 * batch is consumed, so that a replay does not allocate (and fault in) megabytes of fresh columns for
 * every region.
 */
export interface ColumnBuffers {
  kind: ArrayBuffer;
  time: ArrayBuffer;
  status: ArrayBuffer;
  responseBytes: ArrayBuffer;
  host: ArrayBuffer;
  method: ArrayBuffer;
  section: ArrayBuffer;
  duration: ArrayBuffer | null;
}

/** The buffers behind `b`'s columns (its arrays are views of their first `rows` rows). */
export function columnBuffers(b: RecordBatch): ColumnBuffers {
  const buf = (v: ArrayBufferView) => v.buffer as ArrayBuffer;
  return {
    kind: buf(b.kind),
    time: buf(b.time),
    status: buf(b.status),
    responseBytes: buf(b.responseBytes),
    host: buf(b.ids.host),
    method: buf(b.ids.method),
    section: buf(b.ids.section),
    duration: b.duration === null ? null : buf(b.duration),
  };
}

/** The list to transfer (not copy) with `postMessage`. */
export function transferList(c: ColumnBuffers): ArrayBuffer[] {
  const list = [c.kind, c.time, c.status, c.responseBytes, c.host, c.method, c.section];
  if (c.duration !== null) list.push(c.duration);
  return list;
}

/** Where a worker's ids come from: a dictionary per string field. */
export interface IdSource {
  /** How many values each dictionary holds now (the next batch sends those from here on). */
  sizes(): StringColumns<number>;
  /** The values with ids from `from` on. */
  valuesSince(from: StringColumns<number>): StringColumns<string[]>;
}

/** Fills the columns of one batch, row by row (worker side). */
export class BatchBuilder {
  #rows = 0;
  #kind: Uint8Array;
  #time: Float64Array;
  #status: Uint16Array;
  #responseBytes: Float64Array;
  #duration: Float64Array | null = null;
  #host: Int32Array;
  #method: Int32Array;
  #section: Int32Array;
  readonly #extra: string[] = [];
  readonly #from: StringColumns<number>;

  /**
   * Starts a batch for `region` with room for `capacity` rows (it grows if need be, but regions are of
   * one size, so the previous batch's count is a good guess); the dictionaries' values from now on
   * will travel with it.
   */
  constructor(
    readonly region: number,
    private readonly dictionaries: IdSource,
    capacity = 1024,
    reuse?: ColumnBuffers,
  ) {
    if (reuse !== undefined && reuse.kind.byteLength >= capacity) {
      this.#kind = new Uint8Array(reuse.kind);
      this.#time = new Float64Array(reuse.time);
      this.#status = new Uint16Array(reuse.status);
      this.#responseBytes = new Float64Array(reuse.responseBytes);
      this.#host = new Int32Array(reuse.host);
      this.#method = new Int32Array(reuse.method);
      this.#section = new Int32Array(reuse.section);
      if (reuse.duration !== null) this.#duration = new Float64Array(reuse.duration).fill(NaN);
    } else {
      const n = Math.max(16, capacity);
      this.#kind = new Uint8Array(n);
      this.#time = new Float64Array(n);
      this.#status = new Uint16Array(n);
      this.#responseBytes = new Float64Array(n);
      this.#host = new Int32Array(n);
      this.#method = new Int32Array(n);
      this.#section = new Int32Array(n);
    }
    this.#from = dictionaries.sizes();
  }

  /** Adds a record whose string fields have the given ids (-1: not in the dictionary). */
  record(r: LogRecord, hostId: number, methodId: number, sectionId: number): void {
    const i = this.#row(ROW_RECORD);
    this.#time[i] = r.time;
    this.#status[i] = r.status;
    this.#responseBytes[i] = r.bytes;
    this.#host[i] = hostId >= 0 ? hostId : this.#extraId(r.host);
    this.#method[i] = methodId >= 0 ? methodId : this.#extraId(r.method);
    this.#section[i] = sectionId >= 0 ? sectionId : this.#extraId(r.section);
    const d = r.duration;
    if (d === d) (this.#duration ??= nanFilled(this.#kind.length))[i] = d;
  }

  /** Adds an invalid line (`ROW_INVALID`) or a dropped over-long one (`ROW_OVERSIZED`). */
  rejected(kind: typeof ROW_INVALID | typeof ROW_OVERSIZED): void {
    this.#row(kind);
  }

  /**
   * The finished batch: views of the first `rows` rows, not copies (transferring a view hands over its
   * whole buffer at no cost). The builder must not be used afterwards.
   */
  finish(regionBytes: number): RecordBatch {
    const n = this.#rows;
    return {
      region: this.region,
      regionBytes,
      rows: n,
      kind: this.#kind.subarray(0, n),
      time: this.#time.subarray(0, n),
      status: this.#status.subarray(0, n),
      responseBytes: this.#responseBytes.subarray(0, n),
      duration: this.#duration?.subarray(0, n) ?? null,
      ids: {
        host: this.#host.subarray(0, n),
        method: this.#method.subarray(0, n),
        section: this.#section.subarray(0, n),
      },
      added: this.dictionaries.valuesSince(this.#from),
      extra: this.#extra,
    };
  }

  #extraId(value: string): number {
    return -1 - (this.#extra.push(value) - 1);
  }

  #row(kind: number): number {
    const i = this.#rows++;
    if (i === this.#kind.length) this.#grow();
    this.#kind[i] = kind;
    return i;
  }

  #grow(): void {
    const n = this.#kind.length * 2;
    this.#kind = grown(this.#kind, new Uint8Array(n));
    this.#time = grown(this.#time, new Float64Array(n));
    this.#status = grown(this.#status, new Uint16Array(n));
    this.#responseBytes = grown(this.#responseBytes, new Float64Array(n));
    this.#host = grown(this.#host, new Int32Array(n));
    this.#method = grown(this.#method, new Int32Array(n));
    this.#section = grown(this.#section, new Int32Array(n));
    if (this.#duration !== null) {
      const d = nanFilled(n);
      d.set(this.#duration);
      this.#duration = d;
    }
  }
}

/**
 * The run's own dictionary, into which the main thread translates the values its workers send: ids
 * there are what the engine counts by (LogRecord.hostId …). Absent for formats parsed from text (they
 * are counted by string).
 */
export interface RunKeys {
  /** The run's id of `value` in `field`, given now if there is room; -1 if it is not kept. */
  idOf(field: keyof StringColumns<unknown>, value: string): number;
  /** The run's string for an id (the very string object the rest of the run uses). */
  name(field: keyof StringColumns<unknown>, id: number): string;
}

/**
 * The main thread's copy of one worker's dictionaries, grown by each batch in the worker's order, and
 * the reader that turns a row back into a record. Each value is translated into the run's dictionary
 * once, when it arrives, so that a row costs array lookups only.
 */
export class BatchDictionaries {
  readonly #values: StringColumns<string[]> = { host: [], method: [], section: [] };
  readonly #runIds: StringColumns<number[]> = { host: [], method: [], section: [] };

  /**
   * Creates the copy of one worker's dictionaries. `keys` is the run's dictionary, if it has one;
   * otherwise `canonical`, shared by every worker's copy, makes the same value from two workers one
   * string object, which the engine's tables look up by identity instead of comparing contents.
   */
  constructor(
    private readonly keys?: RunKeys,
    private readonly canonical: Map<string, string> = new Map(),
  ) {}

  /** Takes in the values a batch added; call once per batch, in the order the worker made them. */
  learn(batch: RecordBatch): void {
    const { keys, canonical } = this;
    for (const field of FIELDS) {
      const values = this.#values[field];
      const runIds = this.#runIds[field];
      for (const v of batch.added[field]) {
        const id = keys?.idOf(field, v) ?? -1;
        runIds.push(id);
        if (id >= 0) values.push(keys!.name(field, id));
        else {
          let c = canonical.get(v);
          if (c === undefined) canonical.set(v, c = v);
          values.push(c);
        }
      }
    }
  }

  /** Fills `out` from row `i` of `batch` (a ROW_RECORD row). */
  fill(batch: RecordBatch, i: number, out: LogRecord): void {
    out.time = batch.time[i];
    out.status = batch.status[i];
    out.bytes = batch.responseBytes[i];
    out.duration = batch.duration === null ? NaN : batch.duration[i];
    const ids = batch.ids;
    let local = ids.host[i];
    if (local >= 0) {
      out.host = this.#values.host[local];
      out.hostId = this.#runIds.host[local];
    } else out.hostId = this.#unkept("host", batch.extra[-1 - local], out);
    local = ids.method[i];
    if (local >= 0) {
      out.method = this.#values.method[local];
      out.methodId = this.#runIds.method[local];
    } else out.methodId = this.#unkept("method", batch.extra[-1 - local], out);
    local = ids.section[i];
    if (local >= 0) {
      out.section = this.#values.section[local];
      out.sectionId = this.#runIds.section[local];
    } else out.sectionId = this.#unkept("section", batch.extra[-1 - local], out);
  }

  /**
   * A value the worker did not keep: the run may still know it (seen first elsewhere), and then it
   * must be counted by that id, like every other occurrence of it.
   */
  #unkept(field: keyof StringColumns<unknown>, value: string, out: LogRecord): number {
    const id = this.keys?.idOf(field, value) ?? -1;
    out[field] = id >= 0 ? this.keys!.name(field, id) : value;
    return id;
  }
}

const FIELDS = ["host", "method", "section"] as const;

function grown<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: T, to: T): T {
  to.set(old as never);
  return to;
}

function nanFilled(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}
