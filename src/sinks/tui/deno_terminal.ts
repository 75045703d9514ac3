/**
 * The real terminal for the dashboard: standard output for the screen, the keyboard from standard
 * input when it is the terminal (else /dev/tty, so that `--file -` can still read a pipe), SIGWINCH for
 * resizes. The terminal is restored on close, and also on exit if anything skipped that.
 */
import { LEAVE_SCREEN, type TerminalIo } from "./terminal.ts";
import type { ScreenSize } from "./layout.ts";

const EXIT_EVENTS = ["unload", "error", "unhandledrejection"] as const;

/** Why the dashboard cannot run here, or undefined when it can. */
export function tuiUnavailable(readsStdin: boolean): string | undefined {
  if (!Deno.stdout.isTerminal()) return "standard output is not a terminal";
  if (Deno.stdin.isTerminal()) {
    return readsStdin
      ? "the log is read from standard input, which is the terminal the keys come from"
      : undefined;
  }
  try {
    Deno.openSync("/dev/tty", { read: true }).close();
    return undefined;
  } catch {
    return "no terminal to read keys from (standard input is not one, /dev/tty cannot be opened)";
  }
}

/** The terminal of this process. */
export function denoTerminal(): TerminalIo {
  const encoder = new TextEncoder();
  const input: Deno.FsFile | typeof Deno.stdin = Deno.stdin.isTerminal()
    ? Deno.stdin
    : Deno.openSync("/dev/tty", { read: true });
  let raw = false;
  let restored = false;
  const stops: Array<() => void> = [];
  const write = (text: string) => {
    const bytes = encoder.encode(text);
    for (let done = 0; done < bytes.length;) done += Deno.stdout.writeSync(bytes.subarray(done));
  };
  const restore = () => {
    if (restored) return;
    restored = true;
    for (const type of EXIT_EVENTS) globalThis.removeEventListener(type, restore);
    for (const stop of stops.splice(0)) stop();
    // Only a terminal that was taken over (raw mode is the first step) has a screen to give back.
    if (raw) {
      try {
        write(LEAVE_SCREEN);
      } catch {
        // Standard output is gone: nothing to restore on it.
      }
      try {
        input.setRaw(false);
      } catch {
        // The terminal is gone.
      }
    }
    if (input !== Deno.stdin) {
      try {
        (input as Deno.FsFile).close();
      } catch {
        // Already closed.
      }
    }
  };
  // Whatever path the process takes to its end — Deno.exit, the end of the program (unload), an
  // uncaught error (which is then reported on the restored screen) — the screen is given back.
  for (const type of EXIT_EVENTS) globalThis.addEventListener(type, restore);
  return {
    write,
    size(): ScreenSize {
      try {
        const { columns, rows } = Deno.consoleSize();
        return { columns, rows };
      } catch {
        return { columns: 80, rows: 24 };
      }
    },
    onResize(handler) {
      if (Deno.build.os === "windows") return () => {};
      Deno.addSignalListener("SIGWINCH", handler);
      const stop = () => Deno.removeSignalListener("SIGWINCH", handler);
      stops.push(stop);
      return stop;
    },
    onKey(handler) {
      let on = true;
      const decoder = new TextDecoder();
      const buffer = new Uint8Array(256);
      (async () => {
        while (on) {
          let n: number | null;
          try {
            n = await input.read(buffer);
          } catch {
            return; // Closed by restore(), or the terminal went away.
          }
          if (n === null) return;
          if (on) handler(decoder.decode(buffer.subarray(0, n), { stream: true }));
        }
      })();
      const stop = () => {
        on = false;
      };
      stops.push(stop);
      return stop;
    },
    setRaw(on) {
      input.setRaw(on);
      raw = raw || on;
    },
    restore,
  };
}
