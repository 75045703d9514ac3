/**
 * The line outputs on a failing disk: a file that fills up keeps only whole lines and the failure
 * names the output and the reason; standard output's failures are one clear RuntimeFailure, a closed
 * pipe a quiet OutputClosed, and standard output redirected to a file that fills up keeps whole
 * lines too. The disk is a fake that fails as Deno does (an Error with code ENOSPC
 * after taking what fits); tests/cli/ does the same against /dev/full and a full tmpfs.
 */
import { deepEqual, equal, fail, throws } from "node:assert/strict";
import {
  type AppendFile,
  appendFileOutput,
  fileLineOutput,
  OutputClosed,
  type StdoutFile,
  stdoutOutput,
  writeStdout,
} from "../../src/sinks/line_output.ts";
import { RuntimeFailure } from "../../src/errors.ts";

/** The error Deno raises for ENOSPC: a plain Error with the code and the OS's message. */
function enospc(): Error {
  return Object.assign(new Error("No space left on device (os error 28)"), { code: "ENOSPC" });
}

/** An append-only file on a disk with room for `capacity` bytes, writing at most `chunk` at a time. */
class FullDisk implements AppendFile {
  bytes = new Uint8Array(0);
  closed = false;
  truncateFails = false;
  #offset = 0;

  constructor(readonly capacity: number, readonly chunk = 7) {}

  get text(): string {
    return new TextDecoder().decode(this.bytes);
  }

  writeSync(p: Uint8Array): number {
    if (this.closed) throw new Deno.errors.BadResource("closed");
    const room = Math.min(this.capacity - this.bytes.length, this.chunk, p.length);
    if (room === 0) throw enospc();
    const next = new Uint8Array(this.bytes.length + room);
    next.set(this.bytes);
    next.set(p.subarray(0, room), this.bytes.length);
    this.bytes = next;
    this.#offset = this.bytes.length;
    return room;
  }

  seekSync(offset: number, whence: Deno.SeekMode): number {
    equal(whence, Deno.SeekMode.Current);
    return this.#offset + offset;
  }

  truncateSync(len = 0): void {
    if (this.truncateFails) {
      throw new Deno.errors.PermissionDenied("Permission denied (os error 13)");
    }
    this.bytes = this.bytes.slice(0, len);
  }

  close(): void {
    this.closed = true;
  }
}

const LINES = Array.from({ length: 20 }, (_, i) => JSON.stringify({ type: "stats", n: i }));

/** Writes LINES until the output fails; returns how many went through and the failure. */
function writeUntilFull(disk: FullDisk): { written: number; failure: unknown } {
  const out = fileLineOutput('output file "/full/report.log"', disk);
  for (let i = 0; i < LINES.length; i++) {
    try {
      out.writeLine(LINES[i]);
    } catch (failure) {
      out.close(); // What the sink's close does at the end: harmless after the failure closed it.
      return { written: i, failure };
    }
  }
  return { written: LINES.length, failure: undefined };
}

Deno.test("a file output that fills up keeps whole lines only and names the file and reason", () => {
  // Every capacity, so that the disk fills at every position of a line, in writes of 7 bytes.
  for (let capacity = 0; capacity < 200; capacity++) {
    const disk = new FullDisk(capacity);
    const { written, failure } = writeUntilFull(disk);
    equal(failure instanceof RuntimeFailure, true, `capacity ${capacity}`);
    equal(
      (failure as Error).message,
      'Cannot write output file "/full/report.log": no space left on device',
    );
    // Exactly the lines that were written, each whole: the cut one was taken back.
    equal(disk.text, LINES.slice(0, written).map((l) => l + "\n").join(""), `capacity ${capacity}`);
    for (const line of disk.text.split("\n").slice(0, -1)) JSON.parse(line);
    equal(disk.closed, true);
  }
});

Deno.test("a file output that cannot take back a cut line says so in the same line", () => {
  const disk = new FullDisk(30);
  disk.truncateFails = true;
  const { written, failure } = writeUntilFull(disk);
  equal(written, 1);
  equal(
    (failure as Error).message,
    'Cannot write output file "/full/report.log": no space left on device; its last line is cut ' +
      "(permission denied)",
  );
});

Deno.test("a file output appends whole lines to a real file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/r.log`, "before\n");
    const out = appendFileOutput(`${dir}/r.log`);
    out.writeLine("one");
    out.writeLine("two\nthree");
    out.close();
    equal(await Deno.readTextFile(`${dir}/r.log`), "before\none\ntwo\nthree\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("standard output on a full disk fails with one message naming it; a closed pipe quietly", () => {
  const full = {
    writeSync: (): number => {
      throw enospc();
    },
  };
  throws(
    () => stdoutOutput(full).writeLine("report"),
    (err) =>
      err instanceof RuntimeFailure &&
      err.message === "Cannot write to standard output: no space left on device",
  );
  throws(() => writeStdout("Usage: monilog\n", full), RuntimeFailure);
  const closed = {
    writeSync: (): number => {
      throw new Deno.errors.BrokenPipe("Broken pipe (os error 32)");
    },
  };
  throws(() => stdoutOutput(closed).writeLine("report"), OutputClosed);
  // Short writes are carried on to the end.
  const got: number[] = [];
  const short = { writeSync: (p: Uint8Array) => (got.push(p[0]), 1) };
  stdoutOutput(short).writeLine("ab");
  deepEqual(got, [97, 98, 10]);
});

