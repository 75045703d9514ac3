import { deepEqual, equal } from "node:assert/strict";
import { formatJson } from "../../src/sinks/json_format.ts";
import type { StatsEvent, SummaryEvent } from "../../src/core/events.ts";

Deno.test("formatJson() writes stats with the keys of spec §4", () => {
  const stats: StatsEvent = {
    type: "stats",
    start: 1549573860,
    end: 1549573870,
    hits: 89,
    bytes: 109824,
    sections: [{ key: "/api", hits: 58 }, { key: "/report", hits: 31 }],
    sectionCount: 2,
    status: { "200": 75, "404": 10, "500": 4 },
    statusClasses: { "2xx": 75, "4xx": 10, "5xx": 4 },
    clients: [{ key: "10.0.0.1", hits: 50 }],
    clientCount: 3,
    methods: { GET: 70, POST: 19 },
    invalid: 0,
    late: 0,
    skewed: 0,
    partial: false,
  };
  const line = formatJson(stats);
  equal(line.includes("\n"), false);
  const parsed = JSON.parse(line);
  deepEqual(parsed.sections, [{ section: "/api", hits: 58 }, { section: "/report", hits: 31 }]);
  deepEqual(parsed.status, { "200": 75, "404": 10, "500": 4 });
  deepEqual(parsed.clients, [{ client: "10.0.0.1", hits: 50 }]);
  equal(parsed.rate, 8.9);
  equal(parsed.partial, undefined);
  for (const key of ["type", "start", "end", "hits", "bytes", "invalid", "late", "skewed"]) {
    equal(key in parsed, true, key);
  }
});

Deno.test("formatJson() rounds an alert's rate to two decimals", () => {
  const line = formatJson({
    type: "recover",
    time: 1549574043,
    hits: 1198,
    rate: 1198 / 120,
    threshold: 10,
    window: 120,
    duration: 87,
  });
  deepEqual(JSON.parse(line), {
    type: "recover",
    time: 1549574043,
    hits: 1198,
    rate: 9.98,
    threshold: 10,
    window: 120,
    duration: 87,
  });
});

Deno.test("formatJson() gives a summary of a run that read no request a null start and end", () => {
  const none: SummaryEvent = {
    type: "summary",
    // The core's "nothing seen" values.
    start: 0,
    end: 0,
    hits: 0,
    bytes: 0,
    invalid: 2,
    late: 0,
    unreported: 0,
    skewed: 0,
    sections: [],
    status: {},
    statusClasses: {},
    clients: [],
    clientCount: 0,
    clientCountError: 0,
    methods: {},
    alerts: [],
    alerting: false,
  };
  const parsed = JSON.parse(formatJson(none));
  deepEqual([parsed.start, parsed.end, parsed.hits, parsed.invalid], [null, null, 0, 2]);
  const one = JSON.parse(formatJson({ ...none, start: 1549573859, end: 1549573860, hits: 1 }));
  deepEqual([one.start, one.end], [1549573859, 1549573860]);
  // The distinct count's error is there only once it is an estimate.
  equal("clientCountError" in one, false);
  const many = JSON.parse(formatJson({ ...none, clientCount: 100_000, clientCountError: 0.008 }));
  equal(many.clientCountError, 0.008);
});
