/**
 * Thin I/O: destinations for whole lines of output. Writes are synchronous so that an alert is on the
 * screen (or in the file) before the next line of the log is read, and the order of lines is the order
 * of events.
 */
import { describeIoError, RuntimeFailure } from "../errors.ts";

/** Somewhere lines of text go. */
export interface LineOutput {
  /** Writes `text` and a newline. */
  writeLine(text: string): void;
  /** Releases the destination. */
  close(): void;
}

const encoder = new TextEncoder();

/** Writes all of `bytes` to a synchronous writer, looping over short writes. */
export function writeAllSync(
  writer: { writeSync(p: Uint8Array): number },
  bytes: Uint8Array,
): void {
  let offset = 0;
  while (offset < bytes.length) offset += writer.writeSync(bytes.subarray(offset));
}

/** Raised when standard output is closed by its reader (`monilog … | head`): time to stop quietly. */
export class OutputClosed extends Error {
  override name = "OutputClosed";
}

/** Where standard output's bytes go (`Deno.stdout`; tests pass one that fails). */
export interface SyncWriter {
  writeSync(p: Uint8Array): number;
}

/**
 * Writes `text` to standard output: a closed pipe becomes {@linkcode OutputClosed}, any other failure
 * (a full disk, `> /dev/full`) a {@linkcode RuntimeFailure} that names standard output and the reason.
 */
export function writeStdout(text: string, writer: SyncWriter = Deno.stdout): void {
  try {
    writeAllSync(writer, encoder.encode(text));
  } catch (err) {
    if (err instanceof Deno.errors.BrokenPipe) throw new OutputClosed("standard output closed");
    throw new RuntimeFailure(`Cannot write to standard output: ${describeIoError(err)}`);
  }
}

/** Standard output, as {@linkcode writeStdout} writes it. */
export function stdoutOutput(writer: SyncWriter = Deno.stdout): LineOutput {
  return {
    writeLine: (text) => writeStdout(text + "\n", writer),
    close() {},
  };
}

/**
 * Opens `path` for appending (creating it), failing at once with the file and the reason if it cannot
 * be, so that a mistyped --output is reported before any log is read.
 */
export function appendFileOutput(path: string): LineOutput {
  let file: Deno.FsFile;
  try {
    if (Deno.statSync(path).isDirectory) {
      throw new RuntimeFailure(`Cannot write output file "${path}": is a directory`);
    }
  } catch (err) {
    if (err instanceof RuntimeFailure) throw err;
    // Not there yet: it is created below.
  }
  try {
    file = Deno.openSync(path, { append: true, create: true });
  } catch (err) {
    throw new RuntimeFailure(`Cannot open output file "${path}": ${describeIoError(err)}`);
  }
  return fileLineOutput(`output file "${path}"`, file);
}

/** An open file that a line output appends to and can cut back (`Deno.FsFile` is one). */
export interface AppendFile extends SyncWriter {
  seekSync(offset: number, whence: Deno.SeekMode): number;
  truncateSync(len?: number): void;
  close(): void;
}

/**
 * Lines appended to `file`, each whole or not at all. A disk that fills up takes what fits of a write
 * and refuses the rest: what the failed line had put in the file is cut off again, so that the file
 * ends with the last whole line (for JSON, every line parses). The failure names the output
 * (`name`) and the reason; the file is closed then, as nothing more will be written to it.
 */
export function fileLineOutput(name: string, file: AppendFile): LineOutput {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    file.close();
  };
  return {
    writeLine(text) {
      const bytes = encoder.encode(text + "\n");
      let written = 0;
      try {
        while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
      } catch (err) {
        const reason = describeIoError(err);
        const cut = written === 0 ? undefined : trimBack(file, written);
        close();
        throw new RuntimeFailure(`Cannot write ${name}: ${reason}${cut ?? ""}`);
      }
    },
    close,
  };
}

/**
 * Cuts the last `n` bytes written off `file` (appending leaves its offset at the end of what was
 * written); undefined when done, else what is left and why, to add to the message.
 */
function trimBack(file: AppendFile, n: number): string | undefined {
  try {
    const end = file.seekSync(0, Deno.SeekMode.Current);
    file.truncateSync(end - n);
    return undefined;
  } catch (err) {
    return `; its last line is cut (${describeIoError(err)})`;
  }
}
