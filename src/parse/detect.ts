/**
 * Recognises a log's format from its first lines: each candidate parser is tried on every line and the
 * one that accepts the most wins, so a stray bad line at the top does not mislead it. Common lines that
 * carry the quoted referer and user-agent make it `combined`.
 */
import { type FormatName, newRecord } from "../record.ts";
import { clfParser } from "./clf.ts";
import { csvParser } from "./csv.ts";
import { jsonParser } from "./json_lines.ts";
import { w3cParser } from "./w3c.ts";
import { SKIP } from "./parse_status.ts";

/** Names the format of `lines`, or undefined when no format accepts at least half of them. */
export function detectFormat(lines: readonly string[]): FormatName | undefined {
  const record = newRecord();
  const candidates = [
    { format: "clf" as const, parse: clfParser(), ok: 0, marked: false },
    { format: "csv" as const, parse: csvParser(), ok: 0, marked: false },
    { format: "w3c" as const, parse: w3cParser(), ok: 0, marked: false },
    { format: "json" as const, parse: jsonParser(), ok: 0, marked: false },
  ];
  let considered = 0, combined = 0;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const directive = line.startsWith("#");
    if (!directive) considered++;
    for (const c of candidates) {
      const status = c.parse(line, record);
      if (status === null) {
        c.ok++;
        if (c.format === "clf" && COMBINED_TAIL.test(line)) combined++;
      } else if (status === SKIP && !directive) {
        // The CSV header: a sure sign, though not a record.
        c.marked = true;
      } else if (status === SKIP && c.format === "w3c" && W3C_DIRECTIVE.test(line)) {
        c.marked = true;
      }
    }
  }
  for (const c of candidates) if (c.marked) c.ok++;
  const best = candidates.reduce((a, b) => (b.ok > a.ok ? b : a));
  if (best.ok === 0 || best.ok * 2 < Math.max(1, considered)) return undefined;
  if (best.format === "clf") return combined * 2 >= best.ok ? "combined" : "clf";
  return best.format;
}

/** After `status bytes`, a quoted referer and a quoted user-agent (the latter possibly cut short). */
const COMBINED_TAIL = /" \d{3} (?:\d+|-) "[^"]*" "/;
/** The directives an IIS log starts with. */
const W3C_DIRECTIVE = /^#(Software|Version|Date|Fields):/;
