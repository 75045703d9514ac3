/**
 * `deno task simulate`: the whole story in well under a minute. Starts the monitor on a fresh temporary
 * log, then the generator with a compressed clock (normal traffic, a surge, a quiet tail); the monitor's
 * report is shown live and kept in `simulation-<timestamp>.log`, and the monitor stops by itself once the
 * generator is done (its idle timeout).
 *
 * The alert engine runs on log time, so the profile ends with a low-rate phase long enough for the
 * window to drain below the threshold on the log's own timestamps: the recovery does not wait for the
 * machine clock.
 */
import { Command } from "@commander-js/extra-typings";
import { numberOption } from "../src/cli/option_parsers.ts";
import { PERMISSION_SET } from "./permission_set.ts";

const ROOT = new URL("../", import.meta.url).pathname;

const program = new Command("simulate")
  .description("Run generate and monitor together on a temporary log with a compressed clock.")
  .option("--rates <r...>", "requests per second for each phase", ["6", "16", "4"])
  .option("--durations <s...>", "length of each phase in log seconds", ["150", "150", "150"])
  .option("--speed <x>", "log seconds written per real second", numberOption({ min: 1 }), 25)
  .option(
    "--threshold <n>",
    "alert threshold (req/s over the window)",
    numberOption({ min: 0 }),
    10,
  )
  .option("--format <f>", "log format", "combined")
  .option("--seed <n>", "generator seed", "42")
  .option(
    "--report <path>",
    "where to keep the monitor's report (default: simulation-<timestamp>.log)",
  )
  .showSuggestionAfterError(true);
program.parse(Deno.args, { from: "user" });
const o = program.opts();

const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const report = o.report ?? `simulation-${stamp}.log`;
const dir = await Deno.makeTempDir({ prefix: "monilog-simulate-" });
const log = `${dir}/access.log`;
const monilog = (args: string[], stdout: "inherit" | "null") =>
  new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", `-P=${PERMISSION_SET}`, `${ROOT}main.ts`, ...args],
    stdout,
    stderr: "inherit",
  }).spawn();

const seconds = o.durations.reduce((s, d) => s + Number(d), 0);
console.error(
  `simulate: ${seconds} s of traffic (rates ${o.rates.join(" ")} req/s for ${
    o.durations.join(" ")
  } s) ` +
    `at ${o.speed}x into ${log}; threshold ${o.threshold} req/s over 120 s; about ` +
    `${Math.ceil(seconds / o.speed) + 3} s of real time\n`,
);

// The monitor starts first and waits for the file; it stops 3 s after the last line.
const monitor = monilog([
  "monitor",
  "--file",
  log,
  "--from-start",
  "--threshold",
  String(o.threshold),
  "--idle-timeout",
  "3",
  "--output",
  report,
], "inherit");
await new Promise((r) => setTimeout(r, 300));
const generator = monilog([
  "generate",
  "--output",
  log,
  "--format",
  o.format,
  "--rates",
  ...o.rates,
  "--durations",
  ...o.durations,
  "--speed",
  String(o.speed),
  "--seed",
  o.seed,
], "null");

const [gen, mon] = await Promise.all([generator.status, monitor.status]);
await Deno.remove(dir, { recursive: true });
console.error(`\nsimulate: the monitor's report is in ${report}`);
Deno.exit(gen.success && mon.success ? 0 : 1);
