/** What `monilog monitor` was asked to do, and the outside world it runs in. */
import type { EngineOptions } from "../core/engine.ts";
import type { Clock } from "../clock.ts";
import type { LineOutput } from "../sinks/line_output.ts";
import type { ProgressOutput } from "../sinks/progress_sink.ts";
import type { FormatChoice } from "./line_processor.ts";
import type { HttpConfig } from "../sinks/http/mod.ts";
import type { TerminalIo } from "../sinks/tui/terminal.ts";

/** Everything `monilog monitor` was asked to do. */
export interface MonitorConfig {
  /** The first log (it names the run in messages): a path, a pattern, or `-` for standard input. */
  file: string;
  /** Every log to read: paths and patterns (`--file` repeated); [file] when there is one. */
  files: string[];
  /** Count each request for the file it came from (`--by file`). */
  byFile: boolean;
  format: FormatChoice;
  /** An nginx `log_format` or Apache `LogFormat` string; overrides `format`. */
  logFormat?: string;
  /** Read what the file holds before following it. */
  fromStart: boolean;
  /** Read to the end, report and exit (replay). */
  once: boolean;
  /** Stop after this many seconds without a new line; 0 = never. */
  idleTimeout: number;
  /** Threads that parse a replay; 1 reads it in one pass. */
  jobs: number;
  /** Region size of a parallel replay (tests make it tiny, so lines fall across regions). */
  chunkBytes?: number;
  /** JSON lines instead of text. */
  json: boolean;
  /** Also append every report and alert line to this file. */
  output?: string;
  /** Keep positions and the engine's state here, to go on after a restart (`--state DIR`). */
  state?: string;
  /** Serve the page, events, state and metrics (--http). */
  http?: HttpConfig;
  /** The terminal dashboard (--tui) instead of the text reports on standard output. */
  tui?: { refreshMs: number };
  engine: EngineOptions;
}

/** The outside world, passed in so that tests and the composition root choose it. */
export interface MonitorRuntime {
  /** The machine clock and timers. */
  clock: Clock;
  /** Main output. */
  stdout: LineOutput;
  /** Diagnostics (one line each). */
  stderr(line: string): void;
  /** Colour the main output. */
  color: boolean;
  /** Standard output's width when it is a terminal (text reports fit it), else undefined. */
  width(): number | undefined;
  /** Standard input, for `--file -`. */
  stdin(): ReadableStream<Uint8Array>;
  /**
   * Where a replay may draw its progress line, or undefined where it must not: standard error is not a
   * terminal, or JSON goes to a pipe.
   */
  progress(json: boolean): ProgressOutput | undefined;
  /** Calls `handler` on SIGINT or SIGTERM; returns a function that removes it. */
  onStopSignal(handler: () => void): () => void;
  /**
   * The terminal for --tui, or why there is none (`readsStdin`: the log comes from standard input, so
   * the keys must come from elsewhere). Absent: there is never one.
   */
  terminal?(readsStdin: boolean): TerminalIo | string;
}
