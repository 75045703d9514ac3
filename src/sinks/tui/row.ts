/**
 * A screen line as styled segments, laid out by display width before any escape code is added: the
 * layout works on plain text (so widths are right), and colour is applied last, only when allowed.
 * Every segment's text must already be safe for a terminal (log text through `logText`).
 */
import { type Colors, createColors } from "../colors.ts";
import { escapeControl } from "../escape.ts";
import { cutToWidth, displayWidth, graphemeList, isNarrow, truncate } from "./text_width.ts";

/** What a segment looks like; each has a plain form readable without colour. */
export type Style =
  | "plain"
  | "bold"
  | "dim"
  | "heading"
  | "alert"
  | "alertBanner"
  | "ok"
  | "okBanner"
  | "high"
  | "low"
  | "threshold"
  | "bar"
  | "footer";

/** A run of text in one style. */
export interface Segment {
  text: string;
  style: Style;
}

/** One screen line. */
export type Row = Segment[];

/** A segment of `text` (already safe) in `style`. */
export function seg(text: string, style: Style = "plain"): Segment {
  return { text, style };
}

/** Text from the log, made safe (control characters shown escaped) and cut to `width` cells. */
export function logText(raw: string, width: number): string {
  return truncate(escapeControl(raw), width);
}

/** Cells a row takes. */
export function rowWidth(row: Row): number {
  let w = 0;
  for (const s of row) w += displayWidth(s.text);
  return w;
}

/**
 * The row cut to exactly `width` cells: what does not fit is dropped (a wide character that would
 * straddle the edge becomes a space), what is short is padded with spaces in the last style (so a
 * banner's background reaches the edge).
 */
export function fitRow(row: Row, width: number): Row {
  const out: Row = [];
  let used = 0;
  for (const s of row) {
    if (used >= width) break;
    const w = displayWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
    } else {
      const cut = cutToWidth(s.text, width - used);
      out.push(seg(cut.text, s.style));
      used += cut.width;
    }
  }
  if (used < width) {
    const style = out.length > 0 ? out[out.length - 1].style : "plain";
    out.push(seg(" ".repeat(width - used), style));
  }
  return out;
}

/** Cells `[from, to)` of a row that is `fitRow`ted; a wide character cut in two becomes spaces. */
export function sliceRow(row: Row, from: number, to: number): Row {
  const out: Row = [];
  let x = 0;
  for (const s of row) {
    const w = displayWidth(s.text);
    const start = Math.max(from, x), end = Math.min(to, x + w);
    if (start < end) {
      if (start === x && end === x + w) out.push(s);
      else out.push(seg(cellsOf(s.text, start - x, end - x), s.style));
    }
    x += w;
    if (x >= to) break;
  }
  return out;
}

/** Cells `[from, to)` of `text`; a wide character cut by either edge counts as spaces. */
function cellsOf(text: string, from: number, to: number): string {
  if (isNarrow(text)) return text.slice(from, to);
  let out = "";
  let x = 0;
  for (const g of graphemeList(text)) {
    if (x >= to) break;
    const w = displayWidth(g);
    if (x >= from && x + w <= to) out += g;
    else if (x + w > from) out += " ".repeat(Math.min(to, x + w) - Math.max(from, x));
    x += w;
  }
  return out;
}

/** `top` drawn over `base` from cell `x` (both as wide as the screen / the box). */
export function overlayRow(base: Row, top: Row, x: number, width: number): Row {
  const w = rowWidth(top);
  return [...sliceRow(base, 0, x), ...top, ...sliceRow(base, x + w, width)];
}

const COLORS: Colors = createColors(true);

/** The row as text for the terminal, with colour codes when `color`. */
export function rowToString(row: Row, color: boolean): string {
  if (!color) {
    let s = "";
    for (const g of row) s += g.text;
    return s;
  }
  const c = COLORS;
  let s = "";
  for (const g of row) s += paint(c, g);
  return s;
}

function paint(c: Colors, g: Segment): string {
  switch (g.style) {
    case "plain":
      return g.text;
    case "bold":
      return c.bold(g.text);
    case "dim":
      return c.dim(g.text);
    case "heading":
      return c.bold(c.cyan(g.text));
    case "alert":
      return c.bold(c.red(g.text));
    case "alertBanner":
      return c.bold(c.bgRed(c.white(g.text)));
    case "ok":
      return c.green(g.text);
    case "okBanner":
      return c.bold(c.bgGreen(c.black(g.text)));
    case "high":
      return c.red(g.text);
    case "low":
      return c.green(g.text);
    case "threshold":
      return c.yellow(g.text);
    case "bar":
      return c.cyan(g.text);
    case "footer":
      return c.inverse(g.text);
  }
}
