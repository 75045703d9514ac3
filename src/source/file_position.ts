/**
 * Where a follower stands in a file, as a restart needs it (`--state`): the file's identity — device,
 * inode, and its fingerprint (its first bytes), which tells it from a new file that reused the inode —
 * and the offset just past its last complete line.
 */
import { decodeBase64, encodeBase64 } from "./base64.ts";

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

/** What a follower that keeps positions offers the checkpoint writer. */
export interface PositionSource {
  /** The positions of the files it reads now, rotated-away ones first. */
  positions(): FilePosition[];
}
