/**
 * The generator's thin I/O: takes the synthesiser's seconds, formats them, and appends them to the
 * output at `speed` times real pace (unpaced at speed 0), rotating on demand. It says so when it cannot
 * keep up instead of silently writing less.
 */
import type { FormatName } from "../record.ts";
import { describeIoError, RuntimeFailure } from "../cli/errors.ts";
import { CSV_HEADER, LineFormatter } from "./line_format.ts";
import { type Phase, synthesize } from "./traffic.ts";
import { rotateFile, type RotateMode } from "./rotation.ts";

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
  now(): number;
  sleep(ms: number): Promise<void>;
  stderr(line: string): void;
  stdout: { write(p: Uint8Array): Promise<number> };
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
}

/** How far behind the schedule writing may fall before the user is told. */
const BEHIND_MS = 1000;

/** Runs the generator to the end of its profile. */
export async function runGenerate(
  config: GenerateConfig,
  rt: GenerateRuntime,
): Promise<GenerateReport> {
  const encoder = new TextEncoder();
  const formatter = new LineFormatter(config.format);
  const out = config.output === "-"
    ? undefined
    : await OutputFile.open(config.output, config.format);
  const report: GenerateReport = {
    lines: 0,
    perPhase: config.phases.map(() => 0),
    rotations: 0,
    fellBehind: false,
  };
  const write = async (text: string) => {
    const bytes = encoder.encode(text);
    if (out) await out.write(bytes);
    else for (let o = 0; o < bytes.length;) o += await rt.stdout.write(bytes.subarray(o));
  };
  const rotate = config.rotate;
  let sinceRotation = 0;
  const t0 = rt.now();
  let index = 0;
  try {
    for (const second of synthesize(config)) {
      if (rt.signal?.aborted) break;
      if (config.speed > 0) {
        const due = t0 + (index * 1000) / config.speed;
        const now = rt.now();
        if (now < due) await rt.sleep(due - now);
        else if (now - due > BEHIND_MS && !report.fellBehind) {
          report.fellBehind = true;
          const achieved = report.lines / Math.max(0.001, (now - t0) / 1000);
          rt.stderr(
            `monilog generate: cannot keep up with --speed ${config.speed}: ` +
              `${Math.round((now - due) / 100) / 10} s behind, writing ${
                Math.round(achieved)
              } lines/s`,
          );
        }
      }
      if (
        rotate && out && rotate.everySeconds > 0 && index > 0 && index % rotate.everySeconds === 0
      ) {
        await out.rotate(rotate.mode, rotate.keep);
        report.rotations++;
        sinceRotation = 0;
      }
      let batch = "";
      for (const req of second.requests) {
        batch += formatter.line(req) + "\n";
        sinceRotation++;
        if (rotate && out && rotate.everyLines > 0 && sinceRotation >= rotate.everyLines) {
          await write(batch);
          batch = "";
          await out.rotate(rotate.mode, rotate.keep);
          report.rotations++;
          sinceRotation = 0;
        }
      }
      if (batch !== "") await write(batch);
      report.lines += second.requests.length;
      report.perPhase[second.phase] += second.requests.length;
      index++;
    }
  } finally {
    out?.close();
  }
  return report;
}

/** The output file, opened for appending; reopened after a rename rotation. */
class OutputFile {
  #file: Deno.FsFile;

  private constructor(readonly path: string, readonly format: FormatName, file: Deno.FsFile) {
    this.#file = file;
  }

  /** Opens `path` for appending, writing the CSV header if the file is new or empty. */
  static async open(path: string, format: FormatName): Promise<OutputFile> {
    const file = await openAppend(path);
    const out = new OutputFile(path, format, file);
    await out.#headerIfEmpty();
    return out;
  }

  async write(bytes: Uint8Array): Promise<void> {
    try {
      for (let o = 0; o < bytes.length;) o += await this.#file.write(bytes.subarray(o));
    } catch (err) {
      throw new RuntimeFailure(`Cannot write output file "${this.path}": ${describeIoError(err)}`);
    }
  }

  async rotate(mode: RotateMode, keep: number): Promise<void> {
    try {
      await rotateFile(this.path, mode, keep);
    } catch (err) {
      throw new RuntimeFailure(`Cannot rotate output file "${this.path}": ${describeIoError(err)}`);
    }
    if (mode === "rename") {
      this.#file.close();
      this.#file = await openAppend(this.path);
    }
    await this.#headerIfEmpty();
  }

  close(): void {
    this.#file.close();
  }

  async #headerIfEmpty(): Promise<void> {
    if (this.format === "csv" && (await this.#file.stat()).size === 0) {
      await this.write(new TextEncoder().encode(CSV_HEADER + "\n"));
    }
  }
}

async function openAppend(path: string): Promise<Deno.FsFile> {
  try {
    const st = await Deno.stat(path).catch(() => undefined);
    if (st?.isDirectory) throw new Deno.errors.IsADirectory();
    return await Deno.open(path, { append: true, create: true });
  } catch (err) {
    throw new RuntimeFailure(`Cannot open output file "${path}": ${describeIoError(err)}`);
  }
}
