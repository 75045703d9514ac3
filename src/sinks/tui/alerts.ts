/**
 * The alert history block: the latest alerts and recoveries in the spec's wording (§3), oldest first,
 * newest at the bottom. A line wider than the screen wraps (continuations indented) rather than lose
 * its time.
 */
import type { AlertEvent, RecoverEvent } from "../../core/events.ts";
import type { EngineView } from "../../core/view.ts";
import { alertLine, recoverLine } from "../text_format.ts";
import { type Row, seg } from "./row.ts";

/** The heading and, in `lines - 1` rows, as many of the most recent alerts and recoveries as fit. */
export function alertRows(e: EngineView, lines: number, width: number): Row[] {
  const raised = e.alertCount === 1 ? "1 raised" : `${e.alertCount} raised`;
  const rows: Row[] = [[
    seg("Alerts ", "heading"),
    seg(`${raised}${e.alerting ? ", 1 active" : ""}`, e.alerting ? "alert" : "dim"),
  ]];
  let room = Math.max(0, lines - 1);
  if (e.alerts.length === 0) {
    if (room > 0) rows.push([seg("  no alert so far", "dim")]);
    return rows;
  }
  const entries: Row[][] = [];
  for (let i = e.alerts.length - 1; i >= 0 && room > 0; i--) {
    const a = e.alerts[i];
    const style = a.type === "alert" ? "alert" : "ok";
    const shown = entryLines(a, width).slice(0, room);
    entries.unshift(shown.map((p, j) => [seg(j === 0 ? "  " : "      "), seg(p, style)]));
    room -= shown.length;
  }
  return [...rows, ...entries.flat()];
}

/**
 * Rows the block needs for its heading and the latest episode (the newest alert and, once it came, its
 * recovery), and for every entry it holds.
 */
export function alertRowsWanted(e: EngineView, width: number): { first: number; all: number } {
  if (e.alerts.length === 0) return { first: 2, all: 2 };
  const sizes = e.alerts.map((a) => entryLines(a, width).length);
  const latest = e.alerts[e.alerts.length - 1].type === "recover"
    ? sizes.slice(-2)
    : sizes.slice(-1);
  const total = (list: number[]) => 1 + list.reduce((s, n) => s + n, 0);
  return { first: total(latest), all: total(sizes) };
}

function entryLines(a: AlertEvent | RecoverEvent, width: number): string[] {
  const text = a.type === "alert" ? alertLine(a) : recoverLine(a);
  return wrap(text, Math.max(10, width - 2), Math.max(10, width - 6));
}

/** Word-wraps `text` (plain ASCII, from the formatter): the first line `first` wide, then `rest`. */
export function wrap(text: string, first: number, rest: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const limit = out.length === 0 ? first : rest;
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= limit) line += " " + word;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line !== "") out.push(line);
  return out;
}
