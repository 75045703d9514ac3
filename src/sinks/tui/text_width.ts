/**
 * Display width of text on a terminal, and cutting text to a number of cells. A CJK character or an
 * emoji takes two cells, a combining mark none: counting UTF-16 units instead would push every cell to
 * its right out of place. Widths come from `string-width` (Unicode's East Asian Width and emoji data);
 * text is cut between grapheme clusters, so a letter never loses its accent nor a flag its half.
 */
import stringWidth from "string-width";

/** Printable ASCII only: one cell per character, the common case, answered without a lookup. */
const ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** True when `text` is printable ASCII (one cell per character). */
export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/** The grapheme clusters of `text` (what a terminal draws as one character). */
export function graphemeList(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Cells `text` takes on a terminal (text must already be free of control characters). */
export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * The longest start of `text` that fits in `width` cells, and the cells it takes (which may be one
 * less than `width` when a wide character would straddle the edge).
 */
export function cutToWidth(text: string, width: number): { text: string; width: number } {
  if (width <= 0) return { text: "", width: 0 };
  if (ASCII.test(text)) {
    const cut = text.length <= width ? text : text.slice(0, width);
    return { text: cut, width: cut.length };
  }
  let used = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width) return { text: text.slice(0, index), width: used };
    used += w;
    end = index + segment.length;
  }
  return { text: text.slice(0, end), width: used };
}

/** `text` in at most `width` cells, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? "…" : "";
  return cutToWidth(text, width - 1).text + "…";
}

/** `text` in at most `width` cells, keeping its end (for paths): `…/nginx/access.log`. */
export function truncateStart(text: string, width: number): string {
  const w = displayWidth(text);
  if (w <= width) return text;
  if (width <= 1) return width === 1 ? "…" : "";
  const parts = graphemeList(text);
  let used = 0;
  let start = parts.length;
  while (start > 0) {
    const cw = displayWidth(parts[start - 1]);
    if (used + cw > width - 1) break;
    used += cw;
    start--;
  }
  return "…" + parts.slice(start).join("");
}

/** `text` cut to `width` cells and padded with spaces to exactly `width` (left-aligned). */
export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + " ".repeat(Math.max(0, width - displayWidth(t)));
}

/** `text` cut to `width` cells and padded with spaces on the left to exactly `width`. */
export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return " ".repeat(Math.max(0, width - displayWidth(t))) + t;
}
