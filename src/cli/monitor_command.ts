/** `monilog monitor`: its options (spec §1), their validation, and the hand-off to the runner. */
import { Command, Option } from "@commander-js/extra-typings";
import { FORMATS } from "../record.ts";
import { DEFAULT_ENGINE_OPTIONS } from "../core/engine.ts";
import type { MonitorConfig, MonitorRuntime } from "../pipeline/monitor_config.ts";
import { runMonitor } from "../pipeline/wiring.ts";
import { numberOption } from "./option_parsers.ts";
import { REFRESH_MAX, REFRESH_MIN } from "../sinks/tui/refresh.ts";
import { UsageError } from "../errors.ts";
import { LogFormatError, logFormatParser } from "../parse/mod.ts";
import { receiverFlags, receiverOptions } from "./receiver_options.ts";
import { hasReceivers } from "../notify/receivers/mod.ts";
import { globProblem } from "../source/glob.ts";
import { DEFAULT_METRICS_SECTIONS, listenAddressOption, TOKEN_ENV } from "../sinks/http/options.ts";

const d = DEFAULT_ENGINE_OPTIONS;

/**
 * Upper bounds, generous for any real use, that turn a slip of the finger (`--window 10000000000`) into
 * a usage error instead of a failed allocation: the window is a ring of one counter per second (a week
 * is 4.8 MB), the top tables are kept sorted row by row, and an interval longer than a week would no
 * longer be a report "every interval" (aligned to the epoch, a huge one starts in 1970).
 */
const WEEK = 7 * 24 * 3600;
const MAX_WINDOW = WEEK;
const MAX_INTERVAL = WEEK;
const MAX_TOP = 1000;

/**
 * One parse worker per processor, at most 3: beyond, the main thread that feeds the engine is the
 * bottleneck, and each worker costs about 20 MiB, which more would take past the 150 MiB budget.
 */
function defaultJobs(): number {
  return Math.max(1, Math.min(3, navigator.hardwareConcurrency || 1));
}

