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

/** Standard output. A closed pipe becomes {@linkcode OutputClosed}. */
export function stdoutOutput(): LineOutput {
  return {
    writeLine(text) {
      try {
        writeAllSync(Deno.stdout, encoder.encode(text + "\n"));
      } catch (err) {
        if (err instanceof Deno.errors.BrokenPipe) throw new OutputClosed("standard output closed");
        throw err;
      }
    },
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
  return {
    writeLine(text) {
      try {
        writeAllSync(file, encoder.encode(text + "\n"));
      } catch (err) {
        throw new RuntimeFailure(`Cannot write output file "${path}": ${describeIoError(err)}`);
      }
    },
    close() {
      file.close();
    },
  };
}
