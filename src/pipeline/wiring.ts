/**
 * The wiring: turns what `monilog monitor` was asked (MonitorConfig) into a pipeline — the run's
 * dictionary, the engine, the sinks in delivery order, the processor and the source — and runs it.
 * It reads top to bottom; a new output is one more sink in `buildSinks`.
 */
import { type EngineWiring, MonitorEngine, type RestoreWiring } from "../core/engine.ts";
import { CheckpointRefused } from "../core/engine_checkpoint.ts";
import { Checkpoints } from "./checkpoints.ts";
import { needsSketches } from "./sketch_need.ts";
import { loadSketches } from "../core/sketches.ts";
import type { RunIdentity } from "./state_store.ts";
import type { MonitorEvent } from "../core/events.ts";
import { RuntimeFailure, UsageError } from "../errors.ts";
import { logFormatParser } from "../parse/mod.ts";
import { RunDictionary } from "../parse/run_dictionary.ts";
import { EventLineSink } from "../sinks/event_line_sink.ts";
import type { TuiSink } from "../sinks/tui/tui_sink.ts";
import { FanOut } from "../sinks/fan_out.ts";
import { appendFileOutput, OutputClosed } from "../sinks/line_output.ts";
import { NoticeCounter } from "../sinks/notice_counter.ts";
import { NoticeLogSink } from "../sinks/notice_log_sink.ts";
import { ProgressSink } from "../sinks/progress_sink.ts";
import type { Sink } from "../sinks/sink.ts";
import { escapeControl } from "../sinks/escape.ts";
import { describeEngineNotice } from "../sinks/engine_notice_text.ts";
import { describeIoError } from "../errors.ts";
import { SourceError } from "../source/source_error.ts";
import { ForcedFormatError, LineProcessor, UnknownFormatError } from "./line_processor.ts";
import type { MonitorConfig, MonitorRuntime } from "./monitor_config.ts";
import { type Pipeline, runPipeline } from "./run_pipeline.ts";
import { chooseSource } from "./sources.ts";
import { withFileCounts } from "./summary_files.ts";
import type { RequestCounter } from "../sinks/http/mod.ts";

/**
 * The optional outputs' modules, loaded only when asked for: the web server, the dashboard and the
 * notifiers weigh about 85 ms of start-up that a plain replay or follow should not pay.
 */
interface Optional {
  http?: typeof import("../sinks/http/mod.ts");
  tui?: typeof import("../sinks/tui/tui_sink.ts");
  notify?: typeof import("../notify/notify_sinks.ts");
}

async function loadOptional(config: MonitorConfig): Promise<Optional> {
  // The response-time sketches (CommonJS: ~60 ms of start-up), for runs that may use them.
  if (await needsSketches(config)) await loadSketches();
  return {
    http: config.http ? await import("../sinks/http/mod.ts") : undefined,
    tui: config.tui ? await import("../sinks/tui/tui_sink.ts") : undefined,
    notify: config.notify ? await import("../notify/notify_sinks.ts") : undefined,
  };
}

/** Skewed lines said one by one on standard error; the rest are only counted. */
const MAX_SKEWED_SAID = 10;

/** How long the end of a run may wait for its sinks (a notifier's last deliveries), ms. */
const CLOSE_MS = 5000;

/** Runs `monilog monitor` as `config` says, in the world `rt` gives. */
export async function runMonitor(config: MonitorConfig, rt: MonitorRuntime): Promise<void> {
  const label = config.file === "-" ? "standard input" : `"${escapeControl(config.file)}"`;
  const failures: string[] = [];
  const optional = await loadOptional(config);
  const { pipeline, quietStop } = buildPipeline(config, rt, failures, optional);
  if (pipeline.source.mode === "follow" && !config.json) {
    rt.stderr(
      `monilog: following ${label}; alert above ${config.engine.threshold} req/s over ` +
        `${config.engine.window} s; Ctrl-C prints the summary`,
    );
  }
  const { failure } = await runPipeline(pipeline);
  if (failure instanceof SourceError) throw new RuntimeFailure(failure.message);
  if (failure instanceof UnknownFormatError) {
    throw new RuntimeFailure(`Cannot recognise the log format of ${label}: ${failure.message}`);
  }
  if (failure instanceof ForcedFormatError) {
    throw new RuntimeFailure(`Cannot read ${label}: ${failure.message}`);
  }
  if (failure !== undefined) throw failure;
  // A failed output was said at once; the exit code still says the run did not go well, unless the
  // only thing that happened is that standard output's reader went away (`monilog … | head`).
  if (failures.length > 0 && !quietStop()) throw new RuntimeFailure(failures[0], true);
}

