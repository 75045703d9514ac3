/**
 * Replay of a log file (`--once`), on every core when that pays: the main thread reads the first region
 * itself, through the ordinary single pass — that settles the format exactly as a single pass would,
 * and shows whether workers will pay — then workers parse the following regions (line_region.ts) and
 * the main thread hands their batches on in file order. Workers run at most a few regions ahead of the main
 * thread, so memory stays bounded whatever the file's size. W3C's `#Fields` directives are found by
 * a first scan, so that each region starts under the one in effect there. A small file, one job, a
 * format that cannot be parsed in regions (Apache's vhost formats), or a file whose rest would cost
 * less to read in one pass than the workers' start (timed on the first region: workersPay) is read in
 * one pass.
 */
import { LineDelivery, readBuffer, readRestOnce } from "../source/line_reader.ts";
import { lineStartAt, readRegion } from "../source/line_region.ts";
import { openLog, readFileOnce } from "../source/read_once.ts";
import { sourceError } from "../source/source_error.ts";
import type { LineConsumer, SourceOptions } from "../source/source_options.ts";
import { parsesInRegions, type ParseSpec } from "./region_parser.ts";
import type { BatchDictionaries, RecordBatch, RunKeys } from "./record_batch.ts";
import { WorkerPool } from "./worker_pool.ts";
import { fieldsDirectives } from "./fields_directives.ts";

/** How the regions after the first may be parsed by workers. */
export interface RegionPlanSpec {
  spec: ParseSpec;
  /** The run's dictionary that workers' values are translated into (none: counted by string). */
  keys?: RunKeys;
}

/** A consumer that also takes rows parsed by workers: what a parallel replay delivers to. */
export interface RowConsumer extends LineConsumer {
  /**
   * Asked once the first region has been read: how the rest may be parsed in regions, or undefined to
   * go on in one pass (format unknown, or parsed with state, or workers would not pay).
   */
  regionSpec(): RegionPlanSpec | undefined;
  /** A later region's parsed rows, in file order, with the dictionaries they refer to. */
  rows(source: number, batch: RecordBatch, dictionaries: BatchDictionaries): void;
}

/**
 * Size of the first region, read by the main thread, and the most any later region spans: large
 * enough that a batch's messaging is noise, small enough to share out.
 */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Rows a later region aims at. Its batch's columns take some 40 bytes a row, and a dozen batches are
 * in flight or spare at once: sizing regions by rows, not bytes, keeps that near 15 MB whether lines
 * are 70 bytes (CSV) or 400.
 */
const ROWS_PER_REGION = 32_768;
/** The least a later region spans, so that a log of very long lines is still shared out sensibly. */
const MIN_REGION_BYTES = 256 * 1024;

/** Options for {@linkcode replayFile}. */
export interface ReplayOptions extends SourceOptions {
  consumer: RowConsumer;
  signal?: AbortSignal;
  /** Parse workers to use; below 2 the file is read in one pass. */
  jobs: number;
  /**
   * Size of the first region, and the most a later one spans (tests make it tiny). Given, it also
   * says that regions are wanted whatever they cost: the cost model below is skipped.
   */
  chunkBytes?: number;
  /** Milliseconds from some origin, to time the first region (default: performance.now). */
  now?: () => number;
}

/**
 * What a replay with workers costs beyond one pass, and what it saves, measured on 2 cores (whole
 * process, medians): workers cost a fixed ~230 ms (their start, ~80 ms of CPU each, and the batches'
 * hand-over) and save part of each line's cost: Combined at 1M lines 1.18x the wall time of one
 * pass, at 10M 0.78x (Common alike), JSON lines at 1M 0.66x, W3C at 1M 1.11x. Timed on the second
 * half of the first region, a line costs about 2.5 times its average over a whole replay (Combined
 * 0.81 µs, Common 0.49, W3C 0.95, JSON 2.44), and workers save about a sixth of that: so Combined
 * takes workers from about 1.9M lines, Common from about 3.1M, JSON lines from about 630k. On
 * more cores the share saved grows, so the model is conservative there. (JSON lines are now read
 * from their bytes, at about half that cost a line; on a machine whose two processors shared a
 * core, workers then took JSON 1M 1.02x one pass's time: a draw, left to the model.)
 */