function writeAll(disk: FullDisk, text: string): void {
  const bytes = new TextEncoder().encode(text);
  for (let o = 0; o < bytes.length;) o += disk.writeSync(bytes.subarray(o));
}

/** Standard output redirected to a file on `disk` (what `> report.txt` gives). */
function redirected(disk: FullDisk): StdoutFile {
  return { size: () => disk.bytes.length, truncate: (n) => disk.truncateSync(n) };
}

Deno.test("standard output redirected to a file that fills up keeps whole lines only", () => {
  for (let capacity = 4; capacity < 200; capacity++) {
    const disk = new FullDisk(capacity);
    // The file already held something (`>> report.txt`): it stays.
    disk.writeSync(new TextEncoder().encode("old\n"));
    const out = stdoutOutput(disk, redirected(disk));
    let written = 0;
    let failure: unknown;
    for (; written < LINES.length; written++) {
      try {
        out.writeLine(LINES[written]);
      } catch (err) {
        failure = err;
        break;
      }
    }
    const whole = "old\n" + LINES.slice(0, written).map((l) => l + "\n").join("");
    equal(disk.text, whole, `capacity ${capacity}`);
    equal((failure as Error).message, "Cannot write to standard output: no space left on device");
  }
});

Deno.test("standard output's file written by another too is left as it is, and the line says so", () => {
  const disk = new FullDisk(100);
  const out = stdoutOutput(disk, redirected(disk));
  out.writeLine(LINES[0]);
  // e.g. `> file 2>&1`: a notice longer than a report line went in between.
  const notice = "monilog: a notice on standard error, longer than the report line\n";
  writeAll(disk, notice);
  throws(() => out.writeLine(LINES[1]), (err) =>
    err instanceof RuntimeFailure &&
    err.message ===
      "Cannot write to standard output: no space left on device; its last line may be cut");
  equal(disk.text.startsWith(LINES[0] + "\n" + notice), true);
  equal(disk.text.length, 100);
  // Standard output that is not a file (a terminal, a pipe): nothing to cut, nothing is tried.
  const pipe = new FullDisk(30);
  const notFile: StdoutFile = { size: () => undefined, truncate: () => fail("truncate") };
  const toPipe = stdoutOutput(pipe, notFile);
  throws(() => {
    for (const line of LINES) toPipe.writeLine(line);
  }, RuntimeFailure);
});

/** A pipe that records each write it is given. */
class RecordingPipe {
  readonly writes: string[] = [];
  failing = false;

  writeSync(p: Uint8Array): number {
    if (this.failing) throw new Deno.errors.BrokenPipe("Broken pipe (os error 32)");
    this.writes.push(new TextDecoder().decode(p));
    return p.length;
  }
}

const NOT_FILE: StdoutFile = { size: () => undefined, truncate: () => fail("truncate") };

Deno.test("a replay's standard output to a pipe goes out in blocks, in order, all of it", () => {
  const pipe = new RecordingPipe();
  const out = stdoutOutput(pipe, NOT_FILE, { blockBytes: 32 });
  for (const line of ["one", "two", "three"]) out.writeLine(line);
  deepEqual(pipe.writes, [], "gathered");
  out.writeLine("a line longer than the block of thirty-two bytes");
  out.writeLine("four");
  out.flush?.();
  out.writeLine("five");
  out.close();
  deepEqual(pipe.writes, [
    "one\ntwo\nthree\n",
    "a line longer than the block of thirty-two bytes\n",
    "four\n",
    "five\n",
  ]);
});

Deno.test("standard output to a file gets a write a line, blocks or not", () => {
  const disk = new FullDisk(1000, 1000);
  const out = stdoutOutput(disk, redirected(disk), { blockBytes: 4096 });
  out.writeLine("one");
  equal(disk.text, "one\n");
});

Deno.test("a block that cannot be written fails the next line too, and the close", () => {
  const pipe = new RecordingPipe();
  const out = stdoutOutput(pipe, NOT_FILE, { blockBytes: 64 });
  out.writeLine("one");
  pipe.failing = true;
  // A flush whose failure its caller could not report (before a line on standard error)…
  throws(() => out.flush?.(), OutputClosed);
  pipe.failing = false;
  // …is given again by what comes next: nothing more is written.
  throws(() => out.writeLine("two"), OutputClosed);
  throws(() => out.close(), OutputClosed);
  deepEqual(pipe.writes, []);
});
