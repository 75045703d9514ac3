/**
 * The `--state` glue: what a run restores when it starts (the engine, each file's positions) and what
 * it saves about once a second and when it stops. Saving happens only at a consistent point — every
 * line read up to the files' positions, and in the rotated files they have accounted for, has been
 * counted by the engine and no other (no follower is in the middle of a file its positions do not
 * name): a restart from it counts each line exactly once.
 */
import type { FilePosition, PositionSource, SavedFollow } from "../source/file_position.ts";
import type { SeenFile } from "../source/known_files.ts";
import { type RunIdentity, type SavedState, StateStore } from "./state_store.ts";

/** A run's checkpoints. */
export class Checkpoints {
  readonly #store: StateStore;
  readonly #identity: RunIdentity;
  readonly #saved: SavedState | undefined;
  readonly #sources = new Map<string, PositionSource>();

  /** Opens the state in `dir` for a run of `identity` (throws a RuntimeFailure if it is refused). */
  constructor(dir: string, identity: RunIdentity) {
    this.#store = new StateStore(dir);
    this.#identity = identity;
    this.#saved = this.#store.load(identity);
  }

  /** The engine's checkpoint of the last run, if there was one. */
  get engine(): unknown {
    return this.#saved?.engine;
  }

  /** What the sink saved under `key` in the last run, if anything. */
  sink(key: string): unknown {
    return this.#saved?.sinks?.[key];
  }

  /**
   * Where the last run stopped in `path`: undefined on a first run; no positions and no `seen` for
   * a file it did not follow.
   */
  resumeFor(path: string): SavedFollow | undefined {
    const saved = this.#saved;
    if (saved === undefined) return undefined;
    return {
      positions: saved.positions[path] ?? [],
      seen: saved.seen[path],
      savedAt: saved.savedAt,
    };
  }

  /** A follower of `path` started: its positions go into every save. */
  register(path: string, source: PositionSource): void {
    this.#sources.set(path, source);
  }

  /**
   * Saves the positions with the engine's and the sinks' checkpoints (`take()` is asked only when
   * the followers are at a consistent point); false when one is not, and nothing was saved.
   */
  save(take: () => { engine: unknown; sinks: Record<string, unknown> }, now: number): boolean {
    for (const source of this.#sources.values()) if (!source.consistent) return false;
    const positions: Record<string, FilePosition[]> = {};
    const seen: Record<string, SeenFile[]> = {};
    for (const [path, source] of this.#sources) {
      const snapshot = source.snapshot();
      positions[path] = snapshot.positions;
      seen[path] = snapshot.seen;
    }
    const { engine, sinks } = take();
    this.#store.save({ identity: this.#identity, savedAt: now, positions, seen, engine, sinks });
    return true;
  }
}
