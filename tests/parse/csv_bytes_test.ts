/** The CSV byte fast path must give exactly what the string parser gives, for any input. */
import { equal } from "node:assert/strict";
import { assertAgrees } from "./_byte_parsers.ts";
import fc from "fast-check";
import { CsvByteParser } from "../../src/parse/csv_bytes.ts";
import { ByteRecord } from "../../src/parse/byte_record.ts";
import { parserFor, SKIP } from "../../src/parse/mod.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { newRecord } from "../../src/record.ts";
import { FIXTURES } from "../_helpers/cli.ts";

const encoder = new TextEncoder();
const dictionary = new RunDictionary();
const fast = new CsvByteParser(dictionary);
const slow = parserFor("csv");

function assertSame(line: string): void {
  const r = newRecord();
  assertAgrees(fast, line, slow(line, r), r, ['"x",\n', '\n"/y",""']);
}

Deno.test("CsvByteParser agrees with the string parser on every CSV fixture line", () => {
  let records = 0;
  for (
    const file of [
      "sample_csv.txt",
      "csv/sample_with_only_high_traffic_alarms.csv",
      "csv/test-access-log.csv",
    ]
  ) {
    for (const line of Deno.readTextFileSync(FIXTURES + file).split("\n")) {
      assertSame(line);
      if (slow(line, newRecord()) === null) records++;
    }
  }
  equal(records > 1000, true, `${records} records`);
});

const base = '"10.0.0.2","-","apache",1549573860,"GET http://h/api/user?q=1 HTTP/1.0",200,1234';

Deno.test("CsvByteParser agrees with the string parser on damaged and arbitrary lines", () => {
  const pieces = ['"', ",", " ", '""', "\t", "\r", "-", "é", "\u00a0", "/", "?", "://", "GET", "1"];
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 120 }),
        fc.tuple(
          fc.nat(),
          fc.oneof(
            fc.string({ unit: "grapheme-ascii", maxLength: 6 }),
            fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((a) => a.join("")),
          ),
          fc.nat({ max: 6 }),
        ).map(([at, junk, cut]) => {
          const i = at % base.length;
          return base.slice(0, i) + junk + base.slice(i + cut);
        }),
      ),
      assertSame,
    ),
    { numRuns: 5000 },
  );
});

Deno.test("CsvByteParser takes the header, blank lines, doubled quotes and non-ASCII as csv.ts does", () => {
  for (
    const line of [
      '"remotehost","rfc931","authuser","date","request","status","bytes"',
      "   \t ",
      "",
      '"10.0.0.1","-","a ""quoted"" user",1549573860,"GET /a/b HTTP/1.0",200,12',
      '"10.0.0.1","-","józef",1549573860,"GET /café/x HTTP/1.0",200,12',
      " 10.0.0.1 ,-, apache ,1549573860, GET /a HTTP/1.0 ,200, - \r",
      '"10.0.0.1","-","apache",1549573860," GET /a",200,1',
      '"10.0.0.1","-","apache",1549573860,"",200,1',
      '"10.0.0.1","-","apache",1549573860,"OPTIONS *",204,0',
      '"10.0.0.1","-","apache",1549573860,"GET http://host",200,1',
      '"10.0.0.1","-","apache",1549573860,"GET /a",200,1,',
      '"10.0.0.1","-","apache",1549573860,"GET /a",200',
      '"10.0.0.1","-","apache",1549573860,"GET /a"x,200,1',
    ]
  ) assertSame(line);
  const r = new ByteRecord();
  const header = encoder.encode(
    '"remotehost","rfc931","authuser","date","request","status","bytes"',
  );
  equal(fast.parse(header, 0, header.length, r), SKIP);
});
