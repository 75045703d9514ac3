/**
 * Where generated lines go: a file opened for appending (rotatable, reopened after a rename) or
 * standard output. Both write the format's header (the exercise CSV's, W3C's) when their output starts
 * empty.
 */
import type { FormatName } from "../record.ts";
import { describeIoError, RuntimeFailure } from "../errors.ts";
import { headerFor } from "./line_format.ts";
import { rotateFile, type RotateMode } from "./rotation.ts";

/** A destination for lines. */
export interface TrafficOutput {
  /** Writes all of `bytes`; false when the reader has gone (a closed pipe), so the run should stop. */
  write(bytes: Uint8Array): Promise<boolean>;
  /** Rotates the output as logrotate would; only files can. `time`: log time of the next line. */
  rotate(mode: RotateMode, keep: number, time: number): Promise<void>;
  close(): void;
}

/** A writable stream, as `Deno.stdout`. */
export interface ByteWriter {
  write(p: Uint8Array): Promise<number>;
}

/** Opens `output` (`-` = `stdout`) for `format`, writing the header where the output is empty. */
export async function openTrafficOutput(
  output: string,
  format: FormatName,
  options: { stdout: ByteWriter; start: number },
): Promise<TrafficOutput> {
  if (output !== "-") return await OutputFile.open(output, format, options.start);
  const sink = new StdoutTraffic(options.stdout);
  // Standard output is a new, empty stream: a CSV written there (`-o - > x.csv`) gets its header too.
  const header = headerBytes(format, options.start);
  if (header) await sink.write(header);
  return sink;
}

function headerBytes(format: FormatName, time: number): Uint8Array | undefined {
  const header = headerFor(format, time);
  return header === undefined ? undefined : new TextEncoder().encode(header + "\n");
}

class StdoutTraffic implements TrafficOutput {
  constructor(readonly stdout: ByteWriter) {}

  async write(bytes: Uint8Array): Promise<boolean> {
    try {
      for (let o = 0; o < bytes.length;) o += await this.stdout.write(bytes.subarray(o));
      return true;
    } catch (err) {
      // `monilog generate -o - | head` is normal use: the reader has what it wanted.
      if (err instanceof Deno.errors.BrokenPipe) return false;
      throw new RuntimeFailure(`Cannot write to standard output: ${describeIoError(err)}`);
    }
  }

  rotate(): Promise<void> {
    return Promise.reject(new Error("standard output cannot be rotated"));
  }

  close(): void {}
}

/** The output file, opened for appending; reopened after a rename rotation. */
class OutputFile implements TrafficOutput {
  #file: Deno.FsFile;

  private constructor(readonly path: string, readonly format: FormatName, file: Deno.FsFile) {
    this.#file = file;
  }

  /** Opens `path` for appending, writing the header if the file is new or empty. */
  static async open(path: string, format: FormatName, time: number): Promise<OutputFile> {
    const out = new OutputFile(path, format, await openAppend(path));
    await out.#headerIfEmpty(time);
    return out;
  }

  async write(bytes: Uint8Array): Promise<boolean> {
    try {
      for (let o = 0; o < bytes.length;) o += await this.#file.write(bytes.subarray(o));
      return true;
    } catch (err) {
      throw new RuntimeFailure(`Cannot write output file "${this.path}": ${describeIoError(err)}`);
    }
  }

  async rotate(mode: RotateMode, keep: number, time: number): Promise<void> {
    try {
      await rotateFile(this.path, mode, keep);
    } catch (err) {
      throw new RuntimeFailure(`Cannot rotate output file "${this.path}": ${describeIoError(err)}`);
    }
    if (mode === "rename") {
      this.#file.close();
      this.#file = await openAppend(this.path);
    }
    // After copytruncate the descriptor (opened with O_APPEND) writes at the new end, offset 0.
    await this.#headerIfEmpty(time);
  }

  close(): void {
    this.#file.close();
  }

  async #headerIfEmpty(time: number): Promise<void> {
    const header = headerBytes(this.format, time);
    if (header && (await this.#file.stat()).size === 0) await this.write(header);
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
