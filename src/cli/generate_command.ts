/** `monilog generate`: its options (spec §1), their validation, and the hand-off to the writer. */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { FORMATS } from "../record.ts";
import { type GenerateConfig, runGenerate } from "../generate/run_generate.ts";
import { numberOption } from "./option_parsers.ts";
import { UsageError } from "./errors.ts";

const DEFAULT_RATES = [8, 12, 8];
const DEFAULT_DURATIONS = [150, 150, 150];

/** Parses `--start`: unix seconds, or an ISO 8601 time. */
export function parseStart(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.floor(Number(value));
  const ms = /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError(
      "expected an ISO 8601 time (2026-11-24T10:00:00Z) or unix seconds.",
    );
  }
  return Math.floor(ms / 1000);
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
      `requests per second for each phase (default: ${DEFAULT_RATES.join(" ")})`,
      numberList(numberOption({ min: 0 })),
    )
    .option(
      "--durations <s...>",
      `length of each phase in seconds, as many as --rates (default: ${
        DEFAULT_DURATIONS.join(" ")
      })`,
      numberList(numberOption({ min: 1, integer: true })),
    )
    .option("-o, --output <path>", "file to append to; - writes standard output", "/tmp/access.log")
    .addOption(new Option("--format <f>", "line format").choices(FORMATS).default("clf" as const))
    .option(
      "--speed <x>",
      "time compression: at 60, one minute of traffic is written per real second; 0 = as fast as possible",
      numberOption({ min: 0 }),
      1,
    )
    .option(
      "--start <time>",
      "timestamp of the first request: ISO 8601 or unix seconds (default: now)",
      parseStart,
    )
    .option(
      "--seed <n>",
      "make the output reproducible (default: random)",
      numberOption({ integer: true }),
    )
    .option(
      "--exact",
      "make each phase's count exactly rate x duration (default: random, within a few %)",
    )
    .option(
      "--rotate-lines <n>",
      "rotate the output every N lines",
      numberOption({ min: 1, integer: true }),
    )
    .option(
      "--rotate-seconds <s>",
      "rotate the output every S seconds of log time",
      numberOption({ min: 1, integer: true }),
    )
    .addOption(
      new Option(
        "--rotate-mode <m>",
        "how to rotate: rename (move to .1, start a new file) or copytruncate",
      )
        .choices(["rename", "copytruncate"] as const).default("rename" as const),
    )
    .option(
      "--keep <n>",
      "rotated files to keep (.1 … .N)",
      numberOption({ min: 1, integer: true }),
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
      const config: GenerateConfig = {
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
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      Deno.addSignalListener("SIGINT", onSignal);
      Deno.addSignalListener("SIGTERM", onSignal);
      try {
        const report = await runGenerate(config, {
          now: () => Date.now(),
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          stderr: (line) => console.error(line),
          stdout: Deno.stdout,
          signal: stop.signal,
        });
        if (config.output !== "-") {
          console.error(
            `monilog generate: wrote ${report.lines} lines to "${config.output}" ` +
              `(per phase: ${report.perPhase.join(", ")}` +
              (report.rotations > 0 ? `; ${report.rotations} rotations` : "") + ")",
          );
        }
      } finally {
        Deno.removeSignalListener("SIGINT", onSignal);
        Deno.removeSignalListener("SIGTERM", onSignal);
      }
    });
}
