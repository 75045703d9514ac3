/** Every sample in ../shared/fixtures parsed whole: detected format, valid/invalid counts, known fields. */
import { deepEqual, equal } from "node:assert/strict";
import { detectFormat, parserFor, SKIP } from "../../src/parse/mod.ts";
import { type FormatName, newRecord } from "../../src/record.ts";
import { FIXTURES } from "../_helpers/cli.ts";

interface Tally {
  format: FormatName | undefined;
  valid: number;
  invalid: number;
  skipped: number;
  sections: Map<string, number>;
  status: Map<number, number>;
  methods: Map<string, number>;
  zeroBytes: number;
  firstTime: number;
}

function tally(file: string): Tally {
  const lines = Deno.readTextFileSync(FIXTURES + file).split("\n");
  if (lines.at(-1) === "") lines.pop();
  const format = detectFormat(lines.slice(0, 20));
  const parse = parserFor(format ?? "clf");
  const r = newRecord();
  const t: Tally = {
    format,
    valid: 0,
    invalid: 0,
    skipped: 0,
    sections: new Map(),
    status: new Map(),
    methods: new Map(),
    zeroBytes: 0,
    firstTime: NaN,
  };
  for (const line of lines) {
    const s = parse(line, r);
    if (s === SKIP) t.skipped++;
    else if (s !== null) t.invalid++;
    else {
      if (t.valid++ === 0) t.firstTime = r.time;
      t.sections.set(r.section, (t.sections.get(r.section) ?? 0) + 1);
      t.status.set(r.status, (t.status.get(r.status) ?? 0) + 1);
      t.methods.set(r.method, (t.methods.get(r.method) ?? 0) + 1);
      if (r.bytes === 0) t.zeroBytes++;
    }
  }
  return t;
}

Deno.test("parsers read sample_csv.txt exactly as its README describes", () => {
  const t = tally("sample_csv.txt");
  deepEqual([t.format, t.valid, t.invalid, t.skipped], ["csv", 4830, 0, 1]);
  deepEqual(Object.fromEntries(t.sections), { "/api": 3930, "/report": 900 });
  deepEqual(Object.fromEntries(t.status), { 200: 3868, 500: 504, 404: 458 });
  deepEqual(Object.fromEntries(t.methods), { GET: 3578, POST: 1252 });
});

Deno.test("parsers read every fixture with the expected format and counts", () => {
  const table: Array<[string, FormatName, number, number, number]> = [
    // file, format, valid, invalid, skipped
    ["csv/test-access-log.csv", "csv", 44, 0, 1],
    ["csv/sample_with_only_high_traffic_alarms.csv", "csv", 1201, 0, 1],
    ["clf/logmon/input/high-traffic.txt", "clf", 12, 0, 0],
    ["clf/logmon/input/multi-stat.txt", "clf", 21, 0, 0],
    ["clf/logmon/input/multi-interval.txt", "clf", 6, 0, 0],
    ["clf/logmon/input/multi-line.txt", "clf", 6, 0, 0],
    ["clf/logmon/input/single-line.txt", "clf", 1, 0, 0],
    ["clf/access_log_monitor/logged_1rps.log", "clf", 61, 0, 0],
    ["clf/access_log_monitor/sample_log.log", "clf", 10, 0, 0],
    ["clf/lnav/logfile_access_log.0", "combined", 3, 0, 0],
    ["clf/lnav/logfile_access_log.1", "combined", 1, 0, 0],
    ["clf/lnav/logfile_bad_access_log.0", "combined", 2, 1, 0],
    ["clf/lnav/logfile_shop_access_log.0", "combined", 1000, 0, 0],
    ["clf/elastic/apache_logs", "combined", 10000, 0, 0],
  ];
  for (const [file, format, valid, invalid, skipped] of table) {
    const t = tally(file);
    deepEqual([t.format, t.valid, t.invalid, t.skipped], [format, valid, invalid, skipped], file);
  }
});

Deno.test("parsers honour the +0330 offset of the shop sample and the dashes of the elastic one", () => {
  equal(tally("clf/lnav/logfile_shop_access_log.0").firstTime, 1548116774);
  const elastic = tally("clf/elastic/apache_logs");
  // 669 lines have bytes "-"; a few more really sent 0 bytes.
  equal(elastic.zeroBytes >= 669, true);
  equal(elastic.status.get(200)! > 9000, true);
});
