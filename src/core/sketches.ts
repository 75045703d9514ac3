/**
 * The response-time sketch class (DDSketch), loaded only when a run may see a response time. The
 * package is CommonJS: loading it starts Deno's Node-compatibility module loader, about 60 ms of a
 * process's start — for every Common or Combined replay, which never has a response time. The
 * wiring loads it first when the run needs it (src/pipeline/sketch_need.ts), tests that make
 * latencies themselves do too.
 */
import type { DDSketch } from "@datadog/sketches-js";

let sketch: typeof DDSketch | undefined;

/** Loads the sketch class (once). */
export async function loadSketches(): Promise<void> {
  sketch ??= (await import("@datadog/sketches-js")).DDSketch;
}

/** The sketch class; a bug if it is asked for before loadSketches() (the wiring decides when). */
export function sketchClass(): typeof DDSketch {
  if (sketch === undefined) {
    throw new Error("internal: a response time was recorded before the sketches were loaded");
  }
  return sketch;
}
