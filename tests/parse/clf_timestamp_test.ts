import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { ClfByteParser } from "../../src/parse/clf_bytes.ts";
import { ByteRecord } from "../../src/parse/byte_record.ts";
import { ClfTimestampParser, parseClfTimestamp } from "../../src/parse/clf_timestamp.ts";

Deno.test("parseClfTimestamp() honours the UTC offset", () => {
  const table: Array<[string, number]> = [
    ["09/May/2018:16:00:39 +0000", Date.UTC(2018, 4, 9, 16, 0, 39) / 1000],
    ["10/Oct/2000:13:55:36 -0700", Date.UTC(2000, 9, 10, 20, 55, 36) / 1000],
    ["22/Jan/2019:03:56:14 +0330", 1548116774],
    ["29/Feb/2020:00:00:00 +0000", Date.UTC(2020, 1, 29) / 1000],
    ["31/Dec/1999:23:59:59 -1200", Date.UTC(2000, 0, 1, 11, 59, 59) / 1000],
  ];
  for (const [text, seconds] of table) equal(parseClfTimestamp(text), seconds, text);
});

Deno.test("parseClfTimestamp() rejects what is not a valid time", () => {
  for (
    const text of [
      "29/Feb/2019:00:00:00 +0000", // not a leap year
      "10/Foo/2000:13:55:36 -0700",
      "1O/Oct/2000:13:55:36 -0700",
      "10/Oct/2000:24:00:00 +0000",
      "10/Oct/2000:13:55:36 *0700",
      "10/Oct/2000:13:55:36",
      "10/Oct/2000 13:55:36 -0700",
      "",
    ]
  ) equal(Number.isNaN(parseClfTimestamp(text)), true, text);
});

Deno.test("ClfTimestampParser.parse() returns the same value for a repeated text", () => {
  const p = new ClfTimestampParser();
  const a = p.parse("10/Oct/2000:13:55:36 -0700");
  equal(p.parse("10/Oct/2000:13:55:36 -0700"), a);
  equal(p.parse("10/Oct/2000:13:55:37 -0700"), a + 1);
  equal(Number.isNaN(p.parse("bad")), true);
});

/**
 * Stamps that share their hour or not, with minutes and seconds valid or not (a leap second, a
 * minute of 60, a letter, a missing colon): a run of them exercises every path of the hour cache.
 */
const stampRun = fc.array(
  fc.tuple(
    fc.constantFrom(
      "10/Oct/2000:13:",
      "10/Oct/2000:14:",
      "29/Feb/2019:00:",
      "31/Dec/1999:23:",
      "1O/Oct/2000:13:",
    ),
    fc.constantFrom("00", "05", "59", "60", "5a", "7", "09"),
    fc.constantFrom(":", ";"),
    fc.constantFrom("00", "36", "59", "60", "61", "x1"),
    fc.constantFrom(" -0700", " +0000", " +0330", " *0700", " +0099"),
  ).map((parts) => parts.join("")),
  { maxLength: 30 },
);

Deno.test("ClfTimestampParser and ClfByteParser agree with parseClfTimestamp() on every stamp", () => {
  const enc = new TextEncoder();
  fc.assert(
    fc.property(stampRun, (stamps) => {
      const strings = new ClfTimestampParser();
      const bytes = new ClfByteParser();
      const out = new ByteRecord();
      for (const stamp of stamps) {
        const want = parseClfTimestamp(stamp);
        equal(strings.parse(stamp), want, stamp);
        const line = enc.encode(`1.2.3.4 - - [${stamp}] "GET / HTTP/1.1" 200 1`);
        const status = bytes.parse(line, 0, line.length, out);
        if (Number.isNaN(want)) equal(status, "bad timestamp", stamp);
        else deepEqual([status, out.time], [null, want], stamp);
      }
    }),
    { numRuns: 2000 },
  );
});
