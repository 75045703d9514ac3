/** `monilog generate`'s action: checks the phases and rotation, then writes the traffic. */
import { type GenerateConfig, type GenerateReport, runGenerate } from "../generate/run_generate.ts";
import { UsageError } from "../errors.ts";
import { formatDuration } from "../sinks/time_format.ts";
import { escapeControl } from "../sinks/escape.ts";
import { DEFAULT_DURATIONS, DEFAULT_RATES } from "../generate/profile.ts";

/** Runs `generate` with the parsed options. */
export async function generateAction(parsed: Record<string, unknown>): Promise<void> {
  const config = generateConfig(parsed as unknown as GenerateOptions);
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
}

/** The options as the parser hands them over (with `--rates`/`--durations` still unchecked). */
interface GenerateOptions {
  rates?: number[];
  durations?: number[];
  output: string;
  format: GenerateConfig["format"];
  speed: number;
  start?: number;
  seed?: number;
  exact?: boolean;
  rotateLines?: number;
  rotateSeconds?: number;
  rotateMode: "rename" | "copytruncate";
  keep: number;
}

/** Checks what the parser cannot check option by option, and fills in the defaults. */
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
