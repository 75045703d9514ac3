/** No input makes a parser throw, and what a formatter writes parses back to the same fields. */
import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { detectFormat, parserFor, SKIP } from "../../src/parse/mod.ts";
import { FORMATS, newRecord } from "../../src/record.ts";

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  // Near misses: real lines with random damage.
  fc.tuple(
    fc.constantFrom(
      '127.0.0.1 - james [09/May/2018:16:00:39 +0000] "GET /report HTTP/1.0" 200 123 "-" "ua"',
      '"10.0.0.2","-","apache",1549573860,"GET /api/user HTTP/1.0",200,1234',
    ),
    fc.nat(),
    fc.string({ unit: "binary", maxLength: 5 }),
  ).map(([line, at, junk]) =>
    line.slice(0, at % line.length) + junk + line.slice(at % line.length)
  ),
);

Deno.test("parserFor() never throws and always answers null, SKIP or a reason", () => {
  const parsers = FORMATS.map((f) => parserFor(f));
  const r = newRecord();
  fc.assert(
    fc.property(anyText, (line) => {
      for (const parse of parsers) {
        const s = parse(line, r);
        equal(s === null || s === SKIP || typeof s === "string", true);
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("detectFormat() never throws", () => {
  fc.assert(fc.property(fc.array(anyText, { maxLength: 8 }), (lines) => {
    const f = detectFormat(lines);
    equal(f === undefined || (FORMATS as readonly string[]).includes(f), true);
  }));
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const recordArb = fc.record({
  time: fc.integer({ min: 0, max: 4_000_000_000 }),
  host: fc.stringMatching(/^[0-9a-f.:]{1,20}$/),
  user: fc.stringMatching(/^[a-z-]{1,8}$/),
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "HEAD"),
  path: fc.stringMatching(/^(\/[a-zA-Z0-9._~%-]{0,8}){1,4}$/),
  status: fc.integer({ min: 100, max: 599 }),
  bytes: fc.integer({ min: 0, max: 1e9 }),
});

Deno.test("a record written as CLF, Combined or CSV parses back to the same fields", () => {
  fc.assert(
    fc.property(recordArb, (rec) => {
      const d = new Date(rec.time * 1000);
      const p = (n: number) => String(n).padStart(2, "0");
      const stamp = `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
        `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
      const request = `${rec.method} ${rec.path} HTTP/1.1`;
      const clf = `${rec.host} - ${rec.user} [${stamp}] "${request}" ${rec.status} ${rec.bytes}`;
      const lines: Array<[(typeof FORMATS)[number], string]> = [
        ["clf", clf],
        ["combined", `${clf} "https://ref.example/" "Mozilla/5.0 (X11)"`],
        [
          "csv",
          `"${rec.host}","-","${rec.user}",${rec.time},"${request}",${rec.status},${rec.bytes}`,
        ],
        ["vhost_common", `www.example.com:443 ${clf}`],
      ];
      for (const [format, line] of lines) {
        const r = newRecord();
        equal(parserFor(format)(line, r), null, line);
        const section = rec.path.indexOf("/", 1) < 0
          ? rec.path
          : rec.path.slice(0, rec.path.indexOf("/", 1));
        const noIds = { hostId: -1, methodId: -1, sectionId: -1 };
        const vhost = format === "vhost_common" ? "www.example.com:443" : "";
        deepEqual({ ...r }, { ...rec, vhost, file: "", section, duration: NaN, ...noIds }, line);
      }
    }),
    { numRuns: 500 },
  );
});
