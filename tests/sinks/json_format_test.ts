import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { formatJson, statsJson, toJson } from "../../src/sinks/json_format.ts";
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

Deno.test("formatJson() writes a stats event as JSON.stringify would, character for character", () => {
  const count = fc.oneof(fc.nat(), fc.double(), fc.constantFrom(NaN, Infinity, -0));
  const key = fc.oneof(fc.string(), fc.constantFrom("/api", "10.0.0.1", '"\\', "\u2028\x7f\x00"));
  const rows = fc.array(
    fc.record({ key, hits: count, error: fc.option(count, { nil: undefined }) }, {
      requiredKeys: ["key", "hits"],
    }),
    { maxLength: 4 },
  );
  // Status codes are integer-like keys, which JSON.stringify puts first, in numeric order.
  const counts = fc.dictionary(
    fc.oneof(fc.constantFrom("200", "304", "404", "2xx", "other", "GET"), fc.string()),
    count,
    { maxKeys: 5 },
  );
  const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const stats: fc.Arbitrary<StatsEvent> = fc.record({
    type: fc.constant("stats" as const),
    start: fc.integer(),
    end: fc.integer(),
    hits: count,
    bytes: count,
    sections: rows,
    sectionCount: count,
    status: counts,
    statusClasses: counts,
    clients: rows,
    clientCount: count,
    approximate: optional(fc.constant(true as const)),
    methods: counts,
    vhosts: optional(rows),
    vhostCount: optional(count),
    byFile: optional(rows),
    latency: optional(fc.record({ count: fc.nat(), p50: count, p90: count, p99: count })),
    invalid: fc.nat(),
    late: fc.nat(),
    skewed: fc.nat(),
    partial: fc.boolean(),
    since: optional(fc.integer()),
  }, {
    requiredKeys: [
      "type",
      "start",
      "end",
      "hits",
      "bytes",
      "sections",
      "sectionCount",
      "status",
      "statusClasses",
      "clients",
      "clientCount",
      "methods",
      "invalid",
      "late",
      "skewed",
      "partial",
    ],
  });
  fc.assert(
    fc.property(stats, (event) => {
      equal(statsJson(event), JSON.stringify(toJson(event)));
    }),
    { numRuns: 2000 },
  );
});
