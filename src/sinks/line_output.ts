/**
 * Thin I/O: destinations for whole lines of output. Writes are synchronous so that an alert is on the
 * screen (or in the file) before the next line of the log is read, and the order of lines is the order
 * of events. A replay to a pipe (or /dev/null) may gather its lines into blocks instead
 * (stdoutOutput's `blockBytes`): nobody watches them appear, and a write a line cost a replay that
 * reports many intervals a fifth of its time.
 */
import { describeIoError, RuntimeFailure } from "../errors.ts";

/** Somewhere lines of text go. */
export interface LineOutput {
  /** Writes `text` and a newline. */
  writeLine(text: string): void;
  /** Writes out what is gathered, if the output gathers lines (a replay's standard output). */
  flush?(): void;
  /** Releases the destination (what is gathered is written out first). */
  close(): void;
}

const encoder = new TextEncoder();

/** Writes all of `bytes`, looping over short writes; says how much went out before a failure. */
function writeCounted(writer: SyncWriter, bytes: Uint8Array): { written: number; error?: unknown } {
  let written = 0;
  try {
    while (written < bytes.length) written += writer.writeSync(bytes.subarray(written));
    return { written };
  } catch (error) {
    return { written, error };
  }
}

/** Raised when standard output is closed by its reader (`monilog … | head`): time to stop quietly. */
export class OutputClosed extends Error {
  override name = "OutputClosed";
}

/** Where bytes go (`Deno.stdout`, a `Deno.FsFile`; tests pass ones that fail). */
export interface SyncWriter {
  writeSync(p: Uint8Array): number;
}

/** Standard output's failure: a closed pipe is {@linkcode OutputClosed}, anything else one message. */
function stdoutFailure(err: unknown, cut = ""): Error {
  if (err instanceof Deno.errors.BrokenPipe) return new OutputClosed("standard output closed");
  return new RuntimeFailure(`Cannot write to standard output: ${describeIoError(err)}${cut}`);
}

/**
 * Writes `text` to standard output (the help, the version, a completion script): a closed pipe
 * becomes {@linkcode OutputClosed}, any other failure (a full disk, `> /dev/full`) a
 * {@linkcode RuntimeFailure} that names standard output and the reason.
 */
export function writeStdout(text: string, writer: SyncWriter = Deno.stdout): void {
  const { error } = writeCounted(writer, encoder.encode(text));
  if (error !== undefined) throw stdoutFailure(error);
}

/** The regular file that standard output was redirected to, if it is one (`> report.txt`). */
export interface StdoutFile {
  /** Its size now; undefined when standard output is not a regular file (a terminal, a pipe). */
  size(): number | undefined;
  /** Cuts it to `length` bytes. */
  truncate(length: number): void;
}

/**
 * Standard output when nothing says it is a file (a terminal, a pipe, or a test's writer). The real
 * one (stdout_file.ts) needs node:fs, whose load wakes Deno's Node-compatibility layer (~25 ms):
 * only the monitor, which writes reports, asks for it; `--help` and `--version` do not.
 */
export const NOT_A_FILE: StdoutFile = {
  size: () => undefined,
  truncate: () => {
    throw new Error("standard output is not a file");
  },
};

/**
 * Standard output, line by line, each line whole or not at all where it can be: when standard output
 * is a file on a disk that fills up part-way through a line, what that line put in the file is cut
 * off again. Deno's stdout does not say how much of a failed write went out, so the file's size does:
 * it is cut back only when it grew by less than the line beyond what monilog wrote before, so that
 * nobody else's bytes are taken.
 */
export function stdoutOutput(
  writer: SyncWriter = Deno.stdout,
  file: StdoutFile = NOT_A_FILE,
  options: { blockBytes?: number } = {},
): LineOutput {
  // Asked once, at the first line: `undefined` (not a file) is an answer too, not a reason to ask
  // again (an fstat a line was a fifth of a replay's time when many intervals are written).
  let start: number | undefined;
  let sized = false;
  let total = 0;
  const block = new Uint8Array(options.blockBytes ?? 0);
  let gathered = 0;
  // A failure, once: every later write (or the close) gives it again, so that one a caller could
  // not report (a flush before a line on standard error) still ends the output.
  let failure: Error | undefined;
  // Whole lines or whole blocks of lines: what a failed write put in the file is cut off again.
  // Only after writeLine has asked the file's size: a block is written after its lines were given.
  const write = (bytes: Uint8Array) => {
    if (failure !== undefined) throw failure;
    const { error } = writeCounted(writer, bytes);
    if (error === undefined) {
      total += bytes.length;
      return;
    }
    const cut = start === undefined ? "" : trimStdout(file, start + total, bytes.length);
    throw failure = stdoutFailure(error, cut);
  };
  const flush = () => {
    if (failure !== undefined) throw failure;
    if (gathered === 0) return;
    const bytes = block.subarray(0, gathered);
    gathered = 0;
    write(bytes);
  };
  return {
    writeLine(text) {
      if (failure !== undefined) throw failure;
      if (!sized) {
        start = file.size();
        sized = true;
      }
      // A regular file gets a write a line even so: Rust's line-buffered stdout, under Deno's, keeps
      // up to 1 KiB of a block it could not write and writes it at exit, after the cut back.
      if (block.length === 0 || start !== undefined) return write(encoder.encode(text + "\n"));
      const room = block.subarray(gathered);
      const { read, written } = encoder.encodeInto(text, room);
      if (read === text.length && written < room.length) {
        block[gathered + written] = NL;
        gathered += written + 1;
        return;
      }
      // It does not fit: what is gathered goes first, then the line as it is.
      flush();
      write(encoder.encode(text + "\n"));
    },
    flush,
    close: flush,
  };
}

const NL = 10;

/**
 * Cuts standard output's file back to `end` (where the failed line began) if it holds part of that
 * line of `length` bytes; "" when it holds only whole lines now, else what is left, for the message.
 */
function trimStdout(file: StdoutFile, end: number, length: number): string {
  try {
    const size = file.size();
    if (size === end) return "";
    // Grown by more, or shrunk (`1<>file`, `> file 2>&1`): not monilog's alone; left as it is.
    if (size === undefined || size < end || size - end >= length) {
      return "; its last line may be cut";
    }
    file.truncate(end);
    return "";
  } catch (err) {
    return `; its last line is cut (${describeIoError(err)})`;
  }
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
      const { written, error } = writeCounted(file, encoder.encode(text + "\n"));
      if (error === undefined) return;
      const cut = written === 0 ? undefined : trimBack(file, written);
      close();
      throw new RuntimeFailure(`Cannot write ${name}: ${describeIoError(error)}${cut ?? ""}`);
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
