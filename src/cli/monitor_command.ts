/** `monilog monitor`: its options (spec §1); the action (monitor_action.ts) is loaded to run it. */
import { FORMATS } from "../record.ts";
import { DEFAULT_ENGINE_OPTIONS } from "../core/engine_options.ts";
import { numberOption } from "./option_parsers.ts";
import { REFRESH_MAX, REFRESH_MIN } from "../sinks/tui/refresh.ts";
import { RECEIVER_OPTIONS } from "./receiver_options.ts";
import { DEFAULT_METRICS_SECTIONS, listenAddressOption, TOKEN_ENV } from "../sinks/http/options.ts";
import type { CliCommand } from "./cli_spec.ts";

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
export const MAX_TOP = 1000;

/**
 * One parse worker per processor, at most 3: beyond, the main thread that feeds the engine is the
 * bottleneck, and each worker costs about 20 MiB, which more would take past the 150 MiB budget.
 */
function defaultJobs(): number {
  return Math.max(1, Math.min(3, navigator.hardwareConcurrency || 1));
}

/** The `monitor` subcommand. */
export const MONITOR_COMMAND: CliCommand = {
  name: "monitor",
  description:
    "Follow an access log, print traffic statistics every interval, and alert when the average " +
    "request rate over the window goes above the threshold (and when it recovers).",
  options: [
    {
      key: "file",
      short: "f",
      value: "path",
      path: true,
      repeatable: true,
      help: "log to follow, repeatable; a pattern such as '/var/log/nginx/*access.log' follows " +
        "every match, and files that match later (default /tmp/access.log); - reads standard input",
    },
    {
      key: "by",
      value: "what",
      choices: ["file"],
      help: "add per-file tables to the reports (with several logs)",
    },
    {
      key: "threshold",
      value: "n",
      parse: numberOption({ min: 0 }),
      default: d.threshold,
      help: "alert threshold in requests per second, averaged over the window (decimals allowed)",
    },
    {
      key: "window",
      value: "s",
      parse: numberOption({ min: 1, max: MAX_WINDOW, integer: true }),
      default: d.window,
      help: `alert window in seconds, 1 to ${MAX_WINDOW} (7 days)`,
    },
    {
      key: "interval",
      value: "s",
      parse: numberOption({ min: 1, max: MAX_INTERVAL, integer: true }),
      default: d.interval,
      help: `statistics interval in seconds, 1 to ${MAX_INTERVAL} (7 days)`,
    },
    {
      key: "top",
      value: "n",
      parse: numberOption({ min: 1, max: MAX_TOP, integer: true }),
      default: d.top,
      help: `rows shown in "top" tables, 1 to ${MAX_TOP}`,
    },
    {
      key: "format",
      value: "f",
      choices: ["auto", ...FORMATS],
      default: "auto",
      help: "log format",
    },
    {
      key: "logFormat",
      value: "string",
      help:
        "an nginx log_format or Apache LogFormat string describing the lines (overrides --format)",
    },
    { key: "fromStart", help: "read what the file already holds before following it" },
    {
      key: "once",
      help: "read from the start to the end, report and exit (replay; implies --from-start)",
    },
    {
      key: "late",
      value: "s",
      parse: numberOption({ min: 0, integer: true, max: 3600 }),
      default: d.late,
      help: "seconds a line may trail later-stamped lines and still be counted in order, 0 to 3600",
    },
    {
      key: "idleTimeout",
      value: "s",
      parse: numberOption({ min: 0 }),
      default: 0,
      help: "stop after this many seconds without a new line (0 = never)",
    },
    {
      key: "jobs",
      value: "n",
      parse: numberOption({ min: 1, max: 64, integer: true }),
      default: defaultJobs(),
      help: "parse workers for a replay (--once) of a file large enough that they pay (about a " +
        "million lines), one per CPU up to 3 unless given; about 20 MiB of memory each; 1 reads " +
        "it in one pass",
    },
    { key: "json", help: "write events as JSON lines instead of text" },
    {
      key: "output",
      value: "path",
      path: true,
      help: "also append every report and alert line to this file",
    },
    { key: "notifyReplay", help: "with --once, send the replay's alerts to the receivers too" },
    {
      key: "state",
      value: "dir",
      path: true,
      help: "keep each file's position and the engine's state in this directory (about once a " +
        "second and on exit), and go on from there after a restart, even after kill -9",
    },
    {
      key: "http",
      value: "[host:]port",
      parse: listenAddressOption,
      help:
        "serve a live page, /events, /api/state and /metrics on this port (127.0.0.1 unless a " +
        "host is given); with --once it keeps serving the replay until Ctrl-C",
    },
    {
      key: "httpToken",
      value: "token",
      help: `require Authorization: Bearer <token> on every request (default: $${TOKEN_ENV})`,
    },
    {
      key: "metricsSections",
      value: "n",
      parse: numberOption({ min: 1, max: MAX_TOP, integer: true }),
      default: DEFAULT_METRICS_SECTIONS,
      help: "sections with their own series in /metrics, 1 to 1000; the rest count as other",
    },
    {
      key: "tui",
      help:
        "a full-screen live dashboard on the terminal instead of text reports (q quits, ? help)",
    },
    {
      key: "refresh",
      value: "s",
      parse: numberOption({ min: REFRESH_MIN, max: REFRESH_MAX }),
      default: 1,
      help: `seconds between two frames of the --tui dashboard, ${REFRESH_MIN} to ${REFRESH_MAX}`,
    },
    // The receiver flags (spec §8), shared with notify-test.
    ...RECEIVER_OPTIONS,
  ],
  examples: [
    "monilog monitor --file /var/log/nginx/access.log --threshold 10",
    "monilog monitor --file /var/log/nginx/access.log --tui",
    "monilog monitor --file - --format combined < access.log.1",
    "monilog monitor --once --json --file yesterday.log > events.jsonl",
    "monilog monitor --file /var/log/nginx/access.log --http 8080",
    "tail -F access.log | monilog monitor --file - --threshold 50",
    "monilog monitor --file app.log --log-format '$remote_addr [$time_local] \"$request\" $status $request_time'",
    "monilog monitor --file access.log --alertmanager http://localhost:9093 --ntfy https://ntfy.sh/my-site",
  ],
  load: async () => (await import("./monitor_action.ts")).monitorAction,
};
