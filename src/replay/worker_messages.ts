/** The messages between a parallel replay and its workers. */
import type { ParseSpec } from "./region_parser.ts";
import type { ColumnBuffers, RecordBatch } from "./record_batch.ts";

/** Main thread → worker. */
export type ToWorker =
  /** Open the log and get ready to parse its regions as `spec` says. */
  | { type: "init"; path: string; spec: ParseSpec }
  /** Parse region `region`: the lines that start in [from, to) (to = Infinity: up to the end). */
  | { type: "region"; region: number; from: number; to: number }
  /** The buffers of a consumed batch, to fill again. */
  | { type: "recycle"; buffers: ColumnBuffers };

/** Worker → main thread. */
export type FromWorker =
  | { type: "batch"; batch: RecordBatch }
  /** Region `region` (-1: the set-up) failed; `reason` is short ("permission denied"). */
  | { type: "error"; region: number; reason: string };