export const WORKERS_FIXED_MS = 230;
export const WORKERS_SHARE_SAVED = 0.15;

/**
 * How long this process may take to load this module on a machine where the figures above held (2
 * cores, 2026-12-02: 23–31 ms with a warm compile cache, 37 cold; the bar leaves room). A worker's
 * start is mostly a Deno start, loading and compiling the parsing modules, so this process's own
 * start says how dear it is here: on a machine whose processors shared a core (a one-line replay
 * ~200 ms), the fixed 230 ms took workers for Combined 1M at 1.6x one pass's time. A line's cost
 * says nothing of it: the elastic sample's real lines cost three times the generated ones on the
 * same machine.
 */
export const REFERENCE_LOADED_MS = 40;
/** The most the workers' start is scaled by: the slowest machine measured, about 3x the reference. */
const MAX_SLOWER = 3;
/** Milliseconds from this process's start to this module's load: read once, as later replays come. */
const LOADED_MS = performance.now();
/** Below this a file is read in one pass without asking the model (it would say no). */
export const MIN_PARALLEL_BYTES = 64 * 1024 * 1024;

/**
 * Whether workers pay for the rest of a file: `remainingLines` more lines at the first region's cost
 * of `msPerLine` each, in a process that took `loadedMs` to load this module. The workers' start is
 * scaled by how much slower than the reference's that load was (never below it: a quicker machine
 * keeps the measured cost, which errs towards one pass).
 */
export function workersPay(remainingLines: number, msPerLine: number, loadedMs = 0): boolean {
  // At most the slowest machine seen: a load slowed by something else (a cold cache, `--check`, a
  // permission prompt) must not rule workers out for good.
  const slower = Math.min(MAX_SLOWER, Math.max(1, loadedMs / REFERENCE_LOADED_MS));
  return remainingLines * msPerLine * WORKERS_SHARE_SAVED > WORKERS_FIXED_MS * slower;
}

/**
 * Reads `path` from its start to its end once, delivering lines (first region, or all of a one-pass
 * replay) and batches of parsed rows (later regions) in file order. Throws SourceError when the file
 * cannot be read.
 */
export async function replayFile(path: string, options: ReplayOptions): Promise<void> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  let size: number;
  try {
    size = (await Deno.stat(path)).size;
  } catch (err) {
    throw sourceError(path, err);
  }
  // Below two regions, or a few dozen MiB, the workers' start-up costs more than they save.
  const modelled = options.chunkBytes === undefined;
  if (options.jobs < 2 || size < 2 * chunkBytes || (modelled && size < MIN_PARALLEL_BYTES)) {
    return await readFileOnce(path, options);
  }
  const now = options.now ?? (() => performance.now());

  const file = await openLog(path);
  let pool: WorkerPool | undefined;
  try {
    // The first region's lines are counted, to size the later regions by rows.
    let lines = 0;
    const { consumer } = options;
    const counting: LineConsumer = {
      line(source, bytes, start, end) {
        lines++;
        consumer.line(source, bytes, start, end);
      },
      endBatch: () => consumer.endBatch(),
      notice: (n) => consumer.notice(n),
      bytesRead: (source, n) => consumer.bytesRead(source, n),
    };
    const delivery = new LineDelivery(path, { ...options, consumer: counting });
    const buffer = readBuffer();
    // The cost of a line is timed on the region's second half: the first is mostly the JIT
    // warming up (twice the cost, and more), which would say that workers pay where they do not.
    let read = 0;
    let halfAt = now();
    let halfLines = 0;
    const first = await io(path, () =>
      readRegion(file, 0, chunkBytes, buffer, (chunk) => {
        delivery.push(chunk);
        delivery.progress(chunk.length);
        delivery.batch();
        if (read < chunkBytes / 2 && (read += chunk.length) >= chunkBytes / 2) {
          halfAt = now();
          halfLines = lines;
        }
      }, options.signal));
    if (options.signal?.aborted) return;
    const msPerLine = (now() - halfAt) / Math.max(1, lines - halfLines);
    const remainingLines = (size - first.end) / Math.max(1, first.end / Math.max(1, lines));
    let plan0 = first.eof || (modelled && !workersPay(remainingLines, msPerLine, LOADED_MS))
      ? undefined
      : consumer.regionSpec();
    if (plan0?.spec.format === "w3c" && plan0.spec.logFormat === undefined) {
      // Its regions start under the #Fields directive before them: found by a first scan.
      const w3cFields = await io(path, () => fieldsDirectives(file, options.maxLineBytes, buffer));
      plan0 = { ...plan0, spec: { ...plan0.spec, w3cFields } };
      await io(path, () => file.seek(first.end, Deno.SeekMode.Start));
    }
    if (plan0 === undefined || !parsesInRegions(plan0.spec)) {
      // On in one pass, from where the first region ended.
      return await readRestOnce(file, buffer, delivery, options.signal);
    }
    // Started only now that they will be used: a worker started and dismissed still costs its ~20 MiB
    // (the log of a new client on every line would pay it for nothing).
    pool = new WorkerPool(options.jobs, path);
    pool.start(plan0.spec, plan0.keys);
    const plan = planRegions(size, chunkBytes, first.end / Math.max(1, lines));
    const resume = await consumeRegions(pool, plan, options);
    if (resume === undefined || options.signal?.aborted) return;
    // On in one pass from the region the workers would have parsed next; their memory goes now.
    pool.close();
    pool = undefined;
    const from = await io(path, () => lineStartAt(file, plan.from(resume), buffer));
    await io(path, () => file.seek(from, Deno.SeekMode.Start));
    await readRestOnce(file, buffer, delivery, options.signal);
  } finally {
    pool?.close();
    file.close();
  }
}

