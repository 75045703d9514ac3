/** Small scans of a line's bytes that the byte parsers share. */

/**
 * Index of `byte` in `buf[from, to)`, or -1. A plain loop: fields are a few bytes long, and for such
 * distances it is about twice as fast as TypedArray.prototype.indexOf's call overhead.
 */
export function indexOf(buf: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === byte) return i;
  return -1;
}

/**
 * Where the text of the line `buf[start, end)` starts: past a UTF-8 BOM, which decoding the line
 * drops (TextDecoder's default, as the text parsers get their lines). A byte parser skips it itself,
 * and decodes what follows keeping any other (`ignoreBOM`), as the line's decoding keeps them.
 */
export function textStart(buf: Uint8Array, start: number, end: number): number {
  return end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb &&
      buf[start + 2] === 0xbf
    ? start + 3
    : start;
}

/** The whitespace String.prototype.trim() removes, within ASCII. */
export function isTrimSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}

const SPACE = 32, TAB = 9, CR = 13;
