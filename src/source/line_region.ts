/**
 * A file cut into regions at line starts, so that several readers can each take a region and together
 * see every line exactly once. Region k of size S covers the lines that START in [k·S, (k+1)·S): it
 * begins at the first line start at or after k·S and ends at the first line start at or after (k+1)·S.
 * Both ends are found by the same rule from the bytes alone, so neighbouring regions meet exactly,
 * whoever reads them; a line longer than S leaves the regions it covers empty.
 */

/** A line start: just after a "\n" (or 0). */
const NL = 10;

/**
 * The first line start at or after `boundary`: just after the first "\n" at index `boundary - 1` or
 * later, or the end of the file if there is none. Reads through `buffer`; the file position is left
 * undefined.
 */
export async function lineStartAt(
  file: Deno.FsFile,
  boundary: number,
  buffer: Uint8Array,
): Promise<number> {
  if (boundary <= 0) return 0;
  let pos = await file.seek(boundary - 1, Deno.SeekMode.Start);
  while (true) {
    const n = await file.read(buffer);
    if (n === null || n === 0) return pos;
    const nl = buffer.subarray(0, n).indexOf(NL);
    if (nl >= 0) return pos + nl + 1;
    pos += n;
  }
}

/** Where a region read ended. */
export interface RegionEnd {
  /** Offset just after the last byte pushed: the next region's start. */
  end: number;
  /** True when the file ended first (the last line may lack its newline). */
  eof: boolean;
}

/**
 * Pushes the bytes of `file` from offset `from` up to the first line start at or after `boundary` (the
 * region's end), in chunks of at most `buffer.length`, then leaves the file positioned there. `stop`
 * is checked between reads.
 */
export async function readRegion(
  file: Deno.FsFile,
  from: number,
  boundary: number,
  buffer: Uint8Array,
  push: (chunk: Uint8Array) => void,
  stop?: AbortSignal,
): Promise<RegionEnd> {
  let pos = await file.seek(from, Deno.SeekMode.Start);
  // The region is empty when it starts at or beyond its boundary (a line longer than the region).
  if (from >= boundary) return { end: from, eof: false };
  while (!stop?.aborted) {
    const n = await file.read(buffer);
    if (n === null || n === 0) return { end: pos, eof: true };
    const chunk = buffer.subarray(0, n);
    // The region ends after the first "\n" at index boundary-1 or later.
    const lookFrom = boundary - 1 - pos;
    const nl = lookFrom < n ? chunk.indexOf(NL, Math.max(0, lookFrom)) : -1;
    if (nl >= 0) {
      push(chunk.subarray(0, nl + 1));
      const end = pos + nl + 1;
      await file.seek(end, Deno.SeekMode.Start);
      return { end, eof: false };
    }
    push(chunk);
    pos += n;
  }
  return { end: pos, eof: false };
}
