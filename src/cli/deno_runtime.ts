/** The real outside world for the monitor: the machine clock, the terminal and process signals. */
import type { MonitorRuntime } from "../pipeline/monitor_config.ts";
import { stdoutOutput } from "../sinks/line_output.ts";
import { stdoutFile } from "../sinks/stdout_file.ts";
import { systemClock } from "../clock.ts";
import { parseTimeScale } from "../notify/time_scale.ts";
import { denoTerminal, tuiUnavailable } from "../sinks/tui/deno_terminal.ts";

/** Builds the runtime the composition root hands to the monitor. */
export function denoRuntime(): MonitorRuntime {
  return {
    clock: systemClock,
    stdout: stdoutOutput(Deno.stdout, stdoutFile),
    stderr: (line) => console.error(line),
    // Colour only on a terminal, and never with NO_COLOR (Deno.noColor reads it).
    color: Deno.stdout.isTerminal() && !Deno.noColor,
    width: () => {
      if (!Deno.stdout.isTerminal()) return undefined;
      try {
        return Deno.consoleSize().columns;
      } catch {
        return undefined;
      }
    },
    stdin: () => Deno.stdin.readable,
    progress(json) {
      if (!Deno.stderr.isTerminal() || (json && !Deno.stdout.isTerminal())) return undefined;
      const encoder = new TextEncoder();
      return {
        write: (text) => void Deno.stderr.writeSync(encoder.encode(text)),
        clock: systemClock,
        columns: () => {
          try {
            return Deno.consoleSize().columns;
          } catch {
            return 80;
          }
        },
      };
    },
    onStopSignal(handler) {
      const signals: Deno.Signal[] = Deno.build.os === "windows"
        ? ["SIGINT"]
        : ["SIGINT", "SIGTERM"];
      for (const s of signals) Deno.addSignalListener(s, handler);
      return () => {
        for (const s of signals) Deno.removeSignalListener(s, handler);
      };
    },
    notify: {
      // Needs `sys: ["hostname"]` in the permission set; a narrowed install still notifies.
      hostname: () => {
        try {
          return Deno.hostname();
        } catch {
          return "localhost";
        }
      },
      random: Math.random,
      timeScale: parseTimeScale(Deno.env.get("MONILOG_NOTIFY_TIME_SCALE")),
      pagerdutyUrl: Deno.env.get("MONILOG_PAGERDUTY_URL") || undefined,
    },
    terminal: (readsStdin) => tuiUnavailable(readsStdin) ?? denoTerminal(),
  };
}
