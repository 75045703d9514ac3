/** `monilog monitor`'s action: checks what the parser cannot check option by option, then runs. */
import type { MonitorConfig } from "../pipeline/monitor_config.ts";
import type { FormatChoice } from "../pipeline/line_processor.ts";
import { runMonitor } from "../pipeline/wiring.ts";
import { UsageError } from "../errors.ts";
import { LogFormatError, logFormatParser } from "../parse/mod.ts";
import { receiverFlags } from "./receiver_options.ts";
import { hasReceivers } from "../notify/receivers/kinds.ts";
import { globProblem } from "../source/glob.ts";
import { TOKEN_ENV } from "../sinks/http/options.ts";
import type { ListenAddress } from "../sinks/http/listen_address.ts";
import { denoRuntime } from "./deno_runtime.ts";

/** The options as the parser hands them over (monitor_command.ts). */
interface MonitorOptions {
  file?: string[];
  by?: "file";
  threshold: number;
  window: number;
  interval: number;
  top: number;
  format: FormatChoice;
  logFormat?: string;
  fromStart?: boolean;
  once?: boolean;
  late: number;
  idleTimeout: number;
  jobs: number;
  json?: boolean;
  output?: string;
  notifyReplay?: boolean;
  state?: string;
  http?: ListenAddress;
  httpToken?: string;
  metricsSections: number;
  tui?: boolean;
  refresh: number;
}

/** Runs `monitor` with the parsed options. */
export async function monitorAction(parsed: Record<string, unknown>): Promise<void> {
  const opts = parsed as unknown as MonitorOptions;
  if (opts.logFormat !== undefined) {
    try {
      logFormatParser(opts.logFormat);
    } catch (err) {
      if (err instanceof LogFormatError) throw new UsageError(`--log-format: ${err.message}`);
      throw err;
    }
  }
  const rt = await denoRuntime({ replay: Boolean(opts.once) });
  const receivers = await receiverFlags(parsed, rt.notify?.pagerdutyUrl);
  if (opts.tui && opts.json && opts.output === undefined) {
    throw new UsageError("--json with --tui needs --output PATH: standard output is the dashboard");
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
    throw new UsageError("--state: only for following files (not with --once, nor standard input)");
  }
  if (opts.httpToken !== undefined && opts.http === undefined) {
    throw new UsageError("--http-token needs --http");
  }
  // The environment's token serves a --http run only: set for a shell, it does not stop the rest.
  const token = opts.http === undefined ? undefined : opts.httpToken ?? envToken();
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
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
    http: opts.http === undefined
      ? undefined
      : { address: opts.http, token, metricsSections: opts.metricsSections },
    tui: opts.tui ? { refreshMs: opts.refresh * 1000 } : undefined,
    engine: {
      threshold: opts.threshold,
      window: opts.window,
      interval: opts.interval,
      late: opts.late,
      top: opts.top,
    },
    notify: hasReceivers(receivers) ? { receivers, replay: Boolean(opts.notifyReplay) } : undefined,
  };
  await runMonitor(config, rt);
}

/** MONILOG_HTTP_TOKEN, when set and not empty. */
function envToken(): string | undefined {
  return Deno.env.get(TOKEN_ENV) || undefined;
}
