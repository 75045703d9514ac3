/**
 * The files a follower has accounted for: those it read, those it found to be copies of one it read,
 * and the rotated files that were there before it started (old news). A file with a rotated name that
 * is not among them was at the path too briefly to be seen there, and is read whole.
 *
 * Each is known by its device and inode and its first bytes (up to {@linkcode KNOWN_HEAD_BYTES}): a
 * new file that reused a known inode starts with other bytes, and is news. The set goes into the
 * `--state` checkpoint, so that a restart knows exactly which rotated files the last run counted — a
 * file rotated in and out between the last checkpoint and a crash is news after the restart, however
 * old its modification time.
 */
import { decodeBase64, encodeBase64 } from "./base64.ts";

/** Bytes of a file's start kept to tell it from a file that reused its inode. */
export const KNOWN_HEAD_BYTES = 64;
/**
 * Files kept at most, oldest forgotten first: a directory holds a bounded number of rotated files,
 * and the state written every second must stay small.
 */
const MAX_KNOWN = 1024;

/** A known file, as saved in the state. */
export interface SeenFile {
  dev: number;
  ino: number;
  /** Its first bytes (up to KNOWN_HEAD_BYTES), base64; empty when it was empty. */
  head: string;
}

/** The files accounted for. */
export class KnownFiles {
  /** Head bytes by "dev:ino", in the order they became known. */
  readonly #files = new Map<string, Uint8Array>();

  /** The set saved by an earlier run. */
  static from(seen: readonly SeenFile[]): KnownFiles {
    const known = new KnownFiles();
    for (const s of seen) known.add(s.dev, s.ino, decodeBase64(s.head));
    return known;
  }

  /** Records a file as accounted for, with its first bytes as read now. */
  add(dev: number, ino: number, head: Uint8Array): void {
    const key = `${dev}:${ino}`;
    this.#files.delete(key); // to the end: the most recent
    this.#files.set(key, head.slice(0, KNOWN_HEAD_BYTES));
    if (this.#files.size > MAX_KNOWN) {
      this.#files.delete(this.#files.keys().next().value!);
    }
  }

  /**
   * True when the file with this identity and these first bytes is accounted for. A file known while
   * it was shorter than KNOWN_HEAD_BYTES matches while it starts with what it held then.
   */
  has(dev: number, ino: number, head: Uint8Array): boolean {
    const kept = this.#files.get(`${dev}:${ino}`);
    if (kept === undefined || head.length < kept.length) return false;
    for (let i = 0; i < kept.length; i++) if (head[i] !== kept[i]) return false;
    return true;
  }

  /** The set, for the state. */
  list(): SeenFile[] {
    const out: SeenFile[] = [];
    for (const [key, head] of this.#files) {
      const [dev, ino] = key.split(":").map(Number);
      out.push({ dev, ino, head: encodeBase64(head) });
    }
    return out;
  }
}
