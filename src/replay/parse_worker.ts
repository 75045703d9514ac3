/**
 * The worker of a parallel replay: thin I/O around RegionParser. It opens the log once, parses the
 * regions it is given one after another (in the order given, which keeps its dictionaries' additions in
 * the order the main thread reads them), and posts each batch with its buffers transferred, not copied.
 */
import { type ParseSpec, RegionParser } from "./region_parser.ts";
import { type ColumnBuffers, columnBuffers, transferList } from "./record_batch.ts";
import { sourceError } from "../source/source_error.ts";
import type { ToWorker } from "./worker_messages.ts";

/** The worker's side of the channel (a worker's global scope, not a window). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: unknown, options?: { transfer?: ArrayBuffer[] }): void;
};

let path = "";
let file: Deno.FsFile | undefined;
let parser: RegionParser | undefined;
/** Buffers of consumed batches, given back by the main thread. */
const spare: ColumnBuffers[] = [];
// Messages are handled strictly one after another: a region's parse awaits reads.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  // Buffers given back are kept at once, so that the next region can use them.
  if (e.data.type === "recycle") spare.push(e.data.buffers);
  else queue = queue.then(() => handle(e.data));
};

async function handle(msg: ToWorker): Promise<void> {
  try {
    if (msg.type === "init") {
      path = msg.path;
      parser = new RegionParser(msg.spec satisfies ParseSpec);
      file = await Deno.open(path, { read: true });
      return;
    }
    if (msg.type !== "region") return;
    const batch = await parser!.parse(file!, msg.region, msg.from, msg.to, spare.pop());
    scope.postMessage({ type: "batch", batch }, {
      transfer: transferList(columnBuffers(batch)),
    });
  } catch (err) {
    const region = msg.type === "region" ? msg.region : -1;
    scope.postMessage({ type: "error", region, reason: sourceError(path, err).reason });
  }
}
