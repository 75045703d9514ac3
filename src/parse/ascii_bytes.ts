/** Small scans of a line's bytes that the byte parsers share. */

/**
 * Index of `byte` in `buf[from, to)`, or -1. A plain loop: fields are a few bytes long, and for such
 * distances it is about twice as fast as TypedArray.prototype.indexOf's call overhead.
 */
export function indexOf(buf: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === byte) return i;
  return -1;
}

/** The whitespace String.prototype.trim() removes, within ASCII. */
export function isTrimSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}

const SPACE = 32, TAB = 9, CR = 13;
