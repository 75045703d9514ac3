/**
 * Sleeps until something may have happened to the followed path: a file-system event for it in its
 * directory, the safety-net poll timer (watch events can be lost, and some file systems have none), or
 * abort. Watches the DIRECTORY, not the file: a watch on the file is lost at the first rename or delete.
 * A directory that does not exist yet cannot be watched (NotFound): then the poll alone wakes us, and
 * each wait tries to watch again. Events that arrive while the follower is reading collapse into one
 * wake, and an idle follower has nothing pending but one timer: no busy loop.
 */
import { basename, dirname, resolve } from "./posix_path.ts";
import type { Clock } from "../clock.ts";
import { type Subscription, watchName } from "./directory_watch.ts";

/** Options for {@linkcode WakeSignal}. */
export interface WakeOptions {
  /** Safety-net poll period, ms (a function: asked at each wait, so that it may change). */
  pollMs: number | (() => number);
  /** Aborting it wakes the waiter for good. */
  signal: AbortSignal;
  /** The clock the poll sleeps on. */
  clock: Clock;
}

/** Wakes a follower of one path. */
export class WakeSignal {
  readonly #dirAbsolute: string;
  readonly #name: string;
  readonly #pollMs: number | (() => number);
  readonly #signal: AbortSignal;
  readonly #clock: Clock;
  readonly #onAbort = () => this.#fire();
  #subscription: Subscription | undefined;
  #dirty = false;
  #wake: AbortController | undefined;
  #closed = false;

  /** Starts watching the directory of `path`, so that no change after this call is missed. */
  constructor(path: string, options: WakeOptions) {
    const { pollMs, signal, clock } = options;
    this.#dirAbsolute = resolve(dirname(path));
    this.#name = basename(path);
    this.#pollMs = pollMs;
    this.#signal = signal;
    this.#clock = clock;
    signal.addEventListener("abort", this.#onAbort, { once: true });
    this.#watch();
  }

  /** True while a directory watch is running (false: the poll alone wakes us). */
  get watching(): boolean {
    return this.#subscription !== undefined;
  }

  /** Resolves at the next event for the path (or one that came since the last wait), tick or abort. */
  async wait(): Promise<void> {
    // A watch that starts now missed what happened before it: report "maybe changed" at once.
    if (this.#subscription === undefined && this.#watch()) return;
    if (this.#dirty || this.#signal.aborted) {
      this.#dirty = false;
      return;
    }
    const wake = this.#wake = new AbortController();
    const poll = typeof this.#pollMs === "number" ? this.#pollMs : this.#pollMs();
    await this.#clock.sleep(poll, wake.signal);
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

  /** Stops watching and waits until the watch has let go (when no other follower shares it). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#signal.removeEventListener("abort", this.#onAbort);
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.unsubscribe();
  }

  #unwatch(): void {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    // Closing a shared watch is quick; nothing needs to wait for it here.
    subscription?.unsubscribe().catch(() => {});
  }

  #fire(): void {
    this.#dirty = true;
    this.#wake?.abort();
  }

  /** Tries to watch the directory; true if a watch started. */
  #watch(): boolean {
    if (this.#closed || this.#signal.aborted) return false;
    // The directory does not exist (yet), or cannot be watched: rely on the poll.
    this.#subscription = watchName(this.#dirAbsolute, this.#name, () => this.#fire(), () => {
      this.#subscription = undefined;
    });
    return this.#subscription !== undefined;
  }
}
