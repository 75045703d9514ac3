/**
 * A UTF-8 BOM: the text parsers get each line decoded, which drops one BOM at its start and keeps any
 * other; every byte parser must read the same line's bytes to the same answer.
 */
import { deepEqual, equal } from "node:assert/strict";
import { ClfByteParser } from "../../src/parse/clf_bytes.ts";
import { CsvByteParser } from "../../src/parse/csv_bytes.ts";
import { W3cByteParser } from "../../src/parse/w3c_bytes.ts";
import { JsonByteParser } from "../../src/parse/json_bytes.ts";
import { type ByteParser, ByteRecord } from "../../src/parse/byte_record.ts";
import { type LineParser, parserFor } from "../../src/parse/mod.ts";
import { newRecord } from "../../src/record.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const KEYS = ["time", "host", "user", "method", "path", "section", "status", "bytes"] as const;
const BOM = "\ufeff";

/** Feeds `lines` to both parsers, in order, as the line processor would, and compares each answer. */
function assertSameLines(fast: ByteParser, slow: LineParser, lines: string[]): void {
  for (const line of lines) {
    const bytes = encoder.encode(`x\n${line}\ny`);
    const r = new ByteRecord();
    const got = fast.parse(bytes, 2, bytes.length - 2, r);
    const expected = newRecord();
    // The text path's line: decoded, so one BOM at its start is gone.
    const want = slow(decoder.decode(encoder.encode(line)), expected);
    const what = JSON.stringify(line);
    equal(got === null, want === null, `${what}: ${String(want)} vs ${String(got)}`);
    if (want === null) {
      deepEqual(KEYS.map((k) => r[k]), KEYS.map((k) => expected[k]), what);
    }
  }
}

/** The line with one BOM before it, with two, and with one inside its first field. */
const bommed = (line: string) => [BOM + line, BOM + BOM + line, line.replace(/^(.)/, `$1${BOM}`)];

Deno.test("Common and Combined byte parsers read a BOM as the text parser reads the decoded line", () => {
  const line = '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /a/b HTTP/1.1" 200 5 "-" "ua"';
  assertSameLines(new ClfByteParser(), parserFor("combined"), [line, ...bommed(line)]);
  const vhost = "site " + line;
  assertSameLines(new ClfByteParser(undefined, { vhost: true }), parserFor("vhost_combined"), [
    vhost,
    ...bommed(vhost),
  ]);
});

Deno.test("the CSV byte parser reads a BOM as the text parser reads the decoded line", () => {
  const header = '"remotehost","rfc931","authuser","date","request","status","bytes"';
  const row = '"10.0.0.2","-","apache",1549573860,"GET /api/user HTTP/1.0",200,1234';
  assertSameLines(new CsvByteParser(), parserFor("csv"), [BOM + header, row, ...bommed(row)]);
});

Deno.test("the W3C byte parser reads a BOM as the text parser reads the decoded line", () => {
  const fields = "#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes";
  const line = "2026-01-01 00:00:00 10.0.0.1 GET /a/b 200 5";
  // The directive behind a BOM must still set the columns the lines after it are read by.
  assertSameLines(new W3cByteParser(), parserFor("w3c"), [BOM + fields, line, ...bommed(line)]);
});

Deno.test("the JSON byte parser reads a BOM as the text parser reads the decoded line", () => {
  const line = '{"time_iso8601":"2026-01-01T00:00:00+00:00","remote_addr":"1.2.3.4",' +
    '"request":"GET /a HTTP/1.1","status":200}';
  assertSameLines(new JsonByteParser(), parserFor("json"), [line, ...bommed(line)]);
});
