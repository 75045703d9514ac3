/**
 * Parsing: a line in, a record or a reason out. Parsers never throw on any input; a bad line is counted
 * by the caller and skipped.
 */
import type { FormatName, LogRecord } from "../record.ts";
import { clfParser, vhostParser } from "./clf.ts";
import { csvParser } from "./csv.ts";
import { jsonParser } from "./json_lines.ts";
import { w3cParser } from "./w3c.ts";
import type { ParseStatus } from "./parse_status.ts";

export { SKIP } from "./parse_status.ts";
export type { ParseStatus } from "./parse_status.ts";
export { detectFormat } from "./detect.ts";
export { pathOf, sectionOf } from "./section.ts";
export { LogFormatError, logFormatParser } from "./log_format.ts";

/** Parses one line (without its newline) into `out`. */
export type LineParser = (line: string, out: LogRecord) => ParseStatus;

/**
 * Returns a parser for `format`. Common and Combined share one parser: Combined's extra fields are
 * optional, so a Common line in a Combined log (or the reverse) is still counted.
 */
export function parserFor(format: FormatName): LineParser {
  switch (format) {
    case "csv":
      return csvParser();
    case "w3c":
      return w3cParser();
    case "json":
      return jsonParser();
    case "clf":
    case "combined":
      return clfParser();
    case "vhost_common":
    case "vhost_combined":
      return vhostParser();
  }
}
