/** What every byte parser's test checks against its text parser. */
import { deepEqual, equal } from "node:assert/strict";
import { type ByteParser, ByteRecord } from "../../src/parse/byte_record.ts";
import type { ParseStatus } from "../../src/parse/parse_status.ts";
import type { LogRecord } from "../../src/record.ts";

const encoder = new TextEncoder();
const KEYS = ["time", "host", "user", "method", "path", "section", "status", "bytes", "duration"];
const fields = (r: object) => KEYS.map((k) => (r as Record<string, unknown>)[k]);

/**
 * Parses `line` with `fast`, embedded between `before` and `after` as the splitter hands a line
 * over (nothing past its end may be read), and checks that it answers as the text parser did
 * (`status`, `record`): the same status and, for a record, the same fields, with ids that name
 * those very values in the parser's dictionaries.
 */
export function assertAgrees(
  fast: ByteParser,
  line: string,
  status: ParseStatus,
  record: LogRecord,
  [before, after]: [string, string],
): void {
  const r = new ByteRecord();
  const bytes = encoder.encode(before + line + after);
  const got = fast.parse(bytes, before.length, bytes.length - after.length, r);
  const what = JSON.stringify(line);
  equal(got, status, `${what}: ${String(status)} vs ${String(got)}`);
  if (status !== null) return;
  deepEqual(fields(r), fields(record), what);
  equal(fast.hosts.value(r.hostId), record.host, what);
  equal(fast.methods.value(r.methodId), record.method, what);
  equal(fast.sections.value(r.sectionId), record.section, what);
}
