/**
 * `deno task simulate`: the whole story in well under a minute. Starts the monitor on a fresh temporary
 * log and the generator with a compressed clock (normal traffic, a surge, a quiet tail); the monitor's
 * dashboard (`--tui`, on a terminal; `--no-tui` for the line report) or its report is shown live, the
 * report is kept in `simulation-<timestamp>.log` (in the directory the task was started from), and the
 * monitor stops by itself once the generator is done (its idle timeout), or at `q` on the dashboard.
 *
 * The alert engine runs on log time, and while the log is quiet it moves log time on at the machine
 * clock's pace only. So the profile ends with a low-rate phase long enough for the window to drain below
 * the threshold on the log's own timestamps: the recovery does not wait for the machine clock. The plan
 * printed first says when to expect the alert and the recovery, and warns when the profile is such that
 * they will not be seen.
 */
import { resolve } from "node:path";
import { parseTaskOptions } from "../src/cli/cli_app.ts";
import { numberOption } from "../src/cli/option_parsers.ts";
import { expectedStory, type Phase, profileSeconds } from "../src/generate/profile.ts";
import { FORMATS } from "../src/record.ts";
import { runtimeArgs } from "./runtime_flags.ts";

const MAIN = new URL("../main.ts", import.meta.url).href;

/** The task's settings, as parsed from its command line. */
interface SimulateOptions {
  rates?: number[];
  durations?: number[];
  speed: number;
  threshold: number;
  window: number;
  format: (typeof FORMATS)[number];
  seed: number;
  idleTimeout?: number;
  noTui?: boolean;
  report?: string;
}

/** Parses the command line; exits 2 (one line on stderr) on a usage error, 0 after --help. */
async function options() {
  const o = await parseTaskOptions(
    "simulate",
    "Run generate and monitor together on a temporary log with a compressed clock: normal " +
      "traffic, an alert and its recovery in well under a minute.",
    [
      {
        key: "rates",
        value: "r...",
        spaced: true,
        parse: numberOption({ min: 0 }),
        help: "requests per second for each phase (default: 6 16 4)",
      },
      {
        key: "durations",
        value: "s...",
        spaced: true,
        parse: numberOption({ min: 1, integer: true }),
        help: "length of each phase in log seconds, as many as --rates (default: 150 each)",
      },
      {
        key: "speed",
        value: "x",
        parse: numberOption({ min: 1 }),
        default: 25,
        help: "log seconds written per real second",
      },
      {
        key: "threshold",
        value: "n",
        parse: numberOption({ min: 0 }),
        default: 10,
        help: "alert threshold (req/s averaged over the window)",
      },
      {
        key: "window",
        value: "s",
        parse: numberOption({ min: 1, integer: true }),
        default: 120,
        help: "alert window in seconds",
      },
      { key: "format", value: "f", choices: FORMATS, default: "combined", help: "log format" },
      {
        key: "seed",
        value: "n",
        parse: numberOption({ min: 0, integer: true }),
        default: 42,
        help: "generator seed",
      },
      {
        key: "idleTimeout",
        value: "s",
        parse: numberOption({ min: 1, integer: true }),
        help: "the monitor stops this many seconds after the last line (default: 3, or 15 with " +
          "the dashboard)",
      },
      {
        key: "noTui",
        help: "print the line report even on a terminal (default there: the --tui dashboard)",
      },
      {
        key: "report",
        value: "path",
        path: true,
        help: "where to keep the monitor's report (default: simulation-<timestamp>.log)",
      },
    ],
    Deno.args,
  ) as unknown as SimulateOptions;
  const rates = o.rates ?? [6, 16, 4];
  const durations = o.durations ?? rates.map(() => 150);
  if (durations.length !== rates.length) {
    console.error(
      `simulate: --durations: expected as many values as --rates (${rates.length}), ` +
        `got ${durations.length}`,
    );
    Deno.exit(2);
  }
  // The dashboard where there is a terminal to draw it on; it holds the end on screen a little longer.
  const tui = !o.noTui && Deno.stdout.isTerminal();
  return {
    ...o,
    tui,
    idleTimeout: o.idleTimeout ?? (tui ? 15 : 3),
    phases: rates.map((rate, i): Phase => ({ rate, duration: durations[i] })),
  };
}

