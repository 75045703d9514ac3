/**
 * Parse workers for one replay. Region k goes to worker k mod n, so each worker gets its regions in
 * increasing order and the main thread, reading batches in file order, always has a worker's new
 * dictionary values before the rows that use them.
 */
import type { ParseSpec } from "./region_parser.ts";
import {
  BatchDictionaries,
  columnBuffers,
  type RecordBatch,
  type RunKeys,
  transferList,
} from "./record_batch.ts";
import { SourceError } from "../source/source_error.ts";
import type { FromWorker, ToWorker } from "./worker_messages.ts";

interface Waiting {
  resolve(batch: RecordBatch): void;
  reject(err: unknown): void;
}

/** A set of parse workers for one log file. */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #waiting: Array<Map<number, Waiting>> = [];
  readonly #dictionaries: BatchDictionaries[] = [];
  readonly #path: string;
  #failure: unknown;

  /** Starts `n` workers: each loads its modules, then waits for {@linkcode start}. */
  constructor(n: number, path: string) {
    this.#path = path;
    for (let w = 0; w < n; w++) {
      const worker = new Worker(new URL("./parse_worker.ts", import.meta.url).href, {
        type: "module",
      });
      const waiting = new Map<number, Waiting>();
      worker.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(waiting, e.data);
      worker.onerror = (e) => {
        // A bug in the worker: fail the replay with it rather than let it end the process.
        e.preventDefault();
        this.#fail(new Error(`parse worker failed: ${e.message}`));
      };
      this.#workers.push(worker);
      this.#waiting.push(waiting);
    }
  }

  /**
   * Tells every worker how to parse; their values are translated into `keys`, the run's dictionary,
   * if it has one.
   */
  start(spec: ParseSpec, keys?: RunKeys): void {
    const canonical = new Map<string, string>();
    for (const w of this.#workers) {
      this.#dictionaries.push(new BatchDictionaries(keys, canonical));
      w.postMessage({ type: "init", path: this.#path, spec } satisfies ToWorker);
    }
  }

  /** Asks for region `region`, the lines that start in [from, to); resolves with its batch. */
  submit(region: number, from: number, to: number): Promise<RecordBatch> {
    const w = region % this.#workers.length;
    const batch = new Promise<RecordBatch>((resolve, reject) => {
      if (this.#failure !== undefined) return reject(this.#failure);
      this.#waiting[w].set(region, { resolve, reject });
    });
    // Awaited later, in file order; until then a failure must not count as unhandled.
    batch.catch(() => {});
    this.#workers[w].postMessage({ type: "region", region, from, to } satisfies ToWorker);
    return batch;
  }

  /** The dictionaries that the ids of region `region` refer to. */
  dictionariesFor(region: number): BatchDictionaries {
    return this.#dictionaries[region % this.#workers.length];
  }

  /** Gives a consumed batch's buffers back to the worker that made it; `batch` is unusable after. */
  recycle(batch: RecordBatch): void {
    const buffers = columnBuffers(batch);
    this.#workers[batch.region % this.#workers.length].postMessage(
      { type: "recycle", buffers } satisfies ToWorker,
      { transfer: transferList(buffers) },
    );
  }

  /** Ends every worker. */
  close(): void {
    for (const w of this.#workers) w.terminate();
  }

  #receive(waiting: Map<number, Waiting>, msg: FromWorker): void {
    if (msg.type === "batch") {
      waiting.get(msg.batch.region)?.resolve(msg.batch);
      waiting.delete(msg.batch.region);
      return;
    }
    this.#fail(new SourceError(this.#path, msg.reason));
  }

  /** Fails every region still awaited: one failure ends the replay. */
  #fail(err: unknown): void {
    this.#failure ??= err;
    for (const pending of this.#waiting) {
      for (const w of pending.values()) w.reject(this.#failure);
      pending.clear();
    }
  }
}
