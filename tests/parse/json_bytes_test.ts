/** JSON lines from bytes: the results of json_lines.ts, line by line, with ids and a date cache. */
import { assertAgrees } from "./_byte_parsers.ts";
import fc from "fast-check";
import { JsonByteParser } from "../../src/parse/json_bytes.ts";
import { parseJsonLine } from "../../src/parse/json_lines.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { newRecord } from "../../src/record.ts";
import { REPO_ROOT } from "../_helpers/cli.ts";
import { ByteRecord } from "../../src/parse/byte_record.ts";
import { equal } from "node:assert/strict";

/** Feeds the lines, in order, to one byte parser; each answer must be parseJsonLine's. */
function assertSameRun(lines: string[]): void {
  const dictionary = new RunDictionary();
  const fast = new JsonByteParser(dictionary);
  for (const l of lines) {
    const a = newRecord();
    assertAgrees(fast, l, parseJsonLine(l, a), a, ['{"x":1}\n', "\r\n{}"]);
  }
}

Deno.test("JsonByteParser answers as json_lines.ts on the Caddy, Traefik and nginx samples", () => {
  for (const file of ["caddy.jsonl", "traefik.jsonl", "nginx_json.jsonl"]) {
    const text = Deno.readTextFileSync(`${REPO_ROOT}tests/testdata/parse/${file}`);
    assertSameRun(text.split("\n"));
  }
});

Deno.test("JsonByteParser keeps a date's value only while the lines repeat it", () => {
  const line = (time: string, host: string) =>
    JSON.stringify({
      time_iso8601: time,
      remote_addr: host,
      request: "GET /a/b HTTP/1.1",
      status: 200,
    });
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.constantFrom(
            "2026-01-01T00:00:00+00:00",
            "2026-01-01T00:00:01+00:00",
            "2026-01-01T01:00:00+02:00",
            "",
            "not a date",
          ),
          fc.constantFrom("10.0.0.1", "::1", "h\u00e9"),
        ),
        { maxLength: 20 },
      ),
      (pairs) => assertSameRun(pairs.map(([t, h]) => line(t, h))),
    ),
  );
});

Deno.test("JsonByteParser gives each line its method's and section's ids, repeated or not", () => {
  // The parser remembers the last method and section: an empty one first, the same one again, and
  // a change must each get the id the dictionary has for the value (not -1, the id of no value).
  const line = (request: string) =>
    JSON.stringify({
      time_iso8601: "2026-01-01T00:00:00+00:00",
      remote_addr: "h",
      request,
      status: 200,
    });
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom(
          "",
          "GET",
          "GET /a",
          "GET  /x",
          "POST /b/c HTTP/1.1",
          "get /a?q",
          "GET /a/b",
        ),
        { maxLength: 20 },
      ),
      (requests) => {
        const fast = new JsonByteParser(new RunDictionary());
        for (const request of requests) {
          const l = line(request);
          const expected = newRecord();
          assertAgrees(fast, l, parseJsonLine(l, expected), expected, ["", ""]);
          const r = new ByteRecord();
          fast.parse(new TextEncoder().encode(l), 0, l.length, r);
          equal(r.methodId, fast.methods.internString(expected.method), request);
          equal(r.sectionId, fast.sections.internString(expected.section), request);
        }
      },
    ),
  );
});
