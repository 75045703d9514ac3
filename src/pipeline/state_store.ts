/**
 * `--state DIR`: what a restart needs to go on as if the run had never stopped — each followed file's
 * position (identity, fingerprint, offset past its last complete line) and the engine's checkpoint —
 * in one JSON file, written atomically (a temporary file, fsync, rename) so that a `kill -9` or a
 * power cut leaves either the old state or the new one, never half of one. A state written by another
 * version, or for other options, is refused with one clear line, never silently misread.
 */
import { join } from "../source/posix_path.ts";
import { RuntimeFailure } from "../errors.ts";
import type { FilePosition } from "../source/file_position.ts";
import type { SeenFile } from "../source/known_files.ts";
import { VERSION } from "../version.ts";

/** The layout of the state file; a change of layout changes it. */
export const STATE_VERSION = 2;
const FILE = "monilog-state.json";

/** What makes two runs the same run: a state is refused when any of it differs. */
export interface RunIdentity {
  files: string[];
  format: string;
  logFormat?: string;
  threshold: number;
  window: number;
  interval: number;
  late: number;
  top: number;
  byFile: boolean;
}

/** The state file's content. */
export interface SavedState {
  version: number;
  /** The monilog that wrote it. */
  monilog: string;
  identity: RunIdentity;
  /** Machine time of the save, ms. */
  savedAt: number;
  /** Each followed file's positions, by the path it is followed under. */
  positions: Record<string, FilePosition[]>;
  /** The rotated files each path's follower has accounted for (read, or there before it began). */
  seen: Record<string, SeenFile[]>;
  /** The engine's checkpoint (core/engine_checkpoint.ts). */
  engine: unknown;
  /** What sinks carry across a restart (the notifiers' episodes and outboxes), by sink. */
  sinks: Record<string, unknown>;
}

/** Reads and writes the state in one directory. */
export class StateStore {
  readonly #path: string;
  readonly #temp: string;
  readonly #encoder = new TextEncoder();

  /** A store in `dir`, which is created if need be (a failure names it and the reason). */
  constructor(readonly dir: string) {
    this.#path = join(dir, FILE);
    this.#temp = join(dir, `${FILE}.tmp`);
    try {
      Deno.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new RuntimeFailure(`Cannot use state directory "${dir}": ${reason(err)}`);
    }
  }

  /**
   * The saved state for a run of `identity`, or undefined when there is none yet. Throws a
   * RuntimeFailure, naming what differs, for a state of another version or other options.
   */
  load(identity: RunIdentity): SavedState | undefined {
    let text: string;
    try {
      text = Deno.readTextFileSync(this.#path);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return undefined;
      throw new RuntimeFailure(`Cannot read the state "${this.#path}": ${reason(err)}`);
    }
    let state: SavedState;
    try {
      state = JSON.parse(text);
    } catch {
      throw new RuntimeFailure(
        `The state "${this.#path}" is damaged (not JSON); remove it to start anew`,
      );
    }
    if (state.version !== STATE_VERSION) {
      throw new RuntimeFailure(
        `The state "${this.#path}" was written by monilog ${state.monilog ?? "of another kind"} ` +
          `(state version ${state.version}, this one reads ${STATE_VERSION}); remove it to start anew`,
      );
    }
    const differs = differences(state.identity, identity);
    if (differs.length > 0) {
      throw new RuntimeFailure(
        `The state "${this.#path}" is for another run (${
          differs.join(", ")
        }); use another --state ` +
          `directory, or remove it to start anew`,
      );
    }
    return state;
  }

  /** Writes `state` atomically: a reader (or a restart after a crash) sees the old one or this one. */
  save(state: Omit<SavedState, "version" | "monilog">): void {
    const bytes = this.#encoder.encode(
      JSON.stringify({ version: STATE_VERSION, monilog: VERSION, ...state }),
    );
    try {
      const file = Deno.openSync(this.#temp, { write: true, create: true, truncate: true });
      try {
        let at = 0;
        while (at < bytes.length) at += file.writeSync(bytes.subarray(at));
        file.syncSync();
      } finally {
        file.close();
      }
      Deno.renameSync(this.#temp, this.#path);
    } catch (err) {
      throw new RuntimeFailure(`Cannot write the state "${this.#path}": ${reason(err)}`);
    }
  }
}

/** `--window 60 (the state's: 120)`-style descriptions of what differs. */
function differences(saved: RunIdentity | undefined, now: RunIdentity): string[] {
  if (saved === undefined) return ["it names no run"];
  const out: string[] = [];
  for (const key of Object.keys(now) as Array<keyof RunIdentity>) {
    const a = JSON.stringify(saved[key]), b = JSON.stringify(now[key]);
    if (a !== b) out.push(`${flagOf(key)} ${b} where it has ${a}`);
  }
  return out;
}

function flagOf(key: keyof RunIdentity): string {
  return key === "byFile"
    ? "--by file"
    : key === "logFormat"
    ? "--log-format"
    : key === "files"
    ? "--file"
    : `--${key}`;
}

function reason(err: unknown): string {
  if (err instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (err instanceof Deno.errors.NotCapable) return "not allowed by monilog's permission set";
  return err instanceof Error
    ? err.message.replace(/\s*\(os error \d+\).*$/, "").toLowerCase()
    : String(err);
}
