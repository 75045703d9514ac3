/**
 * Helpers for followFile() tests on real files: a follower that records what it delivers, and waits on
 * conditions (never fixed sleeps) with a deadline.
 */
import { followFile, type FollowOptions, type SourceNotice } from "../../src/source/mod.ts";

/** A followFile() run that records lines, notices and batches. */
export class Follower {
  readonly lines: string[] = [];
  readonly notices: SourceNotice[] = [];
  batches = 0;
  readonly #stop = new AbortController();
  readonly #done: Promise<void>;
  #error: unknown;

  /** Starts following `path` (poll every 50 ms, rotated files let go after 150 ms idle). */
  constructor(path: string, options: Partial<FollowOptions> = {}) {
    this.#done = followFile(path, {
      pollMs: 50,
      rotateWaitMs: 150,
      signal: this.#stop.signal,
      onLine: (l) => this.lines.push(l),
      onNotice: (n) => this.notices.push(n),
      onBatch: () => this.batches++,
      ...options,
    }).catch((err) => {
      this.#error = err;
    });
  }

  /** The kinds of the notices so far. */
  get kinds(): string[] {
    return this.notices.map((n) => n.kind);
  }

  /** Resolves once `n` lines were delivered. */
  waitForLines(n: number, timeoutMs = 3000): Promise<void> {
    return this.until(() => this.lines.length >= n, `${n} lines`, timeoutMs);
  }

  /** Resolves once `n` notices of `kind` were given. */
  waitForNotice(kind: SourceNotice["kind"], n = 1, timeoutMs = 3000): Promise<void> {
    return this.until(
      () => this.kinds.filter((k) => k === kind).length >= n,
      `${n} "${kind}" notice(s)`,
      timeoutMs,
    );
  }

  /** Polls `ok` every few ms until it holds; throws with what was seen after `timeoutMs`. */
  async until(ok: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
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
    }
  }

  /** Aborts and waits for the follower to finish; rethrows what it failed with. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#done;
    if (this.#error !== undefined) throw this.#error;
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
