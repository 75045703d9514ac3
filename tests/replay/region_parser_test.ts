/**
 * RegionParser against the single pass: whatever the log and however small the regions, the rows of
 * all regions, in order, are the engine calls a single pass makes.
 */
import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { parsesInRegions, type ParseSpec, RegionParser } from "../../src/replay/region_parser.ts";
import { fieldsDirectives } from "../../src/replay/fields_directives.ts";
import {
  BatchDictionaries,
  ROW_INVALID,
  ROW_OVERSIZED,
  ROW_RECORD,
} from "../../src/replay/record_batch.ts";
import { ByteLineSplitter } from "../../src/source/byte_line_splitter.ts";
import { type FormatName, newRecord } from "../../src/record.ts";
import { parserFor, SKIP } from "../../src/parse/mod.ts";

type Row = string;
const MAX_LINE = 160;

/** What a single pass hands the engine, one string per call. */
function singlePass(bytes: Uint8Array, format: FormatName): Row[] {
  const rows: Row[] = [];
  const parse = parserFor(format);
  const record = newRecord();
  const decoder = new TextDecoder();
  const onLine = (b: Uint8Array, s: number, e: number) => {
    const end = e > s && b[e - 1] === 13 ? e - 1 : e;
    const status = parse(decoder.decode(b.subarray(s, end)), record);
    if (status === null) rows.push(describe(record));
    else if (status !== SKIP) rows.push("invalid");
  };
  const splitter = new ByteLineSplitter({
    maxLineBytes: MAX_LINE,
    onOversized: () => rows.push("oversized"),
  });
  splitter.push(bytes, onLine);
  splitter.flush(onLine);
  return rows;
}

/** The same, from the regions of `size` bytes parsed one by one (as workers would, two of them). */
async function inRegions(path: string, bytes: number, spec: ParseSpec, size: number) {
  const parsers = [new RegionParser(spec), new RegionParser(spec)];
  const dictionaries = [new BatchDictionaries(), new BatchDictionaries()];
  const file = await Deno.open(path);
  const rows: Row[] = [];
  try {
    const count = Math.max(1, Math.ceil(bytes / size));
    for (let k = 0; k < count; k++) {
      const to = k === count - 1 ? Infinity : (k + 1) * size;
      const batch = await parsers[k % 2].parse(file, k, k * size, to);
      const d = dictionaries[k % 2];
      d.learn(batch);
      for (let i = 0; i < batch.rows; i++) {
        const kind = batch.kind[i];
        if (kind === ROW_INVALID) rows.push("invalid");
        else if (kind === ROW_OVERSIZED) rows.push("oversized");
        else {
          equal(kind, ROW_RECORD);
          const r = newRecord();
          d.fill(batch, i, r);
          rows.push(describe(r));
        }
      }
    }
  } finally {
    file.close();
  }
  return rows;
}

function describe(r: ReturnType<typeof newRecord>): Row {
  return [r.time, r.host, r.method, r.section, r.status, r.bytes, r.duration].join(" ");
}

const clfLine = fc.record({
  t: fc.integer({ min: 0, max: 86_399 }),
  host: fc.constantFrom("10.0.0.1", "192.0.2.7", "::1"),
  method: fc.constantFrom("GET", "POST", "-"),
  path: fc.constantFrom("/", "/api/x", "/report?q=1", "http://h/pages/y", "/a b", "/é/ü"),
  status: fc.constantFrom(200, 404, 503),
  bytes: fc.oneof(fc.nat(99_999).map(String), fc.constant("-")),
  combined: fc.boolean(),
}).map((l) => {
  const d = new Date(Date.UTC(2026, 0, 1) + l.t * 1000).toISOString();
  const stamp = `01/Jan/2026:${d.slice(11, 19)} +0000`;
  const request = l.method === "-" ? "-" : `${l.method} ${l.path} HTTP/1.1`;
  const tail = l.combined ? ` "https://r/" "agent/1.0"` : "";
  return `${l.host} - - [${stamp}] "${request}" ${l.status} ${l.bytes}${tail}`;
});
const csvLine = fc.record({
  t: fc.integer({ min: 1_549_573_860, max: 1_549_573_960 }),
  section: fc.constantFrom("/api", "/report"),
  status: fc.constantFrom(200, 500),
}).map((l) => `"10.0.0.2","-","apache",${l.t},"GET ${l.section}/user HTTP/1.0",${l.status},1234`);
const w3cLine = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes time-taken",
      "#Fields: date time cs-method cs-uri sc-status",
      "#Software: IIS",
    ),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.integer({ min: 0, max: 86_399 }),
      host: fc.constantFrom("10.0.0.1", "192.0.2.7"),
      path: fc.constantFrom("/", "/api/x", "/a/b?q=1", "http://h/p/y", "/é/x"),
      status: fc.constantFrom(200, 404),
      taken: fc.constantFrom("-", "15", "2.5"),
    }).map((l) => {
      const d = new Date(Date.UTC(2026, 0, 1) + l.t * 1000).toISOString();
      return `${d.slice(0, 10)} ${
        d.slice(11, 19)
      } ${l.host} GET ${l.path} ${l.status} 12 ${l.taken}`;
    }),
  },
);
const junk = fc.string({ maxLength: 30, unit: fc.constantFrom("x", " ", "[", '"', "é", "\t") });
const tooLong = fc.constant("y".repeat(MAX_LINE + 5));

for (
  const [format, valid] of [["combined", clfLine], ["csv", csvLine], ["w3c", w3cLine]] as const
) {
  Deno.test(`RegionParser rows over every region equal the single pass (${format})`, async () => {
    const path = await Deno.makeTempFile({ prefix: "monilog-chunks-" });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof({ weight: 6, arbitrary: valid }, junk, fc.constant(""), tooLong), {
            maxLength: 40,
          }),
          fc.constantFrom("\n", "\r\n"),
          fc.boolean(),
          fc.integer({ min: 1, max: 400 }),
          async (lines, eol, finalNewline, size) => {
            const text = lines.join(eol) + (finalNewline ? eol : "");
            const bytes = new TextEncoder().encode(text);
            await Deno.writeFile(path, bytes);
            const spec: ParseSpec = { format, maxLineBytes: MAX_LINE };
            if (format === "w3c") {
              const file = await Deno.open(path);
              spec.w3cFields = await fieldsDirectives(file, MAX_LINE, new Uint8Array(7));
              file.close();
            }
            deepEqual(await inRegions(path, bytes.length, spec, size), singlePass(bytes, format));
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      await Deno.remove(path);
    }
  });
}

Deno.test("parsesInRegions() takes W3C only with its #Fields directives, and not the vhost formats", () => {
  deepEqual(
    (["clf", "combined", "csv", "json", "w3c", "vhost_combined"] as const).map((format) =>
      parsesInRegions({ format })
    ),
    [true, true, true, true, false, false],
  );
  equal(parsesInRegions({ format: "w3c", w3cFields: [] }), true);
  equal(parsesInRegions({ logFormat: "$remote_addr [$time_local] $status" }), true);
  equal(parsesInRegions({}), false);
});
