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
 * Beyond tail -F again:
 * - copy-then-truncate loses nothing that was in the file when it was copied: the copy beside the log
 *   (found by its first bytes, rotated_copy.ts) is read from our offset to its end before the
 *   truncated file is read again — also when nothing was read from the file yet (it is then shorter
 *   than, or starts otherwise than, the first bytes read when it was opened);
 * - a file that took the path so briefly that no look saw it there (renamed in, written, renamed away
 *   within milliseconds) is found among the rotated names as one this follower has not accounted
 *   for (known_files.ts: inode and first bytes; the set goes into `--state`), and read whole;
 * - every rotated file is judged by what its descriptor shows, not by the name it was listed under
 *   (logrotate renames them on while we look); a read of a file the positions do not name makes
 *   the follower inconsistent, and no checkpoint is taken until it ends;
 * - while a file is being written, wake-ups are coalesced (wake_signal.ts pause()): a read, then a
 *   short pause, so that following costs what the bytes cost, not one wake-up per `write()`;
 * - at a stop signal the last read goes only up to what the files held then, and a second signal
 *   (`halt`) ends it at once.
 *
 * Known limits: lines a server writes between logrotate's copy and its truncate exist in neither file
 * we read (inherent to copy-then-truncate). A path that is a symbolic link into another directory is
 * only noticed by the poll, since the watch is on the link's directory.
 */
import { fileChange, type PathStat } from "./file_change.ts";
import { LineDelivery, readBuffer, readFully, readToEnd } from "./line_reader.ts";
import { sourceError } from "./source_error.ts";
import type { SourceNotice, SourceOptions } from "./source_options.ts";
import { TAIL_MARK_BYTES, TailMark } from "./tail_mark.ts";
import { WakeSignal } from "./wake_signal.ts";
import type { Clock } from "../clock.ts";
import {
  FINGERPRINT_BYTES,
  hasPrefix,
  type OpenCandidate,
  openCandidate,
  rotatedCandidates,
} from "./rotated_copy.ts";
import {
  type FilePosition,
  fingerprintOf,
  type FollowSnapshot,
  position,
  type PositionSource,
  type SavedFollow,
} from "./file_position.ts";
import { KNOWN_HEAD_BYTES, KnownFiles } from "./known_files.ts";

/** Options for {@linkcode followFile}. */
export interface FollowOptions extends SourceOptions {
  /** Start at offset 0 instead of the end of the file (tail -F starts at the end). */
  fromStart?: boolean;
  /** Abort to stop: the follower does one last read of what is already written, then resolves. */
  signal: AbortSignal;
  /** The machine clock: the poll and the idle time of rotated-away files are measured on it. */
  clock: Clock;
  /** Abort (a second Ctrl-C) to end even the last read at once. */
  halt?: AbortSignal;
  /**
   * Safety-net stat poll period in ms, because watch events can be lost (default 1000); a function is
   * asked at each wait (many files spread their polls out as they grow in number).
   */
  pollMs?: number | (() => number);
  /** How long a rotated-away file is still read after it last grew, in ms (default 5000). */
  rotateWaitMs?: number;
  /**
   * Where an earlier run stopped (`--state`): the files it was reading, rotated-away ones first. They
   * are found again by their identity and fingerprint — at the path, or among its rotated names — and
   * read on from there; a file at the path that none of them is, is read from its start; a rotated
   * file it had not accounted for (a brief file, or one rotated while monilog was down) is read whole.
   */
  resume?: SavedFollow;
  /** Receives the follower's positions, for the checkpoint writer. */
  onStart?: (positions: PositionSource) => void;
  /**
   * Called once the follower knows where it starts, before it reads a line: a checkpoint then makes
   * even a crash in the first second resumable.
   */
  onPositioned?: () => void;
}

/**
 * Follows `path` like `tail -F`, surviving rotation; resolves when `signal` aborts. Throws SourceError
 * if the path exists but cannot be read (permission denied, is a directory). A path that does not exist
 * yet is waited for (one "waiting" notice).
 */
export async function followFile(path: string, options: FollowOptions): Promise<void> {
  const follower = new Follower(path, options);
  options.onStart?.(follower);
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
  /** Its first bytes as read (up to FINGERPRINT_BYTES): how its copy is recognised. */
  head: Uint8Array;
  headLength: number;
  /** A read found the bytes before it changed: look again at once (a truncation). */
  suspect?: boolean;
}

