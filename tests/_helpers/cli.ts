/**
 * Test helpers that run the real CLI (`main.ts`) in a child process with the same permission set that
 * users get (`-P=monilog`), and read its JSON events as they come.
 */

import { runtimeArgs } from "../../tasks/runtime_flags.ts";

/** The repository root (where deno.json lives). */
export const REPO_ROOT = new URL("../../", import.meta.url).pathname;
/** The shared fixtures beside the repository. */
export const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url).pathname;

/**
 * The environment the CLI runs with: the test's own, less the colour switches (a user usually has
 * neither, and the runner's NO_COLOR would hide what happens without it), with the display zone pinned
 * to UTC so that times in the output are stable.
 */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Deno.env.toObject();
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, TZ: "UTC", ...extra };
}

/** Result of a finished CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `monilog ARGS…` to completion, with optional standard input. */
export async function runCli(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", ...runtimeArgs(), "main.ts", ...args],
    cwd: REPO_ROOT,
    env: cliEnv(options.env),
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** A running CLI whose standard output is read line by line as JSON events. */
export class LiveCli {
  readonly events: Array<Record<string, unknown>> = [];
  readonly stderrLines: string[] = [];
  readonly #child: Deno.ChildProcess;
  readonly #done: Promise<Deno.CommandStatus>;
  readonly #pumps: Promise<void>[];

  /** Starts `monilog ARGS…`, with `env` added to the environment. */
  constructor(args: string[], env: Record<string, string> = {}) {
    this.#child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-q", ...runtimeArgs(), "main.ts", ...args],
      cwd: REPO_ROOT,
      env: cliEnv(env),
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#pumps = [
      pumpLines(this.#child.stdout, (line) => this.events.push(JSON.parse(line))),
      pumpLines(this.#child.stderr, (line) => this.stderrLines.push(line)),
    ];
    this.#done = this.#child.status;
  }

  /** Waits until `predicate` holds for the events so far, or fails after `timeoutMs`. */
  waitFor(
    what: string,
    predicate: (events: Array<Record<string, unknown>>) => boolean,
    timeoutMs = 15_000,
  ): Promise<void> {
    return this.#until(what, () => predicate(this.events), timeoutMs);
  }

  /** Waits until `predicate` holds for the standard error lines so far, or fails after `timeoutMs`. */
  waitForStderr(
    what: string,
    predicate: (lines: string[]) => boolean,
    timeoutMs = 15_000,
  ): Promise<void> {
    return this.#until(what, () => predicate(this.stderrLines), timeoutMs);
  }

  async #until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; events: ${JSON.stringify(this.events.slice(-5))}; ` +
            `stderr: ${this.stderrLines.join(" | ")}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The process id of the monitor. */
  get pid(): number {
    return this.#child.pid;
  }

  /**
   * Waits until the process catches SIGTERM (its handler is installed: a signal sent earlier would
   * end it before it could give its summary). Linux only: reads /proc/PID/status (through `cat`:
   * Deno grants /proc only with every permission).
   */
  async handlesStop(timeoutMs = 15_000): Promise<void> {
    await this.#until("a SIGTERM handler", () => {
      try {
        const out = new Deno.Command("cat", { args: [`/proc/${this.#child.pid}/status`] })
          .outputSync();
        const status = new TextDecoder().decode(out.stdout);
        const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? "0";
        return (BigInt(`0x${mask}`) & (1n << 14n)) !== 0n; // SIGTERM is signal 15
      } catch {
        return false;
      }
    }, timeoutMs);
  }

  /** Sends `signal` and waits for the exit status and all output. */
  async stop(signal: Deno.Signal = "SIGTERM"): Promise<Deno.CommandStatus> {
    try {
      this.#child.kill(signal);
    } catch {
      // Already gone.
    }
    const status = await this.#done;
    await Promise.all(this.#pumps);
    return status;
  }

  /** Waits for the process to exit by itself. */
  async exited(): Promise<Deno.CommandStatus> {
    const status = await this.#done;
    await Promise.all(this.#pumps);
    return status;
  }
}

async function pumpLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void) {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    rest += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line !== "") onLine(line);
    }
  }
  if (rest !== "") onLine(rest);
}

/** Sum of `hits` over the stats events so far. */
export function reportedHits(events: Array<Record<string, unknown>>): number {
  let sum = 0;
  for (const e of events) if (e.type === "stats") sum += e.hits as number;
  return sum;
}

/** A Common Log Format line for second `t` (unix seconds, written in UTC). */
export function clfLine(t: number, path = "/api/user", status = 200, bytes = 123): string {
  const d = new Date(t * 1000);
  const months = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  return `127.0.0.1 - frank [${stamp}] "GET ${path} HTTP/1.0" ${status} ${bytes}`;
}
