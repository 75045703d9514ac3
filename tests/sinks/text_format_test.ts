import { equal } from "node:assert/strict";
import { formatBytes, formatText } from "../../src/sinks/text_format.ts";
import type { AlertEvent, RecoverEvent, StatsEvent, SummaryEvent } from "../../src/core/events.ts";

// Times are printed in the display zone (tested in time_format_test.ts), so these tests match the
// time loosely and everything else exactly.
const alert: AlertEvent = {
  type: "alert",
  time: 1549573956,
  hits: 1206,
  rate: 10.05,
  threshold: 10,
  window: 120,
};
const recover: RecoverEvent = {
  type: "recover",
  time: 1549574043,
  hits: 1198,
  rate: 1198 / 120,
  threshold: 10,
  window: 120,
  duration: 87,
};

Deno.test("formatText() writes the alert and recovery lines of spec §3", () => {
  const a = formatText(alert, { color: false });
  equal(
    /^High traffic generated an alert - hits = 1206, triggered at \S+ \(10\.05 req\/s > 10 over 120 s\)$/
      .test(a),
    true,
    a,
  );
  const r = formatText(recover, { color: false });
  equal(
    /^Traffic recovered - hits = 1198, recovered at \S+ \(9\.98 req\/s <= 10; alert lasted 1m27s\)$/
      .test(r),
    true,
    r,
  );
});

Deno.test("formatText() colours only when asked", () => {
  equal(formatText(alert, { color: false }).includes("\x1b["), false);
  equal(formatText(alert, { color: true }).includes("\x1b["), true);
});

const stats: StatsEvent = {
  type: "stats",
  start: 1549573860,
  end: 1549573870,
  hits: 89,
  bytes: 109824,
  sections: [{ key: "/api", hits: 58 }, { key: "/evil\x1b]0;pwned\x07", hits: 31 }],
  sectionCount: 2,
  status: { "200": 75, "404": 10, "500": 4 },
  statusClasses: { "2xx": 75, "4xx": 10, "5xx": 4 },
  clients: [{ key: "10.0.0.1", hits: 50 }],
  clientCount: 3,
  methods: { GET: 70, POST: 19 },
  invalid: 1,
  late: 2,
  skewed: 3,
  partial: false,
};

Deno.test("formatText() shows every figure of a stats interval, log text escaped", () => {
  const text = formatText(stats, { color: false });
  const lines = text.split("\n");
  equal(lines.length, 6);
  equal(lines[0].endsWith("89 hits  8.90 req/s  107.3 KiB"), true, lines[0]);
  equal(lines[1], "  sections  /api 58  /evil\\x1b]0;pwned\\x07 31");
  equal(lines[2], "  status    2xx 75  4xx 10  5xx 4   (200 75  404 10  500 4)");
  equal(lines[3], "  clients   10.0.0.1 50  (+2 more)");
  equal(lines[4], "  methods   GET 70  POST 19");
  equal(lines[5], "  invalid 1  late 2  skewed 3");
  equal(text.includes("\x1b"), false);
});

Deno.test("formatText() says an empty interval had no traffic", () => {
  const empty = {
    ...stats,
    hits: 0,
    bytes: 0,
    sections: [],
    status: {},
    invalid: 0,
    late: 0,
    skewed: 0,
  };
  equal(formatText(empty, { color: false }).endsWith("no traffic"), true);
});

const summary: SummaryEvent = {
  type: "summary",
  start: 1549573859,
  end: 1549573860,
  hits: 1,
  bytes: 512,
  invalid: 0,
  late: 0,
  unreported: 0,
  skewed: 0,
  sections: [{ key: "/api", hits: 1, error: 0 }],
  status: { "200": 1 },
  statusClasses: { "2xx": 1 },
  clients: [{ key: "10.0.0.1", hits: 1 }],
  clientCount: 1,
  clientCountError: 0,
  methods: { GET: 1 },
  alerts: [],
  alerting: false,
};

Deno.test("formatText() gives the run's codes, clients with their distinct count, and methods", () => {
  const lines = formatText({ ...summary, clientCount: 120_000, clientCountError: 0.0081 }, {
    color: false,
  }).split("\n");
  equal(lines[2], "  invalid 0  late 0 (0 in no interval)  skewed 0");
  equal(lines[4], "  status    2xx 1   (200 1)");
  equal(lines[5], "  clients   10.0.0.1 1  (about 120000 distinct, ±0.8 %)");
  equal(lines[6], "  methods   GET 1");
});

Deno.test("formatText() counts one hit in the singular, other counts in the plural", () => {
  const one = { ...stats, hits: 1, sections: [{ key: "/api", hits: 1 }], sectionCount: 1 };
  equal(
    formatText(one, { color: false }).split("\n")[0].endsWith("  1 hit  0.10 req/s  107.3 KiB"),
    true,
  );
  equal(
    formatText(summary, { color: false }).split("\n")[1].endsWith("  1 hit  1.00 req/s  512 B"),
    true,
  );
  const two = { ...summary, hits: 2, end: 1549573861 };
  equal(
    formatText(two, { color: false }).split("\n")[1].endsWith("  2 hits  1.00 req/s  512 B"),
    true,
  );
});

Deno.test("formatText() says a run that read no request so, with no time span", () => {
  const none = { ...summary, start: 0, end: 0, hits: 0, bytes: 0, sections: [], invalid: 3 };
  equal(
    formatText(none, { color: false }),
    "Summary\n  no requests read\n  invalid 3  late 0 (0 in no interval)  skewed 0\n  alerts    0",
  );
});

Deno.test("formatBytes() uses binary units", () => {
  const table: Array<[number, string]> = [[0, "0 B"], [1023, "1023 B"], [109824, "107.3 KiB"], [
    3 * 1024 * 1024,
    "3.0 MiB",
  ]];
  for (const [n, expected] of table) equal(formatBytes(n), expected);
});

Deno.test("formatText() fits a report to the terminal's width, saying how many rows it left out", () => {
  const many = {
    ...stats,
    clients: Array.from({ length: 5 }, (_, i) => ({ key: `192.168.100.${100 + i}`, hits: 50 - i })),
    clientCount: 80,
  };
  const wide = formatText(many, { color: false }).split("\n");
  equal(
    wide[3],
    "  clients   " + many.clients.map((c) => `${c.key} ${c.hits}`).join("  ") +
      "  (+75 more)",
  );
  for (const width of [80, 100]) {
    const lines = formatText(many, { color: false, width }).split("\n");
    for (const l of lines) equal(l.length < width, true, `${width}: ${l}`);
    // Rows left out are counted in the "more", never cut mid-number.
    const [, rest] = /\(\+(\d+) more\)$/.exec(lines[3])!;
    const shown = lines[3].slice(12).split("  ").length - 1;
    equal(shown + Number(rest), 80, lines[3]);
  }
});
