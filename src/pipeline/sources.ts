/**
 * The sources behind one interface: a file followed like `tail -F`, a file replayed (in parallel where
 * that pays), standard input, or a named pipe — each reads into a RowConsumer until its input ends or
 * the signal aborts.
 */
import type { Clock } from "../clock.ts";
import { followFile, isPipe, readPipe, readStream } from "../source/mod.ts";
import { replayFile, type RowConsumer } from "../replay/replay_file.ts";
import { isGlob } from "../source/glob.ts";
import { ManyFiles } from "./many_files.ts";
import type { Checkpoints } from "./checkpoints.ts";

/** Something that reads lines into a consumer. */
export interface Source {
  /** "follow" for a live log, "replay" for one read to its end. */
  readonly mode: "follow" | "replay";
  /** Bytes the input holds, when known in advance (a file replayed). */
  readonly bytesTotal: number | undefined;
  /**
   * Reads until the input ends or `signal` aborts (then only what the input holds by then), and stops
   * at once when `halt` aborts.
   */
  read(consumer: RowConsumer, signal: AbortSignal, halt: AbortSignal): Promise<void>;
}

/** How to read `file` (or `files`). */
export interface SourceChoice {
  file: string;
  /** Every log: several, or patterns, make a ManyFiles source. */
  files: string[];
  /** The logs read by source index, filled in as they are opened (shared with the processor). */
  paths: string[];
  once: boolean;
  fromStart: boolean;
  jobs: number;
  chunkBytes?: number;
  clock: Clock;
  stdin(): ReadableStream<Uint8Array>;
  /** With --state: where to go on in each file, and who hears the followers' positions. */
  checkpoints?: Checkpoints;
  /** A follower knows where it starts (a first checkpoint can be taken). */
  onPositioned?: () => void;
}

/** The source for `file`: `-` is standard input, a named pipe is read like it, else a file. */
export function chooseSource(c: SourceChoice): Source {
  if (c.files.length > 1 || c.files.some(isGlob)) {
    const many = new ManyFiles({
      patterns: c.files,
      fromStart: c.fromStart,
      clock: c.clock,
      jobs: c.jobs,
      chunkBytes: c.chunkBytes,
      paths: c.paths,
      checkpoints: c.checkpoints,
      onPositioned: c.onPositioned,
    });
    return c.once
      ? {
        mode: "replay",
        bytesTotal: undefined,
        read: (consumer, signal) => many.replay(consumer, signal),
      }
      : {
        mode: "follow",
        bytesTotal: undefined,
        read: (consumer, signal, halt) => many.follow(consumer, signal, halt),
      };
  }
  c.paths.push(c.file);
  // A stream is live unless --once says it is a replay (`tail -F x | monilog --file -`).
  const streamMode = c.once ? "replay" : "follow";
  if (c.file === "-") {
    return {
      mode: streamMode,
      bytesTotal: undefined,
      read: (consumer, signal) => readStream(c.stdin(), { consumer, signal }),
    };
  }
  // A named pipe is read like standard input, with or without --once: to its writers' end.
  if (isPipe(c.file)) {
    return {
      mode: streamMode,
      bytesTotal: undefined,
      read: (consumer, signal) => readPipe(c.file, { consumer, signal }),
    };
  }
  if (c.once) {
    return {
      mode: "replay",
      bytesTotal: fileSize(c.file),
      read: (consumer, signal) =>
        replayFile(c.file, { consumer, signal, jobs: c.jobs, chunkBytes: c.chunkBytes }),
    };
  }
  return {
    mode: "follow",
    bytesTotal: undefined,
    read: (consumer, signal, halt) =>
      followFile(c.file, {
        consumer,
        signal,
        halt,
        clock: c.clock,
        fromStart: c.fromStart,
        resume: c.checkpoints?.resumeFor(c.file),
        onPositioned: c.onPositioned,
        onStart: (positions) => c.checkpoints?.register(c.file, positions),
      }),
  };
}

function fileSize(path: string): number | undefined {
  try {
    return Deno.statSync(path).size;
  } catch {
    return undefined; // the reader reports why the file cannot be read
  }
}
