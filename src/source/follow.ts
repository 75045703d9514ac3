/**
 * Follows a log like `tail -F` (mtail's algorithm): read to the end, sleep until the directory reports
 * a change for the path or the poll fires (wake_signal.ts), then stat the path and decide what happened
 * (file_change.ts):
 * - grown: read on;
 * - truncated (copy-then-truncate): the held partial line is delivered (its end went to the copy), and
 *   the file is read again from its start;
 * - replaced (rename-and-recreate, delete-and-recreate) or missing (deleted): the file we hold is drained
 *   to its end through our descriptor — which still works after a rename or a delete — then the new
 *   file, once there, is read from its start: everything in a new file is new.
 *
 * One step beyond tail -F, as Vector does: a file that was rotated away is not closed at once, but read
 * on until it has not grown for `rotateWaitMs`. Between logrotate's rename and the signal that makes the
 * server reopen its log, the server still writes to the old file; closing it at once would lose those
 * lines. Its held partial line is delivered when it is let go (the writer may still finish it). Lines
 * it gets after the switch arrive after some of the new file's: the consumer's lateness rule covers it.
 *
 * Known limits: bytes written between our last read and a truncation exist only in the copy (inherent
 * to copy-then-truncate; prompt reaction to watch events keeps the window small). A path that is a
 * symbolic link into another directory is only noticed by the poll, since the watch is on the link's
 * directory.
 */
import { fileChange, type PathStat } from "./file_change.ts";
import { LineDelivery, readBuffer, readToEnd } from "./line_reader.ts";
import { sourceError } from "./source_error.ts";
import type { SourceNotice, SourceOptions } from "./source_options.ts";
import { TAIL_MARK_BYTES, TailMark } from "./tail_mark.ts";
import { WakeSignal } from "./wake_signal.ts";
import type { Clock } from "../clock.ts";

/** Options for {@linkcode followFile}. */
export interface FollowOptions extends SourceOptions {
  /** Start at offset 0 instead of the end of the file (tail -F starts at the end). */
  fromStart?: boolean;
  /** Abort to stop: the follower does one last read of what is already written, then resolves. */
  signal: AbortSignal;
  /** The machine clock: the poll and the idle time of rotated-away files are measured on it. */
  clock: Clock;
  /** Safety-net stat poll period in ms, because watch events can be lost (default 1000). */
  pollMs?: number;
  /** How long a rotated-away file is still read after it last grew, in ms (default 5000). */
  rotateWaitMs?: number;
}

/**
 * Follows `path` like `tail -F`, surviving rotation; resolves when `signal` aborts. Throws SourceError
 * if the path exists but cannot be read (permission denied, is a directory). A path that does not exist
 * yet is waited for (one "waiting" notice).
 */
export async function followFile(path: string, options: FollowOptions): Promise<void> {
  const follower = new Follower(path, options);
  try {
    await follower.run();
  } finally {
    await follower.close();
  }
}

/** A file we hold open. */
interface Followed {
  file: Deno.FsFile;
  dev: number;
  ino: number;
  /** Bytes read so far (the descriptor's position). */
  offset: number;
  /** The bytes just before `offset`, as read. */
  tail: TailMark;
  /** Its own splitter: a rotated file's partial line must not meet the new file's bytes. */
  delivery: LineDelivery;
  /** Since when it has given no bytes (clock milliseconds), to let a rotated-away file go. */
  idleSince: number;
}

/** Rounds of read-and-stat in one catch-up before yielding to the wait (which is then immediate). */
const MAX_ROUNDS = 16;

class Follower {
  readonly #path: string;
  readonly #o: FollowOptions;
  readonly #rotateWaitMs: number;
  readonly #buffer = readBuffer();
  readonly #wake: WakeSignal;
  #current: Followed | undefined;
  /** Files that were rotated away, still read until idle; oldest first. */
  #retiring: Followed[] = [];
  /** The path was reported absent ("waiting" or "missing"): report "opened" when it comes. */
  #absent = false;

