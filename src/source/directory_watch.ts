/**
 * One watch per directory, shared by every follower of a file in it. A watch of its own for each of a
 * thousand logs in /var/log/nginx would be a thousand inotify instances (Linux allows 128 by default,
 * so most would fail and fall back to polling) each woken by every event in the directory.
 */

/** A follower's interest in one name of the directory. */
export interface Subscription {
  /** Stops hearing; the last to leave closes the watch and waits until it has let go. */
  unsubscribe(): Promise<void>;
}

interface Subscriber {
  onEvent(): void;
  onLost(): void;
}

/** The watch of one directory and who listens to which of its names. */
class DirectoryWatch {
  readonly #byName = new Map<string, Set<Subscriber>>();
  readonly #watcher: Deno.FsWatcher;
  readonly #pump: Promise<void>;
  #open = true;

  constructor(readonly dir: string, private readonly onClosed: () => void) {
    this.#watcher = Deno.watchFs(dir, { recursive: false });
    this.#pump = this.#listen();
  }

  get size(): number {
    let n = 0;
    for (const set of this.#byName.values()) n += set.size;
    return n;
  }

  add(name: string, s: Subscriber): void {
    let set = this.#byName.get(name);
    if (set === undefined) this.#byName.set(name, set = new Set());
    set.add(s);
  }

  async remove(name: string, s: Subscriber): Promise<void> {
    const set = this.#byName.get(name);
    set?.delete(s);
    if (set?.size === 0) this.#byName.delete(name);
    if (this.#byName.size === 0) await this.close();
  }

  async close(): Promise<void> {
    this.#shut();
    await this.#pump;
  }

  /** Lets the watcher go (once), and out of the shared map. */
  #shut(): void {
    if (!this.#open) return;
    this.#open = false;
    this.onClosed();
    try {
      this.#watcher.close();
    } catch {
      // Already closed.
    }
  }

  async #listen(): Promise<void> {
    const prefix = this.dir.endsWith("/") ? this.dir : `${this.dir}/`;
    try {
      for await (const event of this.#watcher) {
        // "access" is the writer closing the file: the "modify" before it already woke us.
        if (event.kind === "access") continue;
        for (const p of event.paths) {
          if (p.startsWith(prefix)) {
            for (const s of this.#byName.get(p.slice(prefix.length)) ?? []) s.onEvent();
          }
        }
        // The directory itself went away: this watch will see nothing more.
        if (event.kind === "remove" && event.paths.includes(this.dir)) break;
      }
    } catch {
      // The watch broke (its directory went away).
    }
    this.#shut();
    // Everyone falls back to the poll, and watches again later.
    for (const set of this.#byName.values()) for (const s of set) s.onLost();
    this.#byName.clear();
  }
}

const watches = new Map<string, DirectoryWatch>();

/**
 * Hears the events for `name` in the directory `dir` (absolute): `onEvent` at each, `onLost` when the
 * watch ends on its own (the directory went away). Undefined when the directory cannot be watched (it
 * does not exist yet).
 */
export function watchName(
  dir: string,
  name: string,
  onEvent: () => void,
  onLost: () => void,
): Subscription | undefined {
  let watch = watches.get(dir);
  if (watch === undefined) {
    try {
      watch = new DirectoryWatch(dir, () => watches.delete(dir));
    } catch {
      return undefined;
    }
    watches.set(dir, watch);
  }
  const subscriber = { onEvent, onLost };
  watch.add(name, subscriber);
  const w = watch;
  let done = false;
  return {
    unsubscribe: () => {
      if (done) return Promise.resolve();
      done = true;
      return w.remove(name, subscriber);
    },
  };
}
