/** `monilog generate`: its options (spec §1); the action (generate_action.ts) is loaded to run it. */
import { FORMATS } from "../record.ts";
import { parseStartTime } from "../generate/start_time.ts";
import { numberOption } from "./option_parsers.ts";
import { DEFAULT_DURATIONS, DEFAULT_RATES } from "../generate/profile.ts";
import type { CliCommand } from "./cli_spec.ts";

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
    throw new Error(
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
  throw new Error(`expected 0 (unpaced) or a number from ${MIN_SPEED} to ${MAX_SPEED}.`);
}

/** The `generate` subcommand. */
export const GENERATE_COMMAND: CliCommand = {
  name: "generate",
  description: "Write realistic synthetic traffic to a log, phase by phase.",
  options: [
    {
      key: "rates",
      value: "r...",
      spaced: true,
      parse: numberOption({ min: 0, max: MAX_RATE }),
      help: `requests per second for each phase, 0 to ${MAX_RATE} (default: ${
        DEFAULT_RATES.join(" ")
      })`,
    },
    {
      key: "durations",
      value: "s...",
      spaced: true,
      parse: numberOption({ min: 1, max: MAX_DURATION, integer: true }),
      help: `length of each phase in seconds, 1 to ${MAX_DURATION} (30 days), as many as ` +
        `--rates (default: ${DEFAULT_DURATIONS.join(" ")})`,
    },
    {
      key: "output",
      short: "o",
      value: "path",
      path: true,
      default: "/tmp/access.log",
      help: "file to append to; - writes standard output",
    },
    { key: "format", value: "f", choices: FORMATS, default: "clf", help: "line format" },
    {
      key: "speed",
      value: "x",
      parse: parseSpeed,
      default: 1,
      help: "time compression: at 60, one minute of traffic (by its timestamps) is written per " +
        `real second; ${MIN_SPEED} to ${MAX_SPEED}, or 0 = unpaced, as fast as possible`,
    },
    {
      key: "start",
      value: "time",
      parse: parseStart,
      help: "timestamp of the first request: unix seconds or ISO 8601 (without an offset: in the " +
        "display time zone, TZ) (default: now)",
    },
    {
      key: "seed",
      value: "n",
      parse: numberOption({ min: 0, max: 0xffff_ffff, integer: true }),
      help: "make the output reproducible: same seed and options, same bytes (default: random, " +
        "shown at the end)",
    },
    {
      key: "exact",
      help: "make each phase's count exactly rate x duration (default: random, within a few %)",
    },
    {
      key: "rotateLines",
      value: "n",
      parse: numberOption({ min: 1, integer: true }),
      help: "rotate the output after every N lines",
    },
    {
      key: "rotateSeconds",
      value: "s",
      parse: numberOption({ min: 1, integer: true }),
      help: "rotate the output every S seconds of log time (S/speed real seconds)",
    },
    {
      key: "rotateMode",
      value: "m",
      choices: ["rename", "copytruncate"],
      default: "rename",
      help: "how to rotate: rename (move to .1, start a new file) or copytruncate (copy to .1, " +
        "empty the file in place)",
    },
    {
      key: "keep",
      value: "n",
      parse: numberOption({ min: 1, max: MAX_KEEP, integer: true }),
      default: 5,
      help: `rotated files to keep, 1 to ${MAX_KEEP}: PATH.1 (newest) … PATH.N; older ones are ` +
        "deleted",
    },
  ],
  examples: [
    "monilog generate --rates 9 11 8 --durations 150 150 150",
    "monilog generate --format combined --speed 0 --seed 1 --start 2026-01-01T00:00:00Z -o big.log",
    "monilog generate --speed 30 --rotate-lines 1000 --rotate-mode copytruncate",
  ],
  load: async () => (await import("./generate_action.ts")).generateAction,
};
