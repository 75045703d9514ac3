/** The footer (keys and state) and the help box drawn over the dashboard with `?`. */
import { type Row, seg } from "./row.ts";
import { escapeControl } from "../escape.ts";
import type { TableMode } from "./tables.ts";

/** The last line: the keys, PAUSED when the display is held, and the newest diagnostic. */
export function footerRow(
  o: { paused: boolean; tableMode: TableMode; rowsShown: number; message?: string },
): Row {
  const mode = o.tableMode === "interval" ? "last interval" : o.tableMode;
  const row: Row = [
    seg(` q quit  ? help  p pause  t tables (${mode})  +/- rows (${o.rowsShown}) `, "footer"),
  ];
  if (o.paused) row.push(seg(" PAUSED: display held, reading goes on (p resumes) ", "alertBanner"));
  // Diagnostics may quote paths from the command line or the log: escaped like any log text.
  if (o.message !== undefined) {
    row.push(seg(` ${escapeControl(o.message.replace(/^monilog: /, ""))}`, "dim"));
  }
  return row;
}

const HELP = [
  "q, Ctrl-C   quit; the summary is printed after the screen is restored",
  "?, Esc      show / hide this help",
  "p, space    pause the display (the log is still read and alerts still raised)",
  "t, Tab      tables over: the last interval / the window / the whole run",
  "+, -        more / fewer rows in the tables",
];

/** The help box, its lines all `width` cells wide (or fewer cells when the screen is narrow). */
export function helpBox(screenWidth: number): Row[] {
  const inner = Math.min(screenWidth - 4, Math.max(...HELP.map((l) => l.length)) + 2);
  const line = (text: string) => [
    seg("│", "heading"),
    seg(` ${text}`.slice(0, inner).padEnd(inner), "bold"),
    seg("│", "heading"),
  ];
  const title = " Keys ";
  return [
    [seg("┌" + title + "─".repeat(Math.max(0, inner - title.length)) + "┐", "heading")],
    line(""),
    ...HELP.map(line),
    line(""),
    [seg("└" + "─".repeat(inner) + "┘", "heading")],
  ];
}
