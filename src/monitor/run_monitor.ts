/**
 * The monitor's loop: the thin I/O that ties a source to the line processor, the engine and the event
 * writer, drives the engine with the machine clock while the log is quiet, and stops on end of input,
 * --idle-timeout or a signal — always reading what is already written and printing the summary first.
 */
import type { FormatName } from "../record.ts";
import { type EngineOptions, MonitorEngine } from "../core/engine.ts";
import { EventWriter } from "../sinks/event_writer.ts";
import { appendFileOutput, type LineOutput, OutputClosed } from "../sinks/line_output.ts";
import { escapeControl } from "../sinks/escape.ts";
import { type FormatChoice, LineProcessor, UnknownFormatError } from "./line_processor.ts";
import { Progress, type ProgressOutput } from "./progress.ts";
import {
  followFile,
  isPipe,
  readPipe,
  readStream,
  SourceError,
  type SourceNotice,
} from "../source/mod.ts";
import { replayFile } from "../replay/replay_file.ts";
import type { BatchDictionaries, RecordBatch } from "../replay/record_batch.ts";
import { RuntimeFailure } from "../cli/errors.ts";
import { logFormatParser } from "../parse/mod.ts";
import { RunDictionary } from "../parse/run_dictionary.ts";

/** Everything `monilog monitor` was asked to do. */
export interface MonitorConfig {
  /** Log path, or `-` for standard input. */
  file: string;
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
  engine: EngineOptions;
}

/** The outside world, passed in so that tests and the composition root choose it. */
export interface MonitorRuntime {
  /** Machine clock, milliseconds. */
  now(): number;
  /** Main output. */
  stdout: LineOutput;
  /** Diagnostics (one line each). */
  stderr(line: string): void;
  /** Colour the main output. */
  color: boolean;
  /** Standard input, for `--file -`. */
  stdin(): ReadableStream<Uint8Array>;
  /**
   * Where a replay may draw its progress line, or undefined where it must not: standard error is not a
   * terminal, or JSON goes to a pipe.
   */
  progress(json: boolean): ProgressOutput | undefined;
  /** Calls `handler` on SIGINT or SIGTERM; returns a function that removes it. */
  onStopSignal(handler: () => void): () => void;
}

/** How often the clock drives the engine while following: well under the one-second promise. */
const TICK_MS = 250;

