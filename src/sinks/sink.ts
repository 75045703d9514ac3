/**
 * The sink port: every output of the monitor — text or JSON on standard output, the --output file, the
 * progress line, the terminal dashboard, the web page, the metrics endpoint, the notifiers — is a Sink,
 * and the fan-out (fan_out.ts) delivers to all of them. A new view or receiver is a new Sink, with no
 * change to the core loop.
 */
import type { MonitorEvent } from "../core/events.ts";
import type { EngineView } from "../core/view.ts";
import type { SourceNotice, SourceNoticeKind } from "../source/source_options.ts";

/** What the source side of the pipeline is doing, for a view's header. */
export interface SourceView {
  /** The logs read, as the user named them (`-` is standard input). */
  files: string[];
  /** The log format, once known. */
  format: string | undefined;
  /** "follow" while following a live log, "replay" for --once (or a stream read to its end). */
  mode: "follow" | "replay";
  /** Lines read so far (parsed, invalid or skipped). */
  lines: number;
  /** Bytes read so far. */
  bytes: number;
  /** Bytes to read in all, for a replay of a file (undefined when unknown: following, a stream). */
  bytesTotal: number | undefined;
  /** Lines read per second of machine time, over the last few seconds. */
  linesPerSecond: number;
  /** Machine clock when reading began, milliseconds. */
  startedAt: number;
  /** True once the input has ended (a finished replay). */
  ended: boolean;
  /** How many notices of each kind the sources gave (rotations, truncations, over-long lines, …). */
  notices: Record<SourceNoticeKind, number>;
}

/** The periodic picture every sink that asks for it receives. */
export interface MonitorView {
  /** Machine clock when the view was taken, milliseconds. */
  wallMs: number;
  source: SourceView;
  engine: EngineView;
}

/**
 * One output of the monitor. Methods may return a promise: the fan-out then holds what comes next for
 * this sink until it settles (events and notices in order, never dropped; views collapsed to the
 * newest), so a slow sink never holds up the others nor the reading of the log. A sink that throws or
 * rejects is taken out of the fan-out, which says so once.
 */
export interface Sink {
  /** Names the sink in messages: "standard output", `output file "x"`, "web server". */
  readonly name: string;
  /**
   * True for an output the user asked for. When the last output fails the monitor stops (quietly if
   * it was standard output closed by its reader); helpers such as the progress line do not count.
   */
  readonly output: boolean;
  /** Every core event: stats, quiet, alert, recover, summary. */
  event(event: MonitorEvent): void | Promise<void>;
  /** Every source notice (rotation, truncation, over-long line, …). */
  notice?(notice: SourceNotice): void | Promise<void>;
  /**
   * The live view, about four times a second while following (and while a replay runs). Only sinks
   * that have this method cause views to be built.
   */
  view?(view: MonitorView): void | Promise<void>;
  /**
   * Each evaluated second of log time, in order, with its own hits and the window's: for charts of a
   * whole replay. Seconds skipped over in a quiet gap are not reported (they had no hits). Must be
   * cheap and synchronous: it runs for every second of a replay.
   */
  second?(time: number, hits: number, windowHits: number): void;
  /**
   * What this sink must carry across a restart (`--state`), as plain JSON data, taken at every
   * checkpoint: a notifier's open episode and what it has not delivered yet.
   */
  checkpoint?(): unknown;
  /** Takes back what checkpoint() gave in the run that wrote the state, before the first event. */
  restore?(saved: unknown): void;
  /**
   * Ends the sink: finish what is pending (a notifier its deliveries) within `deadlineMs` of machine
   * time, then release what it holds.
   */
  close(deadlineMs: number): Promise<void>;
}