/** Builds the pipeline for `config`; failed outputs are said on stderr and listed in `failures`. */
export function buildPipeline(
  config: MonitorConfig,
  rt: MonitorRuntime,
  failures: string[],
  optional: Optional,
): { pipeline: Pipeline; quietStop: () => boolean } {
  const clock = rt.clock;
  const stop = new AbortController();
  const halt = new AbortController();
  // A sink's stop (the dashboard's `q`) is a first signal; asked again, a second one.
  const requestStop = () => (stop.signal.aborted ? halt.abort() : stop.abort());
  const label = config.file === "-" ? "standard input" : `"${escapeControl(config.file)}"`;

  // 0. The dashboard takes the terminal: diagnostics written meanwhile would land in its frame, so
  // they go through it (held, then printed once the screen is restored).
  const tui = config.tui === undefined
    ? undefined
    : tuiSink(config, rt, requestStop, optional.tui!);
  if (tui !== undefined) rt = { ...rt, stderr: (line) => tui.diagnostic(line) };

  // 1. The sinks, in delivery order: the progress line first, so that it steps aside for reports.
  const notices = new NoticeCounter();
  // Per-request counters for /metrics cost a little on every line: only when metrics are served.
  const requests = config.http
    ? new optional.http!.RequestCounter(config.http.metricsSections)
    : undefined;
  const sinks = buildSinks({
    config,
    rt,
    notices,
    requestStop,
    requests,
    tui,
    optional,
  });
  let stdoutClosed = false;
  const fanOut = new FanOut(sinks, {
    clock,
    onFailure(sink, err) {
      if (err instanceof OutputClosed) stdoutClosed = true;
      else {
        const message = err instanceof RuntimeFailure
          ? err.message
          : `${sink.name} failed: ${describeIoError(err)}`;
        failures.push(message);
        rt.stderr(`monilog: ${escapeControl(message)}`);
      }
      if (fanOut.outputsLeft === 0) stop.abort();
    },
  });

  // 2. The run's dictionary and the engine, which speaks to the sinks; with --state, the engine the
  // last run left, if it left one.
  const checkpoints = config.state === undefined
    ? undefined
    : new Checkpoints(config.state, runIdentity(config));
  const dictionary = new RunDictionary();
  const emit = (event: MonitorEvent) => fanOut.event(withFileCounts(event, notices));
  let skewedSaid = 0;
  const engineWiring: EngineWiring = {
    keys: dictionary.keys,
    dictionary,
    windowTables: fanOut.wantsViews,
    onSecond: fanOut.wantsSeconds ? (t, h, w) => fanOut.second(t, h, w) : undefined,
    requests,
    onNotice: (n) => {
      // A log of a million skewed lines must not print a million lines: the first few, then a count.
      if (n.kind === "skewed" && ++skewedSaid > MAX_SKEWED_SAID) {
        if (skewedSaid === MAX_SKEWED_SAID + 1) {
          rt.stderr(`monilog: further lines stamped far from the log's time are counted as skewed`);
        }
        return;
      }
      rt.stderr(`monilog: ${describeEngineNotice(n, label)}`);
    },
  };
  // The sinks that carry something across a restart (notifiers), each under a key of its own.
  const kept = keptSinks(sinks);
  if (checkpoints !== undefined) {
    for (const [key, sink] of kept) sink.restore?.(checkpoints.sink(key));
  }
  const engine = checkpoints?.engine === undefined
    ? new MonitorEngine(config.engine, emit, engineWiring)
    : restored(checkpoints.engine, emit, {
      ...engineWiring,
      options: config.engine,
      resumeAt: clock.now(),
    }, config.state!);

  // 3. The processor: parses what the source reads and feeds the engine. `paths` names the logs by
  // source index; the source fills it in as it opens them.
  const paths: string[] = [];
  const custom = config.logFormat === undefined
    ? undefined
    : { parser: logFormatParser(config.logFormat), logFormat: config.logFormat };
  const processor = new LineProcessor({
    format: config.format,
    custom,
    engine,
    dictionary,
    clock,
    paths,
    byFile: config.byFile,
    onDetect: (format) => {
      if (config.format === "auto") rt.stderr(`monilog: ${label} looks like ${format}`);
    },
    onNotice: (n) => fanOut.notice(n),
    onWarning: (text) => rt.stderr(`monilog: ${label}: ${text}`),
  });

  // Not while lines are held to detect the format (they are past the positions, not in the engine),
  // nor while a follower reads a file its positions do not name: then the next tick tries again.
  let savedOnce = false;
  const checkpoint = checkpoints && (() => {
    if (processor.holding) return false;
    const saved = checkpoints.save(() => ({
      engine: engine.checkpoint(),
      sinks: Object.fromEntries([...kept].map(([key, sink]) => [key, sink.checkpoint!()])),
    }), clock.now());
    savedOnce ||= saved;
    return saved;
  });

  // 4. The source.
  const source = chooseSource({
    file: config.file,
    files: config.files,
    paths,
    once: config.once,
    fromStart: config.fromStart,
    jobs: config.jobs,
    chunkBytes: config.chunkBytes,
    clock,
    stdin: rt.stdin,
    checkpoints,
    // The first checkpoint as soon as a follower knows where it starts: a crash in the first
    // second then resumes from there, not from nothing.
    onPositioned: checkpoint && (() => void (savedOnce || checkpoint())),
  });

  const pipeline: Pipeline = {
    clock,
    source,
    processor,
    engine,
    sinks: fanOut,
    notices,
    files: config.files,
    idleTimeout: config.idleTimeout,
    // A finished replay stays on the page (until Ctrl-C) or the dashboard (until q): it is there to
    // be looked at.
    holdAfterEnd: config.once && (config.http !== undefined || config.tui !== undefined),
    onStopSignal: rt.onStopSignal,
    stop,
    halt,
    closeMs: CLOSE_MS,
    checkpoint,
  };
  return { pipeline, quietStop: () => stdoutClosed };
}

