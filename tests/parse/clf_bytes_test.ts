/** The byte fast path must give exactly what the string parser gives, for any input. */
import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { ClfByteParser } from "../../src/parse/clf_bytes.ts";
import { ByteRecord } from "../../src/parse/byte_record.ts";
import { parserFor, SKIP } from "../../src/parse/mod.ts";
import { newRecord } from "../../src/record.ts";
import { FIXTURES } from "../_helpers/cli.ts";

const encoder = new TextEncoder();

function both(line: string, fast = new ClfByteParser(), slow = parserFor("combined")) {
  const r1 = newRecord();
  const s1 = slow(line, r1);
  const r2 = new ByteRecord();
  // Embed the line in a larger buffer, as the splitter hands it over.
  const bytes = encoder.encode(`junk\n${line}\nmore`);
  const start = 5, end = bytes.length - 5;
  const s2 = fast.parse(bytes, start, end, r2);
  return { s1, s2, r1, r2 };
}

function fields(r: { time: number; host: string; user: string; method: string; path: string }) {
  const x = r as unknown as Record<string, unknown>;
  return ["time", "host", "user", "method", "path", "section", "status", "bytes", "duration"].map(
    (k) => x[k],
  );
}

function assertSame(line: string): void {
  const { s1, s2, r1, r2 } = both(line);
  // Reasons may differ in wording only for invalid lines; validity and SKIP must match.
  equal(s1 === null, s2 === null, `${JSON.stringify(line)}: ${String(s1)} vs ${String(s2)}`);
  equal(s1 === SKIP, s2 === SKIP, JSON.stringify(line));
  if (s1 === null) deepEqual(fields(r2), fields(r1), JSON.stringify(line));
}

Deno.test("ClfByteParser agrees with the string parser on every CLF and Combined fixture line", () => {
  for (
    const file of [
      "clf/elastic/apache_logs",
      "clf/lnav/logfile_shop_access_log.0",
      "clf/lnav/logfile_bad_access_log.0",
      "clf/lnav/logfile_access_log.1",
      "clf/logmon/input/multi-stat.txt",
      "clf/access_log_monitor/sample_log.log",
    ]
  ) {
    for (const line of Deno.readTextFileSync(FIXTURES + file).split("\n")) assertSame(line);
  }
});

Deno.test("ClfByteParser takes a target that starts with :// for no path, as pathOf does", () => {
  assertSame('h - - [09/May/2018:16:00:39 +0000] "GET ://http://h/a/b HTTP/1.0" 200 1');
  assertSame('h - - [09/May/2018:16:00:39 +0000] "GET x://h/a/b HTTP/1.0" 200 1');
});

const base =
  '127.0.0.1 - james [09/May/2018:16:00:39 +0000] "GET http://h/a/b?q=1 HTTP/1.0" 200 123 "-" "ua"';

Deno.test("ClfByteParser agrees with the string parser on damaged and arbitrary lines", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.tuple(fc.nat(), fc.string({ unit: "grapheme-ascii", maxLength: 6 }), fc.nat({ max: 6 }))
          .map(([at, junk, cut]) => {
            const i = at % base.length;
            return base.slice(0, i) + junk + base.slice(i + cut);
          }),
      ),
      assertSame,
    ),
    { numRuns: 3000 },
  );
});

Deno.test("ClfByteParser reads any request line as the string parser does: escapes, ? and #", () => {
  // Requests made of the pieces that end or split its parts, for the scan that reads the request
  // line on its way to the closing quote.
  const piece = fc.constantFrom(
    "/",
    "/a",
    "/a/b",
    "?q=1",
    "#f",
    "?",
    "#",
    '\\"',
    "\\\\",
    "\\",
    " ",
    "  ",
    "http://h",
    "x",
    "GET",
    "HTTP/1.1",
    "\u00e9",
    "\ufeff",
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const request = pieces.join("");
      assertSame(`h - - [09/May/2018:16:00:39 +0000] "${request}" 200 1`);
      assertSame(`h - - [09/May/2018:16:00:39 +0000] "${request}" 200 1 "-" "ua"`);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("ByteRecord decodes its path only when read, from the line being parsed", () => {
  const fast = new ClfByteParser();
  const r = new ByteRecord();
  const bytes = encoder.encode(
    'h - - [09/May/2018:16:00:39 +0000] "GET /caf%C3%A9/x?y HTTP/1.1" 200 1',
  );
  equal(fast.parse(bytes, 0, bytes.length, r), null);
  equal(r.section, "/caf%C3%A9");
  equal(r.path, "/caf%C3%A9/x");
  // Interned: the same bytes give the same string object.
  const r2 = new ByteRecord();
  fast.parse(bytes, 0, bytes.length, r2);
  equal(r2.host === r.host, true);
});

Deno.test("ClfByteParser reads the vhost formats as the string parser does, the client kept apart", () => {
  const line = 'www.example.com:443 203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /api/x?q=1 ' +
    'HTTP/1.1" 200 512 "-" "curl/8"';
  const fast = new ClfByteParser(undefined, { vhost: true });
  const slow = parserFor("vhost_combined");
  const r = new ByteRecord();
  const s = newRecord();
  equal(fast.parse(new TextEncoder().encode(line), 0, line.length, r), null);
  equal(slow(line, s), null);
  for (const field of ["vhost", "host", "section", "status", "bytes", "time", "method"] as const) {
    equal(r[field], s[field], field);
  }
  deepEqual([r.vhost, r.host, r.section], ["www.example.com:443", "203.0.113.9", "/api"]);
});
