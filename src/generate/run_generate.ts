/**
 * The generator's thin I/O: takes the synthesiser's seconds, formats them, and appends them to the
 * output at `speed` times real pace (unpaced at speed 0), rotating on demand. It says so when it cannot
 * keep up instead of silently writing less.
 *
 * Lines are gathered and written in batches: everything already due is written before each sleep (so a
 * follower sees every second on time), and while catching up or unpaced, every 64 KiB or 50 ms.
 */
import type { FormatName } from "../record.ts";
import { LineFormatter } from "./line_format.ts";
import { type ByteWriter, openTrafficOutput, type TrafficOutput } from "./output.ts";
import type { Phase } from "./profile.ts";
import type { RotateMode } from "./rotation.ts";
import { type SecondOfTraffic, synthesize } from "./traffic.ts";

/** Everything `monilog generate` was asked to do. */
export interface GenerateConfig {
  phases: Phase[];
  /** Unix seconds of the first request. */
  start: number;
  seed: number;
  exact: boolean;
  format: FormatName;
  /** File to append to, or `-` for standard output. */
  output: string;
  /** Log seconds written per real second; 0 = as fast as possible. */
  speed: number;
  rotate?: {
    /** Rotate after this many lines (0 = not by lines). */
    everyLines: number;
    /** Rotate every this many seconds of log time (0 = not by time). */
    everySeconds: number;
    mode: RotateMode;
    keep: number;
  };
}

/** The outside world of the generator. */
export interface GenerateRuntime {
  /** Milliseconds of real time. */
  now(): number;
  /** Waits `ms`; may end early when `signal` aborts. */
  sleep(ms: number): Promise<void>;
  stderr(line: string): void;
  stdout: ByteWriter;
  /** Aborted on SIGINT/SIGTERM: stop after the current second. */
  signal?: AbortSignal;
}

/** What was written. */
export interface GenerateReport {
  lines: number;
  perPhase: number[];
  rotations: number;
  /** True when the pace could not be kept. */
  fellBehind: boolean;
  /** Why the run ended before the profile did: a signal, or the reader of standard output left. */
  stopped?: "signal" | "closed";
}

/** How far behind schedule writing may fall before the user is told. */
const BEHIND_MS = 1000;
/** Sleep only when at least this far ahead: shorter sleeps cost more than they buy in pacing. */
const MIN_SLEEP_MS = 10;
/** While catching up or unpaced, pending text is written at this size or after this long. */
const FLUSH_CHARS = 64 * 1024;
const FLUSH_MS = 50;

/** Runs the generator to the end of its profile (or a signal, or a closed pipe). */
export async function runGenerate(
  config: GenerateConfig,
  rt: GenerateRuntime,
): Promise<GenerateReport> {
  const sink = await openTrafficOutput(config.output, config.format, {
    stdout: rt.stdout,
    start: config.start,
  });
  try {
    const run = new Run(config, rt, sink);
    await run.all();
    return run.report;
  } finally {
    sink.close();
  }
}

class Run {
  readonly report: GenerateReport;
  readonly #formatter: LineFormatter;
  readonly #encoder = new TextEncoder();
  readonly #t0: number;
  #pending = "";
  #lastFlush: number;
  #sinceRotation = 0;

  constructor(
    readonly config: GenerateConfig,
    readonly rt: GenerateRuntime,
    readonly sink: TrafficOutput,
  ) {
    this.report = {
      lines: 0,
      perPhase: config.phases.map(() => 0),
      rotations: 0,
      fellBehind: false,
    };
    this.#formatter = new LineFormatter(config.format);
    this.#t0 = this.#lastFlush = rt.now();
  }

  async all(): Promise<void> {
    let index = 0;
    for (const second of synthesize(this.config)) {
      if (!(await this.#pace(index, second.phase))) break;
      if (this.rt.signal?.aborted) {
        this.report.stopped = "signal";
        break;
      }
      if (!(await this.#write(second, index))) break;
      index++;
    }
    await this.#flush();
  }

  /** Waits until the `index`-th second is due; false if the output closed meanwhile. */
  async #pace(index: number, phase: number): Promise<boolean> {
    const { speed } = this.config;
    if (speed <= 0) return true;
    const due = this.#t0 + (index * 1000) / speed;
    const now = this.rt.now();
    if (due - now >= MIN_SLEEP_MS) {
      // Everything before this second is due already: let followers have it before sleeping.
      if (!(await this.#flush())) return false;
      const left = due - this.rt.now();
      if (left > 0) await this.rt.sleep(left);
    } else if (now - due > BEHIND_MS && !this.report.fellBehind && this.report.lines > 0) {
      // Said only once lines were written: the first second can be late from being built alone (a
      // million requests take a while), and a rate measured over nothing would read "0 lines/s".
      // Being late here means more than a second behind, so the rate is taken over a second or more.
      this.report.fellBehind = true;
      const achieved = this.report.lines / ((now - this.#t0) / 1000);
      const asked = this.config.phases[phase].rate * speed;
      this.rt.stderr(
        `monilog generate: cannot keep up with --speed ${speed} (${Math.round(asked)} lines/s ` +
          `asked): writing ${Math.round(achieved)} lines/s, ${
            (Math.round((now - due) / 100) / 10).toFixed(1)
          } s behind; going on as fast as possible`,
      );
    }
    return true;
  }

  /** Appends one second's lines, rotating as asked; false if the output closed. */
  async #write(second: SecondOfTraffic, index: number): Promise<boolean> {
    const rotate = this.config.rotate;
    if (rotate && rotate.everySeconds > 0 && index > 0 && index % rotate.everySeconds === 0) {
      if (!(await this.#rotate(second.time))) return false;
    }
    for (const req of second.requests) {
      this.#pending += this.#formatter.line(req) + "\n";
      this.report.lines++;
      this.report.perPhase[second.phase]++;
      if (rotate && rotate.everyLines > 0 && ++this.#sinceRotation >= rotate.everyLines) {
        if (!(await this.#rotate(second.time))) return false;
      }
    }
    if (this.#pending.length >= FLUSH_CHARS || this.rt.now() - this.#lastFlush >= FLUSH_MS) {
      return await this.#flush();
    }
    return true;
  }

  async #rotate(time: number): Promise<boolean> {
    if (!(await this.#flush())) return false;
    const { mode, keep } = this.config.rotate!;
    await this.sink.rotate(mode, keep, time);
    this.report.rotations++;
    this.#sinceRotation = 0;
    return true;
  }

  /** Writes what is pending; false (and `stopped`) when the reader has gone. */
  async #flush(): Promise<boolean> {
    this.#lastFlush = this.rt.now();
    if (this.#pending === "") return this.report.stopped !== "closed";
    const text = this.#pending;
    this.#pending = "";
    if (await this.sink.write(this.#encoder.encode(text))) return true;
    this.report.stopped = "closed";
    return false;
  }
}
