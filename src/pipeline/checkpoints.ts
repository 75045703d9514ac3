/**
 * The `--state` glue: what a run restores when it starts (the engine, each file's positions) and what
 * it saves about once a second and when it stops. Saving happens between two reads, when every line
 * read up to the files' positions has been counted by the engine and no other: a restart from it
 * counts each line exactly once.
 */
import type { FilePosition, PositionSource } from "../source/file_position.ts";
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

  /** Where the last run stopped in `path`: undefined on a first run, [] for a file it never read. */
  resumeFor(path: string): FilePosition[] | undefined {
    if (this.#saved === undefined) return undefined;
    return this.#saved.positions[path] ?? [];
  }

  /** A follower of `path` started: its positions go into every save. */
  register(path: string, source: PositionSource): void {
    this.#sources.set(path, source);
  }

  /** Saves the positions and `engine` (the engine's checkpoint, taken now). */
  save(engine: unknown, now: number): void {
    const positions: Record<string, FilePosition[]> = {};
    for (const [path, source] of this.#sources) positions[path] = source.positions();
    this.#store.save({ identity: this.#identity, savedAt: now, positions, engine });
  }
}
