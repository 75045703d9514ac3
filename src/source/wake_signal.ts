/**
 * Sleeps until something may have happened to the followed path: a file-system event for it in its
 * directory, the safety-net poll timer (watch events can be lost, and some file systems have none), or
 * abort. Watches the DIRECTORY, not the file: a watch on the file is lost at the first rename or delete.
 * A directory that does not exist yet cannot be watched (NotFound): then the poll alone wakes us, and
 * each wait tries to watch again. Events that arrive while the follower is reading collapse into one
 * wake, and an idle follower has nothing pending but one timer: no busy loop.
 */
import { basename, dirname, resolve } from "node:path";
import type { Clock } from "../clock.ts";

/** Options for {@linkcode WakeSignal}. */
export interface WakeOptions {
  /** Safety-net poll period, ms. */
  pollMs: number;
  /** Aborting it wakes the waiter for good. */
  signal: AbortSignal;
  /** The clock the poll sleeps on. */
  clock: Clock;
}

/** Wakes a follower of one path. */
export class WakeSignal {
  readonly #dir: string;
  readonly #dirAbsolute: string;
  readonly #suffix: string;
  readonly #pollMs: number;
  readonly #signal: AbortSignal;
  readonly #clock: Clock;
  readonly #onAbort = () => this.#fire();
  #watcher: Deno.FsWatcher | undefined;
  #pump: Promise<void> | undefined;
  #dirty = false;
  #wake: AbortController | undefined;
  #closed = false;

  /** Starts watching the directory of `path`, so that no change after this call is missed. */
  constructor(path: string, options: WakeOptions) {
    const { pollMs, signal, clock } = options;
    this.#dir = dirname(path);
    this.#dirAbsolute = resolve(this.#dir);
    this.#suffix = `/${basename(path)}`;
    this.#pollMs = pollMs;
    this.#signal = signal;
    this.#clock = clock;
    signal.addEventListener("abort", this.#onAbort, { once: true });
    this.#watch();
  }

  /** True while a directory watch is running (false: the poll alone wakes us). */
  get watching(): boolean {
    return this.#watcher !== undefined;
  }

  /** Resolves at the next event for the path (or one that came since the last wait), tick or abort. */
  async wait(): Promise<void> {
    // A watch that starts now missed what happened before it: report "maybe changed" at once.
    if (this.#watcher === undefined && this.#watch()) return;
    if (this.#dirty || this.#signal.aborted) {
      this.#dirty = false;
      return;
    }
    const wake = this.#wake = new AbortController();
    await this.#clock.sleep(this.#pollMs, wake.signal);
    this.#wake = undefined;
    this.#dirty = false;
  }

  /**
   * Sleeps `ms` without a watch: while a file is being written the follower reads at this pace and
   * lets the writes gather, instead of waking — and handling an event — for every `write()` a server
   * makes (one per line, for nginx and Apache). The next wait() watches again, and since that watch
   * missed what happened before it, returns at once for one more look.
   */
  async pause(ms: number): Promise<void> {
    this.#unwatch();
    if (this.#signal.aborted) return;
    const wake = this.#wake = new AbortController();
    await this.#clock.sleep(ms, wake.signal);
    this.#wake = undefined;
  }

  #unwatch(): void {
    const watcher = this.#watcher;
    this.#watcher = undefined;
    try {
      watcher?.close();
    } catch {
      // Already closed.
    }
  }

  /** Stops watching and waits until the watch has let go. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#signal.removeEventListener("abort", this.#onAbort);
    try {
      this.#watcher?.close();
    } catch {
      // Already closed.
    }
    this.#watcher = undefined;
    await this.#pump;
  }

  #fire(): void {
    this.#dirty = true;
    this.#wake?.abort();
  }

  /** Tries to watch the directory; true if a watch started. */
  #watch(): boolean {
    if (this.#closed || this.#signal.aborted) return false;
    let watcher: Deno.FsWatcher;
    try {
      watcher = Deno.watchFs(this.#dir, { recursive: false });
    } catch {
      // The directory does not exist (yet), or cannot be watched: rely on the poll.
      return false;
    }
    this.#watcher = watcher;
    this.#pump = this.#listen(watcher);
    return true;
  }

  async #listen(watcher: Deno.FsWatcher): Promise<void> {
    try {
      for await (const event of watcher) {
        // "access" is the writer closing the file: the "modify" before it already woke us.
        if (event.kind === "access") continue;
        if (event.paths.some((p) => p.endsWith(this.#suffix))) this.#fire();
        // The directory itself went away: this watch will see nothing more, start another later.
        if (event.kind === "remove" && event.paths.includes(this.#dirAbsolute)) watcher.close();
      }
    } catch {
      // The watch broke (its directory went away): fall back to the poll until it can start again.
    }
    if (this.#watcher === watcher) this.#watcher = undefined;
  }
}