/**
 * The sinks with a checkpoint, by their name — made unique by a count (two webhooks on one host are
 * "webhook example.com" and "webhook example.com #2"), in the order given, as every run builds them.
 */
function keptSinks(sinks: readonly Sink[]): Map<string, Sink> {
  const out = new Map<string, Sink>();
  for (const sink of sinks) {
    if (sink.checkpoint === undefined) continue;
    let key = sink.name;
    for (let n = 2; out.has(key); n++) key = `${sink.name} #${n}`;
    out.set(key, sink);
  }
  return out;
}

/** What makes a run the same run as the one that wrote a state. */
function runIdentity(config: MonitorConfig): RunIdentity {
  const { threshold, window, interval, late, top } = config.engine;
  return {
    files: config.files,
    format: config.format,
    ...(config.logFormat !== undefined ? { logFormat: config.logFormat } : {}),
    threshold,
    window,
    interval,
    late,
    top,
    byFile: config.byFile,
  };
}

/** The engine the last run left in `dir`, or one clear line saying why it cannot be used. */
function restored(
  checkpoint: unknown,
  emit: (event: MonitorEvent) => void,
  wiring: RestoreWiring,
  dir: string,
): MonitorEngine {
  try {
    return MonitorEngine.restore(checkpoint, emit, wiring);
  } catch (err) {
    if (err instanceof CheckpointRefused) {
      throw new RuntimeFailure(`The state in "${dir}" cannot be used: ${err.message}`);
    }
    throw err;
  }
}

/** What the sinks are built from. */
interface SinkContext {
  config: MonitorConfig;
  rt: MonitorRuntime;
  /** Counts the sources' notices (it is a sink too, and feeds the views and the summary). */
  notices: NoticeCounter;
  /** Stops the run as Ctrl-C would (a dashboard's `q`). */
  requestStop: () => void;
  /** The engine's per-request counters, when /metrics is served. */
  requests: RequestCounter | undefined;
  /** The terminal dashboard, when --tui was given: it replaces the text on standard output. */
  tui: TuiSink | undefined;
  /** The optional outputs' modules the options asked for. */
  optional: Optional;
}

/** The --tui dashboard, or a usage error naming why this is not a terminal it can use. */
function tuiSink(
  config: MonitorConfig,
  rt: MonitorRuntime,
  requestStop: () => void,
  module: NonNullable<Optional["tui"]>,
): TuiSink {
  const terminal = rt.terminal?.(config.file === "-") ?? "no terminal";
  if (typeof terminal === "string") throw new UsageError(`--tui needs a terminal: ${terminal}`);
  return new module.TuiSink({
    clock: rt.clock,
    requestStop,
    terminal,
    refreshMs: config.tui!.refreshMs,
    color: rt.color,
    rows: config.engine.top,
    stdout: (line) => rt.stdout.writeLine(line),
    stderr: (line) => rt.stderr(line),
  });
}

/** The outputs `config` asks for, in the order they hear each event. */
function buildSinks({ config, rt, notices, requests, tui, optional }: SinkContext): Sink[] {
  const sinks: Sink[] = [];
  // The dashboard shows a replay's progress itself.
  const progress = config.once && config.file !== "-" && tui === undefined
    ? rt.progress(config.json)
    : undefined;
  if (progress !== undefined) sinks.push(new ProgressSink(progress));
  if (tui !== undefined) sinks.push(tui);
  else {
    sinks.push(
      new EventLineSink({
        name: "standard output",
        out: rt.stdout,
        json: config.json,
        color: rt.color && !config.json,
        width: rt.width,
      }),
    );
  }
  if (config.output !== undefined) {
    sinks.push(
      new EventLineSink({
        name: `output file "${config.output}"`,
        out: appendFileOutput(config.output),
        json: config.json,
        color: false,
      }),
    );
  }
  if (config.http !== undefined) {
    sinks.push(optional.http!.startHttpSink(config.http, {
      clock: rt.clock,
      stderr: rt.stderr,
      requests,
      holds: config.once,
    }));
  }
  sinks.push(new NoticeLogSink(rt.stderr), notices);
  if (config.notify !== undefined) {
    sinks.push(...optional.notify!.notifySinks({
      config: config.notify,
      once: config.once,
      // Named as the user gave them (a glob stays a glob): the `file` label of every message.
      file: config.files.map((f) => (f === "-" ? "standard input" : f)).join(", "),
      clock: rt.clock,
      env: rt.notify ?? { hostname: () => "localhost", random: Math.random, timeScale: 1 },
      stderr: rt.stderr,
    }));
  }
  return sinks;
}
