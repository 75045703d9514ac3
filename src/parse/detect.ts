/**
 * Recognises a log's format from its first lines: each candidate parser is tried on every line and the
 * one that accepts the most wins, so a stray bad line at the top does not mislead it. Common lines that
 * carry the quoted referer and user-agent make it `combined`.
 */
import { type FormatName, newRecord } from "../record.ts";
import { clfParser } from "./clf.ts";
import { csvParser } from "./csv.ts";
import { SKIP } from "./parse_status.ts";

/** Names the format of `lines`, or undefined when no format accepts at least half of them. */
export function detectFormat(lines: readonly string[]): FormatName | undefined {
  const record = newRecord();
  const clf = clfParser();
  const csv = csvParser();
  let considered = 0, clfOk = 0, csvOk = 0, combined = 0, csvHeader = false;
  for (const line of lines) {
    if (line.trim() === "") continue;
    considered++;
    if (clf(line, record) === null) {
      clfOk++;
      if (COMBINED_TAIL.test(line)) combined++;
    }
    const c = csv(line, record);
    if (c === null) csvOk++;
    else if (c === SKIP) csvHeader = true;
  }
  if (csvHeader) csvOk++;
  const best = Math.max(clfOk, csvOk);
  if (best === 0 || best * 2 < considered) return undefined;
  if (csvOk > clfOk) return "csv";
  return combined * 2 >= clfOk ? "combined" : "clf";
}

/** After `status bytes`, a quoted referer and a quoted user-agent (the latter possibly cut short). */
const COMBINED_TAIL = /" \d{3} (?:\d+|-) "[^"]*" "/;
