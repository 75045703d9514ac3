/** `monilog generate`: its options (spec §1), their validation, and the hand-off to the writer. */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { FORMATS } from "../record.ts";
import { type GenerateConfig, type GenerateReport, runGenerate } from "../generate/run_generate.ts";
import { parseStartTime } from "../generate/start_time.ts";
import { numberOption } from "./option_parsers.ts";
import { UsageError } from "../errors.ts";
import { formatDuration } from "../sinks/time_format.ts";
import { escapeControl } from "../sinks/escape.ts";

const DEFAULT_RATES = [8, 12, 8];
const DEFAULT_DURATIONS = [150, 150, 150];

/**
 * Upper bounds, generous for any real use, that make a slip of the finger a usage error instead of a
 * crash: a second's requests are built and formatted in memory at once (a million lines is ~100 MB of
 * text), timestamps must stay dates, and every rotation renames each kept file.
 */
const MAX_RATE = 1_000_000;
const MAX_DURATION = 30 * 24 * 3600;
const MAX_KEEP = 1000;
/**
 * A paced run sleeps up to 1000 / speed ms at a time, and timers cap out at 2^31 - 1 ms (24.8 days;
 * longer ones fire at once): below 0.001 (a log second per 16.7 minutes) pacing would silently stop.
 * Above a million, pacing is no longer distinguishable from unpaced (0).
 */
const MIN_SPEED = 0.001;
const MAX_SPEED = 1_000_000;

/** Parses `--start`: unix seconds, or an ISO 8601 date or date-time. */
export function parseStart(value: string): number {
  const seconds = parseStartTime(value);
  if (seconds === undefined) {
    throw new InvalidArgumentError(
      "expected an ISO 8601 time (2026-11-24T10:00:00Z; without an offset, in the display time " +
        "zone) or unix seconds.",
    );
  }
  return seconds;
}

const anySpeed = numberOption({ min: 0, max: MAX_SPEED });

/** Parses `--speed`: 0 (unpaced), or a pace from MIN_SPEED to MAX_SPEED. */
function parseSpeed(value: string): number {
  let speed = NaN;
  try {
    speed = anySpeed(value);
  } catch {
    // Reported below with the whole accepted range.
  }
  if (speed === 0 || speed >= MIN_SPEED) return speed;
  throw new InvalidArgumentError(
    `expected 0 (unpaced) or a number from ${MIN_SPEED} to ${MAX_SPEED}.`,
  );
}

/** Accumulates a variadic list of numbers, each checked by `parse`. */
function numberList(parse: (v: string) => number) {
  return (
    value: string,
    previous: number[] | undefined,
  ): number[] => [...(previous ?? []), parse(value)];
}

/** Builds the `generate` subcommand. */
export function generateCommand(): Command {
  return new Command("generate")
    .description("Write realistic synthetic traffic to a log, phase by phase.")
    .option(
      "--rates <r...>",
      `requests per second for each phase, 0 to ${MAX_RATE} (default: ${DEFAULT_RATES.join(" ")})`,
      numberList(numberOption({ min: 0, max: MAX_RATE })),
    )
    .option(
      "--durations <s...>",
      `length of each phase in seconds, 1 to ${MAX_DURATION} (30 days), as many as --rates ` +
        `(default: ${DEFAULT_DURATIONS.join(" ")})`,
      numberList(numberOption({ min: 1, max: MAX_DURATION, integer: true })),
    )
    .option("-o, --output <path>", "file to append to; - writes standard output", "/tmp/access.log")
    .addOption(new Option("--format <f>", "line format").choices(FORMATS).default("clf" as const))
    .option(
      "--speed <x>",
      "time compression: at 60, one minute of traffic (by its timestamps) is written per real " +
        `second; ${MIN_SPEED} to ${MAX_SPEED}, or 0 = unpaced, as fast as possible`,
      parseSpeed,
      1,
    )
    .option(
      "--start <time>",
      "timestamp of the first request: unix seconds or ISO 8601 (without an offset: in the " +
        "display time zone, TZ) (default: now)",
      parseStart,
    )
    .option(
      "--seed <n>",
      "make the output reproducible: same seed and options, same bytes (default: random, shown " +
        "at the end)",
      numberOption({ min: 0, max: 0xffff_ffff, integer: true }),
    )
    .option(
      "--exact",
      "make each phase's count exactly rate x duration (default: random, within a few %)",
    )
    .option(
      "--rotate-lines <n>",
      "rotate the output after every N lines",
      numberOption({ min: 1, integer: true }),
    )
    .option(
      "--rotate-seconds <s>",
      "rotate the output every S seconds of log time (S/speed real seconds)",
      numberOption({ min: 1, integer: true }),
    )
    .addOption(
      new Option(
        "--rotate-mode <m>",
        "how to rotate: rename (move to .1, start a new file) or copytruncate (copy to .1, empty " +
          "the file in place)",
      )
        .choices(["rename", "copytruncate"] as const).default("rename" as const),
    )
    .option(
      "--keep <n>",
      `rotated files to keep, 1 to ${MAX_KEEP}: PATH.1 (newest) … PATH.N; older ones are deleted`,
      numberOption({ min: 1, max: MAX_KEEP, integer: true }),
      5,
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  monilog generate --rates 9 11 8 --durations 150 150 150\n" +
        "  monilog generate --format combined --speed 0 --seed 1 --start 2026-01-01T00:00:00Z -o big.log\n" +
        "  monilog generate --speed 30 --rotate-lines 1000 --rotate-mode copytruncate\n",
    )
    .action(async (opts) => {
      const config = generateConfig(opts);
      // Someone at a terminal would otherwise wait minutes on a command that says nothing.
      if (config.output !== "-" && Deno.stderr.isTerminal()) console.error(describeStart(config));
      const report = await withStopSignal((signal) =>
        runGenerate(config, {
          now: () => Date.now(),
          sleep: (ms) => sleep(ms, signal),
          stderr: (line) => console.error(line),
          stdout: Deno.stdout,
          signal,
        })
      );
      if (config.output !== "-") console.error(describeRun(config, report));
    });
}

