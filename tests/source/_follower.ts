/**
 * Helpers for followFile() tests on real files: a follower that records what it delivers, and waits on
 * conditions (never fixed sleeps) with a deadline. Followers run on one manual clock that the waits
 * move on, 50 ms of clock time per look, so that the poll and the rotate-wait pass in a few real
 * milliseconds and no test sleeps on the follower's timers.
 */
import { followFile, type FollowOptions, type SourceNotice } from "../../src/source/mod.ts";
import { WakeSignal } from "../../src/source/wake_signal.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { LineCollector } from "../_helpers/line_collector.ts";

/** The clock every test follower runs on. */
export const clock = new ManualClock();

/** Clock time that passes at each look of a wait: one poll period of the test followers. */
const STEP_MS = 50;

/** A followFile() run that records lines, notices and batches. */
export class Follower {
  readonly #collector = new LineCollector();
  readonly #stop = new AbortController();
  readonly #done: Promise<void>;
  #error: unknown;

  /** Starts following `path` (poll every 50 ms, rotated files let go after 150 ms idle). */
  constructor(path: string, options: Partial<FollowOptions> = {}) {
    spyOnSleep();
    this.#done = followFile(path, {
      pollMs: STEP_MS,
      rotateWaitMs: 150,
      signal: this.#stop.signal,
      clock,
      consumer: this.#collector,
      ...options,
    }).catch((err) => {
      this.#error = err;
    });
  }

  /** The lines delivered so far. */
  get lines(): string[] {
    return this.#collector.lines;
  }

  /** The notices so far. */
  get notices(): SourceNotice[] {
    return this.#collector.notices;
  }

  /** Bursts of reading delivered so far. */
  get batches(): number {
    return this.#collector.batches;
  }

  /** The kinds of the notices so far. */
  get kinds(): string[] {
    return this.notices.map((n) => n.kind);
  }

  /** Resolves once `n` lines were delivered. */
  waitForLines(n: number, timeoutMs = 5000): Promise<void> {
    return this.until(() => this.lines.length >= n, `${n} lines`, timeoutMs);
  }

  /** Resolves once `n` notices of `kind` were given. */
  waitForNotice(kind: SourceNotice["kind"], n = 1, timeoutMs = 5000): Promise<void> {
    return this.until(
      () => this.kinds.filter((k) => k === kind).length >= n,
      `${n} "${kind}" notice(s)`,
      timeoutMs,
    );
  }

  /**
   * Checks `ok` every few real ms, moving the clock on by one poll period each time, until it holds;
   * throws with what was seen after `timeoutMs` of real time.
   */
  async until(ok: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (this.#error !== undefined) throw this.#error;
      if (Date.now() > deadline) {
        throw new Error(
          `waited for ${what}; got lines ${
            JSON.stringify(this.lines.slice(-5))
          } (${this.lines.length}),` +
            ` notices ${this.kinds.join(",")}`,
        );
      }
      await delay(5);
      if (hold === undefined) await clock.advance(STEP_MS);
    }
  }

  /** Aborts and waits for the follower to finish; rethrows what it failed with. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#done;
    if (this.#error !== undefined) throw this.#error;
  }
}

/**
 * Calls `start` (which starts followers), then resolves with what it returned once `count` seeks to a
 * file's end have been made. Following from the end, a follower takes its starting point with that seek:
 * only bytes written after it are new to it. A spy on Deno.FsFile, since followFile() offers no hook to
 * tell; it is removed before this resolves (tests in a file run one at a time).
 */
export async function startedAtEnd<T>(start: () => T, count = 1, timeoutMs = 5000): Promise<T> {
  const seek = Deno.FsFile.prototype.seek;
  let seen = 0;
  Deno.FsFile.prototype.seek = async function (this: Deno.FsFile, offset, whence) {
    const at = await seek.call(this, offset, whence);
    if (whence === Deno.SeekMode.End) seen++;
    return at;
  };
  try {
    const started = start();
    const deadline = Date.now() + timeoutMs;
    while (seen < count) {
      if (Date.now() > deadline) {
        throw new Error(`waited for ${count} seek(s) to the end; saw ${seen}`);
      }
      await delay(5);
    }
    return started;
  } finally {
    Deno.FsFile.prototype.seek = seek;
  }
}

/** How many followers are in WakeSignal.wait(), asleep or held there by whileAsleep(). */
let inWait = 0;
/** While whileAsleep() runs: what a follower waits for before it wakes up to read. */
let hold: Promise<void> | undefined;

/**
 * Spies on WakeSignal.wait(), where a follower sleeps between two looks, since followFile() offers no
 * hook to tell. Installed before the first follower starts, so that every follower's sleep is seen.
 */
function spyOnSleep(): void {
  const { wait, pause } = WakeSignal.prototype;
  if (Object.hasOwn(wait, "spy")) return;
  const held = async (sleep: Promise<void>) => {
    inWait++;
    try {
      await sleep;
      while (hold !== undefined) await hold;
    } finally {
      inWait--;
    }
  };
  // A follower sleeps in wait() when its file is idle, in pause() between reads of a busy one.
  WakeSignal.prototype.wait = Object.assign(function (this: WakeSignal) {
    return held(wait.call(this));
  }, { spy: true });
  WakeSignal.prototype.pause = function (this: WakeSignal, ms: number) {
    return held(pause.call(this, ms));
  };
}

/**
 * Runs `change` while `count` followers sleep: each is kept asleep until `change` is done, so that it
 * looks only at the result, as if all of it happened between two of its looks.
 */
export async function whileAsleep(
  change: () => Promise<void>,
  count = 1,
  timeoutMs = 5000,
): Promise<void> {
  let release!: () => void;
  hold = new Promise<void>((resolve) => release = resolve);
  try {
    const deadline = Date.now() + timeoutMs;
    while (inWait < count) {
      if (Date.now() > deadline) throw new Error(`waited for ${count} follower(s) to sleep`);
      await delay(5);
    }
    await change();
  } finally {
    hold = undefined;
    release();
  }
}

/** Resolves after `ms`. Only to let time pass where the test asserts that nothing happens. */
export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Appends `text` to `path` (creating it). */
export async function append(path: string, text: string): Promise<void> {
  await Deno.writeTextFile(path, text, { append: true });
}

/** Writes all of `text` through an open file (a server's descriptor, or at its current position). */
export async function writeAll(file: Deno.FsFile, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  for (let done = 0; done < bytes.length;) done += await file.write(bytes.subarray(done));
}

/** Writes `text` over the start of the file at `path`, in place: the file keeps its inode, and grows. */
export async function overwrite(path: string, text: string): Promise<void> {
  const file = await Deno.open(path, { write: true });
  try {
    await writeAll(file, text);
  } finally {
    file.close();
  }
}

/** `count` distinct lines, `${prefix}${from}` onwards. */
export function numbered(prefix: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);
}

/** The lines as file content, each ended by "\n". */
export function text(lines: string[]): string {
  return lines.map((l) => l + "\n").join("");
}

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "monilog-source-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The message of what `p` rejects with ("no error" if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
}

/** True when the test runs as root, where chmod 000 does not deny reading. */
export const IS_ROOT = Deno.uid() === 0;
