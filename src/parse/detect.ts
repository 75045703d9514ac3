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
  let considered = 0, combined = 0, vhost = 0;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const directive = line.startsWith("#");
    if (!directive) considered++;
    for (const c of candidates) {
      const status = c.parse(line, record);
      if (status === null) {
        c.ok++;
        if (c.format === "clf" && COMBINED_TAIL.test(line)) combined++;
        if (c.format === "clf" && VHOST_HEAD.test(line)) vhost++;
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
  if (best.format === "clf") {
    const isCombined = combined * 2 >= best.ok;
    if (vhost * 2 >= best.ok) return isCombined ? "vhost_combined" : "vhost_common";
    return isCombined ? "combined" : "clf";
  }
  return best.format;
}

/** After `status bytes`, a quoted referer and a quoted user-agent (the latter possibly cut short). */
const COMBINED_TAIL = /" \d{3} (?:\d+|-) "[^"]*" "/;
/**
 * Apache's vhost formats: four fields before the time, the first a host with its port (`%v:%p`) or
 * the second a client address — where Common has three (host, ident, user).
 */
const VHOST_HEAD =
  /^(?:\S+:\d+ \S+|\S+ (?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+)) \S+ \S+ \[/;
/** The directives an IIS log starts with. */
const W3C_DIRECTIVE = /^#(Software|Version|Date|Fields):/;
