/**
 * Many logs as one source: every `--file` (a path or a pattern) followed at once, files that come to
 * match a pattern later picked up within a second and read from their start, each line tagged with
 * the index of the file it came from. All of them feed the one engine in log time, so lines from
 * different files interleave within --late. A replay reads the files one after another, in the order
 * given (a rotated series oldest first).
 */
import type { Clock } from "../clock.ts";
import { followFile } from "../source/mod.ts";
import { expandGlob, isGlob } from "../source/glob.ts";
import { isRotatedName } from "../source/rotated_copy.ts";
import { replayFile, type RowConsumer } from "../replay/replay_file.ts";
import { basename, dirname } from "../source/posix_path.ts";
import type { Checkpoints } from "./checkpoints.ts";

/** How often patterns are matched again for new files. */
const RESCAN_MS = 1000;
/** Each followed file adds this much to every file's safety-net poll period (ms). */
const POLL_MS_PER_FILE = 20;

/** True when `name` is a rotated name (`x.1`, `x-20261201`) of one of `names`. */
function isRotatedOfAny(name: string, names: Set<string>): boolean {
  for (let i = 1; i < name.length; i++) {
    const c = name[i];
    if ((c === "." || c === "-" || c === "_") && names.has(name.slice(0, i))) {
      if (isRotatedName(name.slice(0, i), name)) return true;
    }
  }
  return false;
}

/** Options for {@linkcode ManyFiles}. */
export interface ManyFilesOptions {
  patterns: string[];
  /** Read what the files hold at start before following them (new files are read from their start). */
  fromStart: boolean;
  clock: Clock;
  /** Parse workers for a replay. */
  jobs: number;
  chunkBytes?: number;
  /**
   * The logs read so far, by source index: filled in as files are opened, shared with the processor
   * so that it names them.
   */
  paths: string[];
  /** With --state: where to go on in each file, and who hears the followers' positions. */
  checkpoints?: Checkpoints;
  /** A follower knows where it starts (a first checkpoint can be taken). */
  onPositioned?: () => void;
}

/** Several logs followed (or replayed) as one source. */
export class ManyFiles {
  constructor(private readonly o: ManyFilesOptions) {}

  /**
   * The files the patterns name now, in order, without duplicates or rotated copies of each other.
   * With `literal`, a pattern that matches nothing stands for itself (a replay then says it is
   * missing).
   */
  async expand(literal = false): Promise<string[]> {
    const out: string[] = [];
    for (const p of this.o.patterns) {
      if (!isGlob(p)) {
        if (!out.includes(p)) out.push(p);
        continue;
      }
      // `*.log*` also matches `access.log.1`: a rotated copy is read by its log's follower, not
      // twice. (A rotated file named on its own, for a replay of a series, is read.)
      const matches = await expandGlob(p);
      if (matches.length === 0 && literal && !out.includes(p)) out.push(p);
      const names = new Set(matches.map((m) => basename(m)));
      const known = new Set(out);
      for (const path of matches) {
        if (!isRotatedOfAny(basename(path), names) && !known.has(path)) out.push(path);
      }
    }
    return out;
  }

  /** Follows every file until `signal` aborts. */
  async follow(consumer: RowConsumer, signal: AbortSignal, halt: AbortSignal): Promise<void> {
    const running: Promise<void>[] = [];
    let failure: unknown;
    // The safety-net poll of each file (watch events can be lost) is spread out as files grow many:
    // a thousand idle logs must not cost a thousand looks a second.
    const pollMs = () => Math.max(1000, this.o.paths.length * POLL_MS_PER_FILE);
    // (Asked at each wait, so that every file's poll follows the number of files now.)
    const start = (path: string, fromStart: boolean) => {
      const source = this.o.paths.push(path) - 1;
      const clock = this.o.clock;
      const checkpoints = this.o.checkpoints;
      running.push(
        followFile(path, {
          consumer,
          source,
          signal,
          halt,
          clock,
          fromStart,
          pollMs,
          resume: checkpoints?.resumeFor(path),
          onPositioned: this.o.onPositioned,
          onStart: (positions) => checkpoints?.register(path, positions),
        }).catch((err) => void (failure ??= err)),
      );
    };
    for (const path of await this.expand()) start(path, this.o.fromStart);

    // Everything in a file that appears later is new.
    const started = new Set(this.o.paths);
    // A new file changes its directory's mtime: the names are listed again only then.
    const dirs = new Map<string, number>();
    const changed = async () => {
      let any = false;
      for (const p of this.o.patterns.filter(isGlob)) {
        const dir = dirname(p);
        let mtime = -1;
        try {
          mtime = (await Deno.stat(dir)).mtime?.getTime() ?? -1;
        } catch {
          // Not there (yet).
        }
        if (dirs.get(dir) !== mtime) any = true;
        dirs.set(dir, mtime);
      }
      return any;
    };
    await changed();
    const rescan = async () => {
      if (!await changed()) return;
      for (const path of await this.expand()) {
        if (!started.has(path)) {
          started.add(path);
          start(path, true);
        }
      }
    };
    let scanning: Promise<void> = Promise.resolve();
    const stopScanning = this.o.clock.every(RESCAN_MS, () => {
      scanning = scanning.then(() => signal.aborted ? undefined : rescan());
    });
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    stopScanning();
    await scanning;
    await Promise.all(running);
    if (failure !== undefined) throw failure;
  }

  /** Replays every file once, one after another. */
  async replay(consumer: RowConsumer, signal: AbortSignal): Promise<void> {
    for (const path of await this.expand(true)) {
      if (signal.aborted) return;
      const source = this.o.paths.push(path) - 1;
      await replayFile(path, {
        consumer,
        source,
        signal,
        jobs: this.o.jobs,
        chunkBytes: this.o.chunkBytes,
      });
    }
  }
}