/** Builds the `monitor` subcommand; `runtime` supplies the clock and the outside world. */
export function monitorCommand(runtime: () => MonitorRuntime): Command {
  const command = new Command("monitor")
    .description(
      "Follow an access log, print traffic statistics every interval, and alert when the average " +
        "request rate over the window goes above the threshold (and when it recovers).",
    )
    .option(
      "-f, --file <path>",
      "log to follow, repeatable; a pattern such as '/var/log/nginx/*access.log' follows every " +
        "match, and files that match later (default /tmp/access.log); - reads standard input",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .addOption(
      new Option("--by <what>", "add per-file tables to the reports (with several logs)")
        .choices(["file"] as const),
    )
    .option(
      "--threshold <n>",
      "alert threshold in requests per second, averaged over the window (decimals allowed)",
      numberOption({ min: 0 }),
      d.threshold,
    )
    .option(
      "--window <s>",
      `alert window in seconds, 1 to ${MAX_WINDOW} (7 days)`,
      numberOption({ min: 1, max: MAX_WINDOW, integer: true }),
      d.window,
    )
    .option(
      "--interval <s>",
      `statistics interval in seconds, 1 to ${MAX_INTERVAL} (7 days)`,
      numberOption({ min: 1, max: MAX_INTERVAL, integer: true }),
      d.interval,
    )
    .option(
      "--top <n>",
      `rows shown in "top" tables, 1 to ${MAX_TOP}`,
      numberOption({ min: 1, max: MAX_TOP, integer: true }),
      d.top,
    )
    .addOption(
      new Option("--format <f>", "log format").choices(["auto", ...FORMATS] as const).default(
        "auto" as const,
      ),
    )
    .option(
      "--log-format <string>",
      "an nginx log_format or Apache LogFormat string describing the lines (overrides --format)",
    )
    .option("--from-start", "read what the file already holds before following it")
    .option(
      "--once",
      "read from the start to the end, report and exit (replay; implies --from-start)",
    )
    .option(
      "--late <s>",
      "seconds a line may trail later-stamped lines and still be counted in order, 0 to 3600",
      numberOption({ min: 0, integer: true, max: 3600 }),
      d.late,
    )
    .option(
      "--idle-timeout <s>",
      "stop after this many seconds without a new line (0 = never)",
      numberOption({ min: 0 }),
      0,
    )
    .option(
      "--jobs <n>",
      "parse workers for a replay (--once) of a file large enough that they pay (about a " +
        "million lines), one per CPU up to 3 unless given; about 20 MiB of memory each; 1 reads " +
        "it in one pass",
      numberOption({ min: 1, max: 64, integer: true }),
      defaultJobs(),
    )
    .option("--json", "write events as JSON lines instead of text")
    .option("--output <path>", "also append every report and alert line to this file")
    .option("--notify-replay", "with --once, send the replay's alerts to the receivers too")
    .option(
      "--state <dir>",
      "keep each file's position and the engine's state in this directory (about once a second " +
        "and on exit), and go on from there after a restart, even after kill -9",
    )
    .option(
      "--http <[host:]port>",
      "serve a live page, /events, /api/state and /metrics on this port (127.0.0.1 unless a " +
        "host is given); with --once it keeps serving the replay until Ctrl-C",
      listenAddressOption,
    )
    .addOption(
      new Option("--http-token <token>", "require Authorization: Bearer <token> on every request")
        .env(TOKEN_ENV),
    )
    .option(
      "--metrics-sections <n>",
      "sections with their own series in /metrics, 1 to 1000; the rest count as other",
      numberOption({ min: 1, max: MAX_TOP, integer: true }),
      DEFAULT_METRICS_SECTIONS,
    )
    .option(
      "--tui",
      "a full-screen live dashboard on the terminal instead of text reports (q quits, ? help)",
    )
    .option(
      "--refresh <s>",
      `seconds between two frames of the --tui dashboard, ${REFRESH_MIN} to ${REFRESH_MAX}`,
      numberOption({ min: REFRESH_MIN, max: REFRESH_MAX }),
      1,
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  monilog monitor --file /var/log/nginx/access.log --threshold 10\n" +
        "  monilog monitor --file /var/log/nginx/access.log --tui\n" +
        "  monilog monitor --file - --format combined < access.log.1\n" +
        "  monilog monitor --once --json --file yesterday.log > events.jsonl\n" +
        "  monilog monitor --file /var/log/nginx/access.log --http 8080\n" +
        "  tail -F access.log | monilog monitor --file - --threshold 50\n" +
        "  monilog monitor --file app.log --log-format '$remote_addr [$time_local] \"$request\" $status $request_time'\n" +
        "  monilog monitor --file access.log --alertmanager http://localhost:9093 --ntfy https://ntfy.sh/my-site\n",
    )
    .action(async (opts) => {
      if (opts.logFormat !== undefined) {
        try {
          logFormatParser(opts.logFormat);
        } catch (err) {
          if (err instanceof LogFormatError) throw new UsageError(`--log-format: ${err.message}`);
          throw err;
        }
      }
      const rt = runtime();
      const receivers = receiverFlags(opts as Record<string, unknown>, rt.notify?.pagerdutyUrl);
      if (opts.tui && opts.json && opts.output === undefined) {
        throw new UsageError(
          "--json with --tui needs --output PATH: standard output is the dashboard",
        );
      }
      const files = opts.file ?? ["/tmp/access.log"];
      if (files.length > 1 && files.includes("-")) {
        throw new UsageError("--file: - (standard input) cannot be read beside other logs");
      }
      for (const f of files) {
        const problem = globProblem(f);
        if (problem !== undefined) throw new UsageError(`--file: ${problem}`);
      }
      if (opts.state !== undefined && (opts.once || files.includes("-"))) {
        throw new UsageError(
          "--state: only for following files (not with --once, nor standard input)",
        );
      }
      if (opts.httpToken !== undefined && opts.http === undefined) {
        throw new UsageError("--http-token needs --http");
      }
      if (opts.httpToken !== undefined && !/^[\x21-\x7e]+$/.test(opts.httpToken)) {
        throw new UsageError("--http-token: expected printable ASCII without spaces");
      }
      const config: MonitorConfig = {
        state: opts.state,
        file: files[0],
        files,
        byFile: opts.by === "file",
        format: opts.format,
        logFormat: opts.logFormat,
        fromStart: Boolean(opts.fromStart || opts.once),
        once: Boolean(opts.once),
        idleTimeout: opts.idleTimeout,
        jobs: opts.jobs,
        json: Boolean(opts.json),
        output: opts.output,
        http: opts.http === undefined ? undefined : {
          address: opts.http,
          token: opts.httpToken,
          metricsSections: opts.metricsSections,
        },
        tui: opts.tui ? { refreshMs: opts.refresh * 1000 } : undefined,
        engine: {
          threshold: opts.threshold,
          window: opts.window,
          interval: opts.interval,
          late: opts.late,
          top: opts.top,
        },
        notify: hasReceivers(receivers)
          ? { receivers, replay: Boolean(opts.notifyReplay) }
          : undefined,
      };
      await runMonitor(config, rt);
    });
  // The receiver flags (spec §8), shared with notify-test.
  for (const option of receiverOptions()) command.addOption(option);
  return command;
}
