/**
 * Sleeps until something may have happened to the followed path: a file-system event in its directory,
 * the safety-net poll timer (watch events can be lost, and some file systems have none), or abort.
 * Watches the DIRECTORY, not the file: a watch on the file is lost at the first rename or delete. No
 * busy loop: between events an idle follower only has one timer pending.
 */
export class WakeSignal {
  readonly #dir: string;
  readonly #name: string;
  readonly #pollMs: number;
  readonly #signal: AbortSignal;
  #watcher: Deno.FsWatcher | undefined;
  #dirty = false;
  #wake: (() => void) | undefined;
  #nextWatchTry = 0;

  /** Creates the waker for `path`. */
  constructor(path: string, pollMs: number, signal: AbortSignal) {
    const slash = path.lastIndexOf("/");
    this.#dir = slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
    this.#name = path.slice(slash + 1);
    this.#pollMs = pollMs;
    this.#signal = signal;
    signal.addEventListener("abort", () => this.#fire(), { once: true });
  }

  /** Resolves at the next event, poll tick or abort. */
  async wait(): Promise<void> {
    this.#ensureWatcher();
    if (this.#dirty || this.#signal.aborted) {
      this.#dirty = false;
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      timer = setTimeout(resolve, this.#pollMs);
    });
    clearTimeout(timer);
    this.#wake = undefined;
    this.#dirty = false;
  }

  /** Stops watching. */
  close(): void {
    try {
      this.#watcher?.close();
    } catch {
      // Already closed.
    }
    this.#watcher = undefined;
  }

  #fire(): void {
    this.#dirty = true;
    this.#wake?.();
  }

  #ensureWatcher(): void {
    if (this.#watcher !== undefined || this.#signal.aborted) return;
    const now = Date.now();
    if (now < this.#nextWatchTry) return;
    try {
      this.#watcher = Deno.watchFs(this.#dir, { recursive: false });
    } catch {
      // The directory does not exist (yet) or cannot be watched: rely on the poll, retry later.
      this.#nextWatchTry = now + 5 * this.#pollMs;
      return;
    }
    this.#pump(this.#watcher);
  }

  async #pump(watcher: Deno.FsWatcher): Promise<void> {
    try {
      for await (const event of watcher) {
        if (event.paths.some((p) => p.endsWith(`/${this.#name}`) || p === this.#name)) this.#fire();
      }
    } catch {
      // The directory went away: fall back to the poll until it can be watched again.
    }
    if (this.#watcher === watcher) this.#watcher = undefined;
  }
}
