/**
 * Display width of text on a terminal, and cutting text to a number of cells. A CJK character or an
 * emoji takes two cells, a combining mark none: counting UTF-16 units instead would push every cell to
 * its right out of place. Widths come from `string-width` (Unicode's East Asian Width and emoji data);
 * text is cut between grapheme clusters, so a letter never loses its accent nor a flag its half.
 */
import stringWidth from "string-width";

/**
 * Characters that take one cell each and are one UTF-16 unit: printable NARROW, Latin-1 and Latin
 * Extended letters without combining marks, general punctuation (not the zero-width and bidi controls),
 * arrows, maths, and the box-drawing and block characters the dashboard draws with. Text made only of
 * them — nearly all of a frame — is measured by its length, without a Unicode lookup per character
 * (tests/sinks/tui/text_width_test.ts checks every one against string-width).
 */
export const NARROW_RANGES: Array<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x2ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x22ff],
  [0x2500, 0x259f],
];
const NARROW = new RegExp(
  `^[${NARROW_RANGES.map(([a, b]) => `\\u${hex4(a)}-\\u${hex4(b)}`).join("")}]*$`,
);

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** True when every character of `text` takes one cell (see NARROW_RANGES). */
export function isNarrow(text: string): boolean {
  return NARROW.test(text);
}

/** The grapheme clusters of `text` (what a terminal draws as one character). */
export function graphemeList(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Cells `text` takes on a terminal (text must already be free of control characters). */
export function displayWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

/**
 * The longest start of `text` that fits in `width` cells, and the cells it takes (which may be one
 * less than `width` when a wide character would straddle the edge).
 */
export function cutToWidth(text: string, width: number): { text: string; width: number } {
  if (width <= 0) return { text: "", width: 0 };
  if (NARROW.test(text)) {
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
