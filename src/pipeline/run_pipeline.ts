/**
 * The loop that pumps a pipeline: the source reads into the processor, the clock ticks the engine
 * while the log is quiet and hands views to the sinks, and the run stops on end of input,
 * --idle-timeout, a signal or the loss of every output — always reading what is already written and
 * giving the summary first. It knows nothing of flags: the wiring (wiring.ts) built what it pumps.
 */
import type { Clock } from "../clock.ts";
import type { MonitorEngine } from "../core/engine.ts";
import type { FanOut } from "../sinks/fan_out.ts";
import type { NoticeCounter } from "../sinks/notice_counter.ts";
import type { MonitorView, SourceView } from "../sinks/sink.ts";
import { SourceError } from "../source/source_error.ts";
import type { LineProcessor } from "./line_processor.ts";
import type { Source } from "./sources.ts";
import { ReadRate } from "./read_rate.ts";

/** How often the clock drives the engine and the views: well under the one-second promise. */
export const TICK_MS = 250;

/** Everything the loop pumps. */
export interface Pipeline {
  clock: Clock;
  source: Source;
  processor: LineProcessor;
  engine: MonitorEngine;
  sinks: FanOut;
  notices: NoticeCounter;
  /** The logs read, as named by the user. */
  files: string[];
  /** Stop after this many seconds without a new line; 0 = never. */
  idleTimeout: number;
  /** After the input ended, keep the sinks open until a stop signal (a page serving a replay). */
  holdAfterEnd: boolean;
  /** Calls `handler` on SIGINT or SIGTERM; returns a function that removes it. */
  onStopSignal(handler: () => void): () => void;
  /** Aborting it stops the run as a signal would (the wiring's sinks use it: the last output lost). */
  stop: AbortController;
  /**
   * Aborting it ends even the last read at once, as a second signal does (the dashboard's second
   * `q`).
   */
  halt: AbortController;
  /** How long closing may wait for the sinks (a notifier's deliveries), ms. */
  closeMs: number;
  /**
   * Saves the run's checkpoint (`--state`), called between two reads about once a second and once
   * when reading stops, before the engine finishes (a restart goes on from what was read, not from
   * a summary). False when it could not be taken now (no consistent point): asked again at the
   * next tick.
   */
  checkpoint?: () => boolean;
}

/** A replay of at most this much is over well before its first tick, even for JSON lines. */
const SHORT_REPLAY_BYTES = 1024 * 1024;

/** Ticks between two checkpoints: about one a second. */
const CHECKPOINT_TICKS = 4;

/** What ended the run, if it did not end well. */
export interface PipelineOutcome {
  /** The first failure of the source, the processor or the engine, if any. */
  failure: unknown;
}

/** Runs the pipeline until its input ends or it is told to stop. */
export async function runPipeline(p: Pipeline): Promise<PipelineOutcome> {
  const { clock, engine, processor, sinks, stop } = p;
  let failure: unknown;
  let ended = false;
  const startedAt = clock.now();
  const rate = new ReadRate();
  const fail = (err: unknown) => {
    failure ??= err;
    stop.abort();
  };
  const view = (): MonitorView => {
    const now = clock.now();
    const source: SourceView = {
      files: p.files,
      format: processor.format,
      mode: p.source.mode,
      lines: processor.lines,
      bytes: processor.bytes,
      bytesTotal: p.source.bytesTotal,
      linesPerSecond: rate.perSecond(now, processor.lines),
      startedAt,
      ended,
      notices: p.notices.counts(),
    };
    return { wallMs: now, source, engine: engine.view() };
  };
  let ticks = 0;
  let checkpointDue = false;
  const tick = () => {
    if (failure !== undefined) return;
    try {
      if (p.checkpoint !== undefined) {
        if (++ticks % CHECKPOINT_TICKS === 0) checkpointDue = true;
        if (checkpointDue && p.checkpoint()) checkpointDue = false;
      }
      processor.tick();
      const now = clock.now();
      if (p.source.mode === "follow") engine.tick(now);
      const last = processor.lastLineAt ?? startedAt;
      if (p.idleTimeout > 0 && now - last >= p.idleTimeout * 1000) stop.abort();
      if (sinks.wantsViews) sinks.view(view());
    } catch (err) {
      fail(err);
    }
  };

  // A first signal stops after what is written by then; a second one stops at once.
  const halt = p.halt;
  const removeSignal = p.onStopSignal(() => {
    if (stop.signal.aborted) halt.abort();
    else stop.abort();
  });
  // A replay has nothing to do between reads (each read takes the clock afresh) but give views; one
  // too short to reach the first tick gets no ticker, which spares it Deno's timers (~3 ms to load).
  // (A size of 0 says nothing: a device, or a file not written yet.)
  const size = p.source.bytesTotal ?? 0;
  const short = p.source.mode === "replay" && size > 0 && size <= SHORT_REPLAY_BYTES;
  const ticking = p.source.mode === "follow" || p.checkpoint !== undefined || p.idleTimeout > 0 ||
    (sinks.wantsViews && !short);
  const stopTicking = ticking ? clock.every(TICK_MS, tick) : () => {};
  try {
    await p.source.read(processor, stop.signal, halt.signal);
  } catch (err) {
    fail(err);
  } finally {
    stopTicking();
  }
  ended = true;
  try {
    if (failure === undefined) processor.finish();
    // After the held lines went into the engine: they are behind the positions too.
    if (failure === undefined) p.checkpoint?.();
    // A source that failed part-way still gets its summary; one that failed before a record came
    // (missing, a directory, unreadable) gets none, as a summary of nothing is noise beside the error;
    // nor does an unknown format, nor a run whose every output is gone.
    const partWay = failure instanceof SourceError && engine.newest !== undefined;
    if ((failure === undefined || partWay) && sinks.outputsLeft > 0) engine.finish();
    if (sinks.wantsViews) sinks.view(view());
  } catch (err) {
    failure ??= err;
  }
  // The stop-signal handler is still in place: it ends the hold.
  if (p.holdAfterEnd && failure === undefined && sinks.outputsLeft > 0) {
    await untilAborted(stop.signal);
  }
  removeSignal();
  await sinks.close(p.closeMs);
  return { failure };
}

/** Resolves when `signal` aborts (at once if it already did). */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