/** Where the regions after the first lie. */
export interface RegionPlan {
  /** Regions in all, the first included. */
  count: number;
  /** Where region k >= 1 begins (its first line is the first that starts there or later). */
  from(k: number): number;
  /** Where region k ends (Infinity for the last: it reads on to the end of the file). */
  to(k: number): number;
}

/**
 * Regions after the first (which spans `first` bytes): of about ROWS_PER_REGION lines of the first
 * region's average length, at most `first` bytes each.
 */
export function planRegions(fileSize: number, first: number, bytesPerLine: number): RegionPlan {
  const size = Math.min(
    first,
    Math.max(MIN_REGION_BYTES, Math.round(bytesPerLine * ROWS_PER_REGION)),
  );
  const count = 1 + Math.max(0, Math.ceil((fileSize - first) / size));
  return {
    count,
    from: (k) => first + (k - 1) * size,
    to: (k) => (k === count - 1 ? Infinity : first + k * size),
  };
}

/** Regions a worker may parse ahead of the one the main thread waits for. */
const AHEAD_PER_WORKER = 2;

/**
 * Past this share of a batch's rows carrying values the worker's dictionaries could not keep (a log
 * of a million distinct clients), the workers stop paying: the main thread makes a string of nearly
 * every value anyway, and three heaps churn instead of one. The replay goes on in one pass.
 */
const MAX_UNKEPT_SHARE = 0.25;

/**
 * Hands regions 1 … count-1 to the pool and their batches on, in order. Returns the region to go on
 * from in one pass, when the workers stop paying, or undefined when every region was handed on.
 */
async function consumeRegions(
  pool: WorkerPool,
  plan: RegionPlan,
  options: ReplayOptions,
): Promise<number | undefined> {
  const { count } = plan;
  const ahead = AHEAD_PER_WORKER * options.jobs;
  const queue: Array<Promise<RecordBatch>> = [];
  let next = 1;
  const submit = () => {
    queue.push(pool.submit(next, plan.from(next), plan.to(next)));
    next++;
  };
  while (next < count && queue.length < ahead) submit();
  while (queue.length > 0 && !options.signal?.aborted) {
    const batch = await queue.shift()!;
    if (next < count) submit();
    const dictionaries = pool.dictionariesFor(batch.region);
    dictionaries.learn(batch);
    const source = options.source ?? 0;
    options.consumer.rows(source, batch, dictionaries);
    options.consumer.bytesRead(source, batch.regionBytes);
    const unkept = batch.extra.length;
    pool.recycle(batch);
    options.consumer.endBatch();
    if (unkept > batch.rows * MAX_UNKEPT_SHARE && batch.region + 1 < count) return batch.region + 1;
  }
  return undefined;
}

/** Runs a read, turning its failure into a SourceError naming the file. */
async function io<T>(path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw sourceError(path, err);
  }
}