/** Runs the monitor until its input ends or it is told to stop. */
export async function runMonitor(config: MonitorConfig, rt: MonitorRuntime): Promise<void> {
  const copy = config.output === undefined ? undefined : appendFileOutput(config.output);
  const writer = new EventWriter({ json: config.json, color: rt.color, main: rt.stdout, copy });
  const progress = replayProgress(config, rt);
  const dictionary = new RunDictionary();
  const engine = new MonitorEngine(config.engine, (event) => {
    progress?.clear();
    writer.write(event);
  }, { keys: dictionary.keys });
  const label = config.file === "-" ? "standard input" : `"${escapeControl(config.file)}"`;
  const custom = config.logFormat === undefined ? undefined : logFormatParser(config.logFormat);
  const processor = new LineProcessor(config.format, engine, dictionary, (format: FormatName) => {
    if (config.format === "auto") rt.stderr(`monilog: ${label} looks like ${format}`);
  }, custom);
  const stop = new AbortController();
  let failure: unknown;
  let lastLine = rt.now();
  // Reading the clock for every line costs more than parsing some lines, and arrival time only
  // matters to the second: read it once at the start of each burst of lines.
  let clockFresh = false;
  const fail = (err: unknown) => {
    failure ??= err;
    stop.abort();
  };
  const guard = (fn: () => void) => {
    if (failure !== undefined) return;
    try {
      fn();
    } catch (err) {
      fail(err);
    }
  };
  /** Notes a line's arrival and returns its time (the clock is read once per burst). */
  const arrival = (): number => {
    if (!clockFresh) {
      lastLine = rt.now();
      clockFresh = true;
    }
    progress?.line();
    return lastLine;
  };
  // Per-line callbacks avoid guard()'s closure: they run millions of times in a replay.
  const onLine = (line: string) => {
    if (failure !== undefined) return;
    try {
      processor.line(line, arrival());
    } catch (err) {
      fail(err);
    }
  };
  const onLineBytes = (bytes: Uint8Array, start: number, end: number) => {
    if (failure !== undefined) return;
    try {
      processor.lineBytes(bytes, start, end, arrival());
    } catch (err) {
      fail(err);
    }
  };
  const onBatch = () => {
    clockFresh = false;
    guard(() => processor.endBatch());
  };
  const onNotice = (n: SourceNotice) => {
    // An over-long line is a bad line like any other: counted in "invalid", not fatal.
    if (n.kind === "oversized") guard(() => engine.addInvalid(rt.now()));
    rt.stderr(`monilog: ${describeNotice(n)}`);
  };
  const oversized = () => onNotice({ kind: "oversized", path: config.file });
  /** A region a worker parsed (parallel replay): one clock reading for all its rows. */
  const onRecords = (batch: RecordBatch, dictionaries: BatchDictionaries) => {
    lastLine = rt.now();
    progress?.line(batch.rows);
    guard(() => processor.rows(batch, dictionaries, lastLine, oversized));
  };

  const removeSignal = rt.onStopSignal(() => stop.abort());
  const follow = !config.once;
  const timer = setInterval(() => {
    clockFresh = false;
    const now = rt.now();
    if (follow) guard(() => engine.tick(now));
    if (config.idleTimeout > 0 && now - lastLine >= config.idleTimeout * 1000) stop.abort();
  }, TICK_MS);

  if (follow && !config.json) {
    rt.stderr(
      `monilog: following ${label}; alert above ${config.engine.threshold} req/s over ` +
        `${config.engine.window} s; Ctrl-C prints the summary`,
    );
  }
  try {
    const onProgress = progress ? (n: number) => progress.bytesRead(n) : undefined;
    const options = { onLine, onLineBytes, onBatch, onNotice, onProgress, signal: stop.signal };
    if (config.file === "-") await readStream(rt.stdin(), options);
    // A named pipe is read like standard input, with or without --once: to its writers' end.
    else if (isPipe(config.file)) await readPipe(config.file, options);
    else if (config.once) {
      await replayFile(config.file, {
        ...options,
        jobs: config.jobs,
        chunkBytes: config.chunkBytes,
        parseSpec: () =>
          config.logFormat !== undefined
            ? { logFormat: config.logFormat }
            : processor.format === undefined || processor.keysMostlyNew()
            ? undefined
            : { format: processor.format },
        runKeys: () => processor.runKeys(),
        onRecords,
      });
    } else await followFile(config.file, { ...options, fromStart: config.fromStart });
  } catch (err) {
    fail(err);
  } finally {
    clearInterval(timer);
    removeSignal();
    progress?.finish();
  }
  try {
    if (failure === undefined) processor.finish();
    // A source that failed part-way still gets its summary; one that failed before a record came
    // (missing, a directory, unreadable) gets none, as a summary of nothing is noise beside the error;
    // nor does a broken output or an unknown format.
    if (
      failure === undefined || (failure instanceof SourceError && engine.newest !== undefined)
    ) engine.finish();
  } catch (err) {
    failure ??= err;
  } finally {
    writer.close();
  }
  if (failure === undefined || failure instanceof OutputClosed) return;
  if (failure instanceof SourceError) throw new RuntimeFailure(failure.message);
  if (failure instanceof UnknownFormatError) {
    throw new RuntimeFailure(`Cannot recognise the log format of ${label}: ${failure.message}`);
  }
  throw failure;
}

/** A progress line for a replay of a file, where the runtime allows one. */
function replayProgress(config: MonitorConfig, rt: MonitorRuntime): Progress | undefined {
  if (!config.once || config.file === "-" || isPipe(config.file)) return undefined;
  const out = rt.progress(config.json);
  if (out === undefined) return undefined;
  try {
    return new Progress(Deno.statSync(config.file).size, out);
  } catch {
    return undefined; // the reader reports why the file cannot be read
  }
}

function describeNotice(n: SourceNotice): string {
  const path = `"${escapeControl(n.path)}"`;
  const detail = n.detail ? ` (${escapeControl(n.detail)})` : "";
  switch (n.kind) {
    case "waiting":
      return `waiting for ${path} to appear${detail}`;
    case "opened":
      return `reading ${path}${detail}`;
    case "rotated":
      return `${path} was rotated; reading the new file from its start${detail}`;
    case "truncated":
      return `${path} was truncated; reading it again from its start${detail}`;
    case "missing":
      return `${path} was removed; waiting for it to come back${detail}`;
    case "oversized":
      return `skipped an over-long line in ${path}${detail}`;
  }
}
