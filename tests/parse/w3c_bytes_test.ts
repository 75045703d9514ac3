/** The W3C byte fast path must give exactly what w3c.ts gives, for any run of lines. */
import { equal } from "node:assert/strict";
import { assertAgrees } from "./_byte_parsers.ts";
import fc from "fast-check";
import { W3cByteParser } from "../../src/parse/w3c_bytes.ts";
import { ByteRecord } from "../../src/parse/byte_record.ts";
import { w3cParser } from "../../src/parse/w3c.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { newRecord } from "../../src/record.ts";

const encoder = new TextEncoder();

const LINES = [
  "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip " +
  "cs(User-Agent) sc-status sc-bytes time-taken",
  "#Fields: date time cs-method cs-uri sc-status",
  "#Fields: date time c-ip sc-bytes",
  "#Software: IIS",
  "2019-02-07 21:10:59 10.0.0.1 GET /api/user - 443 - 10.0.0.2 Mozilla/5.0 200 1234 15",
  "2019-02-07 21:11:00 10.0.0.1 POST http://h/a/b?x - 443 bob 10.0.0.3 curl/8 404 - -",
  "2019-02-07 21:11:00 GET /x/y 200",
  "2019-02-08 00:00:00.5 GET / 500",
  "2019-02-08 23:59:60 GET /caf\u00e9 2e2",
  "2019-02-30 10:00:00 GET * 200",
  "2019-02-08 24:00:00 GET / 200",
  "2019-02-08 23:60:61 GET / 200",
];
const PIECES = [" ", "  ", "-", "\t", "\r", "#", "0", "9", ":", "/", "?", "+", ".", "e", "\u00a0"];

const line = fc.oneof(
  fc.constantFrom(...LINES),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.tuple(
    fc.constantFrom(...LINES),
    fc.nat(),
    fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((a) => a.join("")),
    ),
    fc.nat(3),
  ).map(([l, at, junk, cut]) => {
    const i = at % (l.length + 1);
    return l.slice(0, i) + junk + l.slice(i + cut);
  }),
);

/** Feeds the same lines to both; every answer, record and id must agree. */
function assertSameRun(lines: string[]): void {
  const dictionary = new RunDictionary();
  const fast = new W3cByteParser(dictionary);
  const slow = w3cParser();
  for (const l of lines) {
    const a = newRecord();
    const status = slow(l.endsWith("\r") ? l.slice(0, -1) : l, a);
    assertAgrees(fast, l, status, a, ["x 1\n", "\n9 9"]);
  }
}

Deno.test("W3cByteParser answers as w3c.ts on every run of real and damaged lines", () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }).map((ls) => [LINES[0], ...ls]), assertSameRun),
    { numRuns: 3000 },
  );
});

Deno.test("W3cByteParser follows #Fields changes, numbers in Number()'s forms and non-ASCII", () => {
  assertSameRun(LINES);
  assertSameRun([
    LINES[0],
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua +200 1.0e3 2.5",
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua 0x1F4 - 7",
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua 200  7",
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua 200 12 7   ",
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua 200 12 7\r",
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua 200 12 7\u00a0",
    "   ",
    "2019-02-07 21:10:59 10.0.0.1 GET /a - 443 - 10.0.0.2 ua 200 12",
  ]);
  const r = new ByteRecord();
  const noFields = encoder.encode("2019-02-07 21:10:59 GET / 200");
  equal(new W3cByteParser().parse(noFields, 0, noFields.length, r), "no #Fields directive");
});
