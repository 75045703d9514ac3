import { deepEqual, equal } from "node:assert/strict";
import { formatJson } from "../../src/sinks/json_format.ts";
import type { StatsEvent } from "../../src/core/events.ts";

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
  for (const key of ["type", "start", "end", "hits", "bytes", "invalid", "late"]) {
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