/** While a file is being written: the pause between two reads, which lets its writes gather. */
const COALESCE_MS = 100;
/** Listings of the rotated names that look for a copy-then-truncate's copy. */
const COPY_LOOKS = 3;
/** A last read longer than this is announced (a second signal ends it). */
const LONG_DRAIN_BYTES = 64 * 1024 * 1024;

/** Rounds of read-and-stat in one catch-up before yielding to the wait (which is then immediate). */
const MAX_ROUNDS = 16;

class Follower implements PositionSource {
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
  /** The files this follower has accounted for: a rotated name holding another is news. */
  #known = new KnownFiles();
  /**
   * Reads under way of files the positions do not name (a copy, a missed file, a resume): while one
   * is, the engine has counted lines that no position accounts for, and no snapshot is given.
   */
  #busy = 0;

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

  get consistent(): boolean {
    return this.#busy === 0;
  }

  /** Where each file read now stands (rotated-away ones first), and the files accounted for. */
  snapshot(): FollowSnapshot {
    if (this.#busy > 0) {
      throw new Error("internal: a follower's snapshot asked mid-way through a read");
    }
    const positions: FilePosition[] = [];
    for (const f of [...this.#retiring, this.#current]) {
      if (f === undefined) continue;
      // The bytes of a line not yet complete are read again after a restart, whole.
      const offset = f.offset - f.delivery.splitter.pending;
      positions.push(position(f.dev, f.ino, f.head.subarray(0, f.headLength), offset));
    }
    return { positions, seen: this.#known.list() };
  }

  async run(): Promise<void> {
    await this.#whileBusy(() => this.#start());
    this.#o.onPositioned?.();
    while (true) {
      // Read once more after the abort was seen: what was written before it is delivered.
      const final = this.#o.signal.aborted;
      const read = await this.#catchUp(final);
      if (final) return;
      // A file being written is read again after a pause; an idle one waits for a change.
      if (read > 0) await this.#wake.pause(COALESCE_MS);
      else await this.#wake.wait();
    }
  }

  /** Opens the path and finds where to start in it: its end, its start, or where a last run was. */
  async #start(): Promise<void> {
    const resume = this.#o.resume;
    if (resume?.seen !== undefined) this.#known = KnownFiles.from(resume.seen);
    else {
      // The rotated files there before us are old news (for a path the last run did not follow,
      // those from before its save).
      const since = resume?.savedAt ?? Infinity;
      for (const c of await rotatedCandidates(this.#path)) {
        if (c.mtimeMs >= since) continue;
        const open = await openCandidate(c.path);
        if (open === undefined) continue;
        open.file.close();
        this.#known.add(open.dev, open.ino, open.head);
      }
    }
    this.#current = await this.#open();
    const resumed = resume ? await this.#resume(resume.positions) : false;
    if (this.#current === undefined) {
      this.#notify("waiting");
      this.#absent = true;
    } else if (!resumed && !this.#o.fromStart && resume === undefined) {
      await this.#startAtEnd(this.#current);
    }
  }

  /** Runs `op` as a read the positions do not account for (see #busy). */
  async #whileBusy<T>(op: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await op();
    } finally {
      this.#busy--;
    }
  }