  constructor(path: string, options: FollowOptions) {
    this.#path = path;
    this.#o = options;
    this.#rotateWaitMs = options.rotateWaitMs ?? 5000;
    // Watch before the first open, so that nothing written after the open goes unnoticed.
    this.#wake = new WakeSignal(path, {
      pollMs: options.pollMs ?? 1000,
      signal: options.signal,
      clock: options.clock,
    });
  }

  async run(): Promise<void> {
    this.#current = await this.#open();
    if (this.#current === undefined) {
      this.#notify("waiting");
      this.#absent = true;
    } else if (!this.#o.fromStart) {
      await this.#startAtEnd(this.#current);
    }
    while (true) {
      // Read once more after the abort was seen: what was written before it is delivered.
      const final = this.#o.signal.aborted;
      await this.#catchUp(final);
      if (final) return;
      await this.#wake.wait();
    }
  }

  async close(): Promise<void> {
    await this.#wake.close();
    for (const f of [...this.#retiring, this.#current]) f?.file.close();
    this.#retiring = [];
    this.#current = undefined;
  }

  /** Reads everything there is to read now, following rotation and truncation. */
  async #catchUp(final: boolean): Promise<void> {
    // Rotated-away files first: what they hold was written before the new file's lines.
    for (const old of [...this.#retiring]) {
      const grew = await this.#drain(old) > 0;
      if (final || (!grew && this.#o.clock.now() - old.idleSince >= this.#rotateWaitMs)) {
        this.#letGo(old);
      }
    }
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let f = this.#current;
      if (f === undefined) {
        f = this.#current = await this.#open();
        if (f === undefined) return;
        if (this.#absent) this.#notify("opened");
        this.#absent = false;
      }
      // Look before reading on, not after: in a file truncated and written past our offset since the
      // last look, the bytes at our offset are the middle of its new content, which is read from its
      // start once the truncation is seen; read first, they would be delivered twice, one line broken.
      const now = await statPath(this.#path);
      const change = fileChange(f, now, await this.#sameTail(f, now));
      if (change === "truncated") {
        this.#notify("truncated");
        // The end of the held partial line went to the copy: deliver what we have of it.
        f.delivery.flush();
        f.offset = await this.#io(() => f.file.seek(0, Deno.SeekMode.Start));
        f.tail.reset();
      } else if (change === "replaced" || change === "missing") {
        await this.#drain(f);
        f.idleSince = this.#o.clock.now();
        this.#retiring.push(f);
        this.#current = undefined;
        this.#notify(change === "replaced" ? "rotated" : "missing");
        this.#absent = change === "missing";
        if (final) this.#letGo(f);
        if (change === "missing") return;
        continue;
      }
      if (await this.#drain(f) === 0) return;
    }
  }

  /** Seeks to the end of a file met at start, keeping the bytes before it as the tail mark. */
  async #startAtEnd(f: Followed): Promise<void> {
    const end = await this.#io(() => f.file.seek(0, Deno.SeekMode.End));
    const from = Math.max(0, end - TAIL_MARK_BYTES);
    await this.#io(() => f.file.seek(from, Deno.SeekMode.Start));
    const last = new Uint8Array(end - from);
    let got = 0;
    while (got < last.length) {
      const n = await this.#io(() => f.file.read(last.subarray(got)));
      if (n === null || n === 0) break;
      got += n;
    }
    f.offset = from + got;
    f.tail.push(last.subarray(0, got));
    // We start inside a line that is still being written: its tail alone would be a broken line.
    if (got > 0 && last[got - 1] !== NL) f.delivery.skipFirstLine();
  }

  /** Reads `f` to its end; returns the bytes read. */
  async #drain(f: Followed): Promise<number> {
    const n = await readToEnd(f.file, this.#buffer, f.delivery, undefined, (c) => f.tail.push(c));
    f.offset += n;
    if (n > 0) f.idleSince = this.#o.clock.now();
    return n;
  }

  /** True unless the bytes before our offset differ from those we read there (see file_change.ts). */
  async #sameTail(f: Followed, now: PathStat | undefined): Promise<boolean> {
    const mark = f.tail.bytes;
    if (mark.length === 0 || now === undefined || now.ino !== f.ino || now.dev !== f.dev) {
      return true;
    }
    if (now.size < f.offset) return true; // truncated anyway
    const bytes = new Uint8Array(mark.length);
    let got = 0;
    await this.#io(() => f.file.seek(f.offset - mark.length, Deno.SeekMode.Start));
    while (got < bytes.length) {
      const n = await this.#io(() => f.file.read(bytes.subarray(got)));
      if (n === null || n === 0) break;
      got += n;
    }
    await this.#io(() => f.file.seek(f.offset, Deno.SeekMode.Start));
    return got === bytes.length && f.tail.matches(bytes);
  }

  /** Stops reading a rotated-away file: its partial line is all it will ever hold. */
  #letGo(f: Followed): void {
    f.delivery.flush();
    f.file.close();
    this.#retiring = this.#retiring.filter((r) => r !== f);
  }

  /** Opens the path; undefined if there is nothing there; SourceError if it cannot be read. */
  async #open(): Promise<Followed | undefined> {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(this.#path, { read: true });
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return undefined;
      throw sourceError(this.#path, err);
    }
    try {
      const st = await file.stat();
      if (st.isDirectory) throw new Deno.errors.IsADirectory();
      return {
        file,
        dev: st.dev ?? 0,
        ino: st.ino ?? 0,
        offset: 0,
        tail: new TailMark(),
        delivery: new LineDelivery(this.#path, this.#o),
        idleSince: this.#o.clock.now(),
      };
    } catch (err) {
      file.close();
      throw sourceError(this.#path, err);
    }
  }

  /** Runs a file operation, turning its failure into a SourceError naming the path. */
  async #io<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw sourceError(this.#path, err);
    }
  }

  #notify(kind: SourceNotice["kind"]): void {
    this.#o.consumer.notice({ kind, path: this.#path });
  }
}

/** Stats the path; undefined when nothing is there (or it cannot be looked at: treated alike). */
async function statPath(path: string): Promise<PathStat | undefined> {
  try {
    const st = await Deno.stat(path);
    return { dev: st.dev ?? 0, ino: st.ino ?? 0, size: st.size };
  } catch {
    return undefined;
  }
}

const NL = 10;