/** The options as commander hands them over (with `--rates`/`--durations` still unchecked). */
interface GenerateOptions {
  rates?: number[];
  durations?: number[];
  output: string;
  format: GenerateConfig["format"];
  speed: number;
  start?: number;
  seed?: number;
  exact?: true;
  rotateLines?: number;
  rotateSeconds?: number;
  rotateMode: "rename" | "copytruncate";
  keep: number;
}

/** Checks what commander cannot check option by option, and fills in the defaults. */
function generateConfig(opts: GenerateOptions): GenerateConfig {
  const rates = opts.rates ?? DEFAULT_RATES;
  const durations = opts.durations ?? (opts.rates ? undefined : DEFAULT_DURATIONS);
  if (durations === undefined || durations.length !== rates.length) {
    throw new UsageError(
      `--durations: expected as many values as --rates (${rates.length}), got ${
        durations?.length ?? 0
      }`,
    );
  }
  const rotating = opts.rotateLines !== undefined || opts.rotateSeconds !== undefined;
  if (rotating && opts.output === "-") {
    throw new UsageError(
      "--rotate-lines/--rotate-seconds: cannot rotate standard output (use --output PATH)",
    );
  }
  return {
    phases: rates.map((rate, i) => ({ rate, duration: durations[i] })),
    start: opts.start ?? Math.floor(Date.now() / 1000),
    seed: opts.seed ?? crypto.getRandomValues(new Uint32Array(1))[0],
    exact: Boolean(opts.exact),
    format: opts.format,
    output: opts.output,
    speed: opts.speed,
    rotate: rotating
      ? {
        everyLines: opts.rotateLines ?? 0,
        everySeconds: opts.rotateSeconds ?? 0,
        mode: opts.rotateMode,
        keep: opts.keep,
      }
      : undefined,
  };
}

/** The opening line on a terminal: what will be written where, and for how long. */
export function describeStart(config: GenerateConfig): string {
  const seconds = config.phases.reduce((n, p) => n + p.duration, 0);
  const rates = config.phases.map((p) => p.rate).join(", ");
  const pace = config.speed === 0
    ? "as fast as it can"
    : `at ${config.speed}x, about ${formatDuration(Math.ceil(seconds / config.speed))}`;
  return `monilog generate: writing ${formatDuration(seconds)} of traffic (${rates} req/s) to ` +
    `"${escapeControl(config.output)}" ${pace}; Ctrl-C stops it`;
}

/** The closing line on stderr: what was written where, and the seed that reproduces it. */
export function describeRun(config: GenerateConfig, report: GenerateReport): string {
  const stopped = report.stopped === "signal" ? "stopped early: " : "";
  const rotations = report.rotations > 0 ? `; ${report.rotations} rotations` : "";
  return `monilog generate: ${stopped}wrote ${report.lines} lines to "${config.output}" ` +
    `(per phase: ${report.perPhase.join(", ")}${rotations}; seed ${config.seed})`;
}

/** Runs `fn` with a signal that SIGINT (and SIGTERM, where it exists) abort. */
async function withStopSignal<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  try {
    return await fn(stop.signal);
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  }
}

/** Waits `ms`, or less when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