const o = await options();
// `deno task` runs in the project's directory; the report belongs where the user typed the command.
const cwd = Deno.env.get("INIT_CWD") ?? Deno.cwd();
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const report = resolve(cwd, o.report ?? `simulation-${stamp}.log`);
const dir = await Deno.makeTempDir({ prefix: "monilog-simulate-" });
const log = `${dir}/access.log`;
const monilog = (args: string[], stdout: "inherit" | "null") =>
  new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", ...runtimeArgs(), MAIN, ...args],
    stdin: "null",
    stdout,
    stderr: "inherit",
  }).spawn();

console.error(plan());

// The monitor waits for the file to appear, reads it from its first line, and stops `--idle-timeout`
// seconds after the generator's last line; its dashboard, or its statistics and alerts, go to this
// terminal.
const monitor = monilog([
  "monitor",
  ...["--file", log, "--from-start", "--format", o.format],
  ...["--threshold", String(o.threshold), "--window", String(o.window)],
  ...["--idle-timeout", String(o.idleTimeout), "--output", report],
  ...(o.tui ? ["--tui", "--refresh", "0.5"] : []),
], "inherit");
const generator = monilog([
  "generate",
  ...["--output", log, "--format", o.format, "--speed", String(o.speed), "--seed", String(o.seed)],
  ...["--rates", ...o.phases.map((p) => String(p.rate))],
  ...["--durations", ...o.phases.map((p) => String(p.duration))],
], "null");

// Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on, so that
// the monitor still prints its summary and the temporary log is still removed.
const passOn = () => {
  for (const child of [generator, monitor]) {
    try {
      child.kill("SIGTERM");
    } catch {
      // Already gone.
    }
  }
};
const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
for (const s of signals) Deno.addSignalListener(s, passOn);

// `q` on the dashboard ends the monitor (Ctrl-C there is a key, not a signal): the demo is over.
let stoppedEarly = false;
monitor.status.then(() => {
  try {
    generator.kill("SIGTERM");
    stoppedEarly = true;
  } catch {
    // Already done.
  }
});
const [gen, mon] = await Promise.all([generator.status, monitor.status]);
for (const s of signals) Deno.removeSignalListener(s, passOn);
await Deno.remove(dir, { recursive: true });
console.error(`\nsimulate: the monitor's report is in ${report}`);
Deno.exit((gen.success || stoppedEarly) && mon.success ? 0 : 1);

/** What is about to happen, and when the alert and the recovery should show. */
function plan(): string {
  const seconds = profileSeconds(o.phases);
  const realTime = (s: number) => `${Math.round((s / o.speed) * 10) / 10} s`;
  const at = (s: number) => `about ${realTime(s)} in (log time +${s} s)`;
  const story = expectedStory(o.phases, o);
  const rates = o.phases.map((p) => p.rate).join(" ");
  const durations = o.phases.map((p) => p.duration).join(" ");
  const lines = [
    `simulate: ${seconds} s of traffic (rates ${rates} req/s for ${durations} s) at ${o.speed}x, ` +
    `about ${realTime(seconds)} plus ${o.idleTimeout} s of real time; threshold ` +
    `${o.threshold} req/s over ${o.window} s`,
  ];
  if (story.alert === undefined) {
    lines.push(
      "simulate: the window never goes above the threshold at these rates: expect no alert",
    );
  } else if (story.recover === undefined) {
    lines.push(
      `simulate: expect the alert ${at(story.alert)}; the traffic ends before the window drains ` +
        "below the threshold, so no recovery will be seen (end with a longer, quieter phase)",
    );
  } else {
    lines.push(
      `simulate: expect the alert ${at(story.alert)} and the recovery ${at(story.recover)}`,
    );
  }
  if (o.tui) lines.push("simulate: the dashboard follows; q quits early, ? shows the keys");
  return `${lines.join("\n")}\nsimulate: log ${log}, report ${report}\n`;
}
