/** The real outside world for the monitor: the machine clock, the terminal and process signals. */
import type { MonitorRuntime } from "../pipeline/monitor_config.ts";
import { NOT_A_FILE, stdoutOutput } from "../sinks/line_output.ts";
import { systemClock } from "../clock.ts";
import { parseTimeScale } from "../notify/time_scale.ts";
import { denoTerminal, tuiUnavailable } from "../sinks/tui/deno_terminal.ts";

/**
 * The lines a replay to a pipe gathers before it writes them (line_output.ts): a write a line cost
 * the elastic sample ×100, 52,500 intervals, a fifth of its time.
 */
const REPLAY_BLOCK_BYTES = 64 * 1024;

/**
 * Builds the runtime the composition root hands to the monitor; `replay`: a run that reads its input
 * to the end (`--once`), whose standard output, when it is a pipe, is written in blocks.
 */
export async function denoRuntime(options: { replay?: boolean } = {}): Promise<MonitorRuntime> {
  // Asked once: a descriptor's kind does not change during a run, and each ask is a system call
  // (width() is read for every line written: a sixth of a second for the elastic sample ×100).
  const terminal = Deno.stdout.isTerminal();
  const errTerminal = Deno.stderr.isTerminal();
  const blockBytes = options.replay && !terminal ? REPLAY_BLOCK_BYTES : 0;
  // A terminal is not a file a full disk can cut: it is spared node:fs (~15 ms of a start).
  const file = terminal ? NOT_A_FILE : (await import("../sinks/stdout_file.ts")).stdoutFile;
  const stdout = stdoutOutput(Deno.stdout, file, { blockBytes });
  return {
    clock: systemClock,
    stdout,
    stderr: (line) => {
      // What standard output gathered comes first, for `> all.log 2>&1`. A failure here is
      // given again by the next line written, or at the close, where it is reported.
      try {
        stdout.flush?.();
      } catch {
        // See above.
      }
      console.error(line);
    },
    // Colour only on a terminal, and never with NO_COLOR (Deno.noColor reads it).
    color: terminal && !Deno.noColor,
    width: () => {
      if (!terminal) return undefined;
      try {
        return Deno.consoleSize().columns;
      } catch {
        return undefined;
      }
    },
    stdin: () => Deno.stdin.readable,
    progress(json) {
      if (!errTerminal || (json && !terminal)) return undefined;
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
