/**
 * Where a follower stands in a file, as a restart needs it (`--state`): the file's identity — device,
 * inode, and its fingerprint (its first bytes), which tells it from a new file that reused the inode —
 * and the offset just past its last complete line.
 */
import { decodeBase64, encodeBase64 } from "./base64.ts";
import type { SeenFile } from "./known_files.ts";

/** A followed file's position. */
export interface FilePosition {
  dev: number;
  ino: number;
  /** The file's first bytes (up to 1 KiB), base64. */
  fingerprint: string;
  /** Bytes up to and including its last complete line: where reading goes on. */
  offset: number;
}

/** The position of a file whose fingerprint is `head`. */
export function position(dev: number, ino: number, head: Uint8Array, offset: number): FilePosition {
  return { dev, ino, fingerprint: encodeBase64(head), offset };
}

/** The fingerprint's bytes. */
export function fingerprintOf(p: FilePosition): Uint8Array {
  return decodeBase64(p.fingerprint);
}

/** What a follower saves: the files it reads and the rotated files it has accounted for. */
export interface FollowSnapshot {
  /** The files it reads now, rotated-away ones first. */
  positions: FilePosition[];
  /** The rotated files whose lines are counted (or were there before it started). */
  seen: SeenFile[];
}

/** What a follower that keeps positions offers the checkpoint writer. */
export interface PositionSource {
  /**
   * False while it is in the middle of reading a file its positions do not name (a copy, a file
   * rotated while it looked away, a resume): no checkpoint can be taken then.
   */
  readonly consistent: boolean;
  /** Where it stands now; asked only while it is consistent. */
  snapshot(): FollowSnapshot;
}

/** Where an earlier run stopped in one path, for the follower to go on from. */
export interface SavedFollow {
  positions: FilePosition[];
  /**
   * The rotated files it had accounted for; undefined when it did not follow this path (a file that
   * matched a pattern since): then the rotated files older than the save are taken as old news.
   */
  seen?: SeenFile[];
  /** When the state was saved (clock ms). */
  savedAt: number;
}