  async close(): Promise<void> {
    await this.#wake.close();
    for (const f of [...this.#retiring, this.#current]) f?.file.close();
    this.#retiring = [];
    this.#current = undefined;
  }

  /**
   * Reads everything there is to read now, following rotation and truncation; returns the bytes
   * read. The last read (`final`) goes only up to what each file held when it began.
   */
  async #catchUp(final: boolean): Promise<number> {
    let read = 0;
    if (final) await this.#announceDrain();
    // Rotated-away files first: what they hold was written before the new file's lines.
    for (const old of [...this.#retiring]) {
      const n = await this.#drain(old, final);
      read += n;
      if (final || (n === 0 && this.#o.clock.now() - old.idleSince >= this.#rotateWaitMs)) {
        this.#letGo(old);
      }
    }
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let f = this.#current;
      if (f === undefined) {
        f = this.#current = await this.#open();
        if (f === undefined) return read;
        if (this.#absent) this.#notify("opened");
        this.#absent = false;
      }
      // Look before reading on, not after: in a file truncated and written past our offset since the
      // last look, the bytes at our offset are the middle of its new content, which is read from its
      // start once the truncation is seen; read first, they would be delivered twice, one line broken.
      const now = await statPath(this.#path);
      const change = fileChange(
        { dev: f.dev, ino: f.ino, offset: f.offset, seen: f.headLength },
        now,
        await this.#sameTail(f, now),
      );
      if (change === "truncated") {
        // What we had not read yet is in the copy, which goes on from our offset; the end of the
        // held partial line is there too.
        await this.#whileBusy(async () => {
          const copy = await this.#readCopy(f);
          this.#notify("truncated", copy && `read the rest of the copy "${copy}" first`);
          f.delivery.flush();
          f.offset = await this.#io(() => f.file.seek(0, Deno.SeekMode.Start));
          f.tail.reset();
          f.headLength = 0;
          this.#known.add(f.dev, f.ino, new Uint8Array(0));
        });
      } else if (change === "replaced" || change === "missing") {
        read += await this.#drain(f, final);
        f.idleSince = this.#o.clock.now();
        this.#retiring.push(f);
        this.#current = undefined;
        this.#notify(change === "replaced" ? "rotated" : "missing");
        this.#absent = change === "missing";
        if (final) this.#letGo(f);
        read += await this.#whileBusy(() => this.#readMissed());
        if (change === "missing") return read;
        continue;
      }
      const n = await this.#drain(f, final);
      read += n;
      if (f.suspect) {
        f.suspect = false;
        continue;
      }
      if (n === 0) return read;
    }
    return read;
  }

  /**
   * Copy-then-truncate: finds the copy of `f` (a rotated name whose first bytes are those we read from
   * `f`'s start, holding at least what we read) and delivers its bytes from our offset to its end,
   * through `f`'s own delivery so that a line cut by our last read is completed. Returns its path.
   */
  async #readCopy(f: Followed): Promise<string | undefined> {
    // logrotate may be renaming the rotated files on while we list them: a copy missed in one
    // listing (renamed between the listing and its open) is in the next.
    for (let attempt = 0; attempt < COPY_LOOKS; attempt++) {
      const found = await this.#readCopyOnce(f);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  async #readCopyOnce(f: Followed): Promise<string | undefined> {
    const head = f.head.subarray(0, f.headLength);
    for (const c of await rotatedCandidates(this.#path)) {
      if (c.size < f.offset) continue;
      const copy = await openCandidate(c.path);
      if (copy === undefined) continue;
      try {
        const ours = copy.dev === f.dev && copy.ino === f.ino;
        if (ours || copy.size < f.offset || !hasPrefix(copy.head, head)) continue;
        // Never taken later for a file we missed: its bytes are ours.
        this.#known.add(copy.dev, copy.ino, copy.head);
        await copy.file.seek(f.offset, Deno.SeekMode.Start);
        await readToEnd(
          copy.file,
          this.#buffer,
          f.delivery,
          this.#o.halt,
          undefined,
          copy.size - f.offset,
        );
        return c.path;
      } catch {
        continue; // gone or unreadable: look at the next
      } finally {
        copy.file.close();
      }
    }
    return undefined;
  }

  /**
   * After a rotation: files with rotated names that we have not accounted for — a file that was at
   * the path only between two looks — are read whole, oldest first, before the new file. Not by
   * time: logrotate renames the rotated files on while we list them, and one missed in a listing
   * must still be news in the next. Each is judged by what its descriptor shows, not by the name it
   * was listed under: when a name turns out to hold another file than listed, the names are listed
   * again, so that the file that moved is not left for the next rotation.
   */
  async #readMissed(): Promise<number> {
    let read = 0;
    for (let look = 0; look < COPY_LOOKS; look++) {
      let moved = false;
      const listed = (await rotatedCandidates(this.#path)).reverse();
      for (const c of listed) {
        const open = await openCandidate(c.path);
        if (open === undefined) continue;
        try {
          moved ||= open.dev !== c.dev || open.ino !== c.ino;
          if (open.size === 0 || this.#known.has(open.dev, open.ino, open.head)) continue;
          this.#known.add(open.dev, open.ino, open.head);
          // A copy of a file we read (copy-then-truncate) is not news.
          if (this.#isCopyOfOurs(open)) continue;
          read += await this.#readWhole(open);
          this.#notify(
            "opened",
            `"${c.path}", at the path too briefly to be seen there, read whole`,
          );
        } finally {
          open.file.close();
        }
      }
      if (!moved) break;
    }
    return read;
  }

  /** True when `c` starts with the bytes read from the start of a file we read now. */
  #isCopyOfOurs(c: OpenCandidate): boolean {
    for (const f of [...this.#retiring, this.#current]) {
      if (f !== undefined && hasPrefix(c.head, f.head.subarray(0, f.headLength))) return true;
    }
    return false;
  }

  /** Reads an opened candidate from where it is positioned to its end, its last line included. */
  async #readWhole(c: OpenCandidate): Promise<number> {
    const delivery = new LineDelivery(c.path, this.#o);
    const n = await readToEnd(c.file, this.#buffer, delivery, this.#o.halt);
    delivery.flush();
    delivery.batch();
    return n;
  }

  /** Says when the last read has much to read: a second signal ends it at once. */
  async #announceDrain(): Promise<void> {
    let left = 0;
    for (const f of [...this.#retiring, this.#current]) {
      if (f === undefined) continue;
      try {
        left += Math.max(0, (await f.file.stat()).size - f.offset);
      } catch {
        // Cannot tell: the read will say what is wrong.
      }
    }
    if (left > LONG_DRAIN_BYTES) {
      this.#notify("draining", `${Math.round(left / (1024 * 1024))} MiB written before the stop`);
    }
  }

  /**
   * Goes on where an earlier run stopped: each saved file is found by its identity and fingerprint
   * (an inode reused by another file does not pass); one rotated away since is read from its saved
   * offset to its end, the one still at the path is read on from its offset; then the rotated files
   * the last run had not accounted for are read whole. True when the file at the path was one of the
   * saved ones; when it was not, it came after the stop, and is read from its start.
   */
  async #resume(saved: FilePosition[]): Promise<boolean> {
    const current = this.#current;
    let atPath = false;
    for (const p of saved) {
      const fingerprint = fingerprintOf(p);
      if (
        current !== undefined && !atPath && current.dev === p.dev && current.ino === p.ino &&
        current.headLength >= fingerprint.length &&
        current.head.subarray(0, fingerprint.length).every((b, i) => b === fingerprint[i])
      ) {
        const size = (await this.#io(() => current.file.stat())).size;
        if (size >= p.offset) {
          current.offset = await this.#io(() => current.file.seek(p.offset, Deno.SeekMode.Start));
          atPath = true;
          continue;
        }
      }
      const found = await this.#findRotated(p, fingerprint);
      if (found === undefined) {
        this.#notify("missing", `the file read at offset ${p.offset} when monilog stopped is gone`);
        continue;
      }
      try {
        await found.file.seek(p.offset, Deno.SeekMode.Start);
        await this.#readWhole(found);
      } finally {
        found.file.close();
      }
      this.#notify(
        "opened",
        `"${found.path}", rotated while monilog was stopped, read on from where it was`,
      );
    }
    await this.#readMissed();
    return atPath;
  }

  /**
   * The rotated file that was read up to `p` — it starts with `fingerprint` and holds at least
   * `p.offset` bytes; one never read from (an empty fingerprint) is known by its inode alone — opened.
   */
  async #findRotated(p: FilePosition, fingerprint: Uint8Array): Promise<OpenCandidate | undefined> {
    // Rotation may be renaming the files on while we list them (a name that moves during the
    // listing may be listed under neither name): not found in one listing, looked for in the next.
    for (let look = 0; look < COPY_LOOKS; look++) {
      for (const c of await rotatedCandidates(this.#path)) {
        const open = await openCandidate(c.path);
        if (open === undefined) continue;
        const same = fingerprint.length > 0
          ? hasPrefix(open.head, fingerprint)
          : open.dev === p.dev && open.ino === p.ino;
        if (same && open.size >= p.offset) {
          this.#known.add(open.dev, open.ino, open.head);
          return open;
        }
        open.file.close();
      }
    }
    return undefined;
  }

  /** Seeks to the end of a file met at start, keeping the bytes before it as the tail mark. */
  async #startAtEnd(f: Followed): Promise<void> {
    const end = await this.#io(() => f.file.seek(0, Deno.SeekMode.End));
    const from = Math.max(0, end - TAIL_MARK_BYTES);
    await this.#io(() => f.file.seek(from, Deno.SeekMode.Start));
    const last = new Uint8Array(end - from);
    const got = await this.#io(() => readFully(f.file, last));
    f.offset = from + got;
    f.tail.push(last.subarray(0, got));
    // We start inside a line that is still being written: its tail alone would be a broken line.
    if (got > 0 && last[got - 1] !== NL) f.delivery.skipFirstLine();
  }

  /**
   * Reads `f` to its end — for the last read, to where its end is now, and no further once `halt`
   * aborts — keeping its tail mark and fingerprint; returns the bytes read.
   */
  async #drain(f: Followed, final = false): Promise<number> {
    let limit = Infinity;
    if (final) {
      if (this.#o.halt?.aborted) return 0;
      limit = Math.max(0, (await this.#io(() => f.file.stat())).size - f.offset);
    }
    let at = f.offset;
    const onChunk = (c: Uint8Array) => {
      f.tail.push(c);
      // The bytes past what the fingerprint holds, while it is not full, extend it.
      const end = at + c.length;
      if (f.headLength < FINGERPRINT_BYTES && at <= f.headLength && end > f.headLength) {
        const take = c.subarray(f.headLength - at, Math.min(c.length, FINGERPRINT_BYTES - at));
        f.head.set(take, f.headLength);
        const before = f.headLength;
        f.headLength += take.length;
        // What it is known by grows with it, so that it is still known once it is rotated.
        if (before < KNOWN_HEAD_BYTES) {
          this.#known.add(f.dev, f.ino, f.head.subarray(0, f.headLength));
        }
      }
      at += c.length;
      // Kept chunk by chunk, not at the end of the drain: a checkpoint may be taken between two
      // reads, and must name the bytes whose lines the engine has already counted.
      f.offset = at;
    };
    // The file at the path may be truncated and written again between our look and our read: then
    // the bytes read are the middle of its new content. They are delivered only if the bytes before
    // them are still the ones we read there (checked after the read, so a truncation before it shows).
    const verify = f === this.#current
      ? (c: Uint8Array) => this.#tailStillOurs(f, at, c.length)
      : undefined;
    const n = await readToEnd(
      f.file,
      this.#buffer,
      f.delivery,
      this.#o.halt,
      onChunk,
      limit,
      verify,
    );
    if (n > 0) f.idleSince = this.#o.clock.now();
    return n;
  }

  /**
   * True when the bytes just before `at` are still our tail mark; the file is left positioned at
   * `at + length` (after the chunk just read). Unknown (an empty mark) counts as ours.
   */
  async #tailStillOurs(f: Followed, at: number, length: number): Promise<boolean> {
    if (f.tail.bytes.length === 0) return true;
    const ours = await this.#markBefore(f, at, at + length);
    if (!ours) f.suspect = true;
    return ours;
  }

  /**
   * True when the bytes just before `at` in `f` are exactly its tail mark; leaves the file positioned
   * at `then`.
   */
  async #markBefore(f: Followed, at: number, then: number): Promise<boolean> {
    const length = f.tail.bytes.length;
    return f.tail.matches(await this.#bytesAt(f, at - length, length, then));
  }

  /** The bytes of `f` at `at` (up to `n`: fewer where it ends); leaves the file positioned at `then`. */
  async #bytesAt(f: Followed, at: number, n: number, then: number): Promise<Uint8Array> {
    await this.#io(() => f.file.seek(at, Deno.SeekMode.Start));
    const bytes = new Uint8Array(n);
    const got = await this.#io(() => readFully(f.file, bytes));
    await this.#io(() => f.file.seek(then, Deno.SeekMode.Start));
    return bytes.subarray(0, got);
  }

  /**
   * True unless the bytes before our offset differ from those we read there (see file_change.ts) —
   * or, at offset 0, unless the file's first bytes differ from those read when it was opened (copied,
   * truncated and written again before we read from it).
   */
  async #sameTail(f: Followed, now: PathStat | undefined): Promise<boolean> {
    if (now === undefined || now.ino !== f.ino || now.dev !== f.dev) return true;
    if (f.offset === 0 && f.headLength > 0) return await this.#sameHead(f, now.size);
    const mark = f.tail.bytes;
    if (mark.length === 0) return true;
    if (now.size < f.offset) return true; // truncated anyway
    return await this.#markBefore(f, f.offset, f.offset);
  }

  /** True when the file still starts with the first bytes read from it (up to TAIL_MARK_BYTES). */
  async #sameHead(f: Followed, size: number): Promise<boolean> {
    const n = Math.min(f.headLength, TAIL_MARK_BYTES);
    if (size < n) return false;
    return hasPrefix(await this.#bytesAt(f, 0, n, 0), f.head.subarray(0, n));
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
      const dev = st.dev ?? 0, ino = st.ino ?? 0;
      // Its fingerprint now, whether it is read from its start or its end; the reads extend it.
      const head = new Uint8Array(FINGERPRINT_BYTES);
      const headLength = await readFully(file, head);
      await file.seek(0, Deno.SeekMode.Start);
      this.#known.add(dev, ino, head.subarray(0, headLength));
      return {
        file,
        dev,
        ino,
        offset: 0,
        tail: new TailMark(),
        delivery: new LineDelivery(this.#path, this.#o),
        idleSince: this.#o.clock.now(),
        head,
        headLength,
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

  #notify(kind: SourceNotice["kind"], detail?: string): void {
    this.#o.consumer.notice(
      detail ? { kind, path: this.#path, detail } : { kind, path: this.#path },
    );
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
