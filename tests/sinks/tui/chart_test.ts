import { deepEqual, equal } from "node:assert/strict";
import { chartRows, columnValues } from "../../../src/sinks/tui/chart.ts";
import { rowToString } from "../../../src/sinks/tui/row.ts";

Deno.test("columnValues() averages the seconds of each column, filling the columns exactly", () => {
  deepEqual(columnValues([1, 2, 3, 4], 4), [1, 2, 3, 4]);
  deepEqual(columnValues([1, 2, 3, 4], 2), [1.5, 3.5]);
  deepEqual(columnValues([3, 1, 2, 3, 4], 3), [3, 1.5, 3.5]);
  equal(columnValues(new Array(120).fill(7), 95).length, 95);
  deepEqual(new Set(columnValues(new Array(120).fill(7), 95)), new Set([7]));
});

Deno.test("chartRows() draws one column a second, the threshold line and bars above it", () => {
  const counts = [...new Array(20).fill(2), ...new Array(10).fill(20)];
  const rows = chartRows(
    { window: { seconds: 30, hits: 240, rate: 8, start: 1000, counts }, threshold: 10, time: 1029 },
    60,
    10,
  ).map((r) => rowToString(r, false));
  equal(rows.length, 10);
  equal(rows[0].includes("1 column a second"), true);
  const threshold = rows.find((r) => r.includes("┼"))!;
  equal(threshold.trimStart().startsWith("10 ┼"), true, threshold);
  // Left of the surge the line is drawn; over the surge the bars cross it.
  equal(threshold.includes("─".repeat(20)), true, threshold);
  equal(threshold.trimEnd().endsWith("█".repeat(10)), true, threshold);
  equal(rows[rows.length - 1].includes("└"), true);
});

Deno.test("chartRows() says when the window holds no request", () => {
  const rows = chartRows(
    {
      window: { seconds: 120, hits: 0, rate: 0, start: 0, counts: [] },
      threshold: 10,
      time: undefined,
    },
    80,
    8,
  ).map((r) => rowToString(r, false));
  equal(rows.some((r) => r.includes("no requests yet")), true);
  equal(rows.some((r) => r.includes("┼")), true);
});

Deno.test("chartRows() widens the seconds of a short window to fill the screen", () => {
  const counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const rows = chartRows(
    { window: { seconds: 10, hits: 55, rate: 5.5, start: 1000, counts }, threshold: 5, time: 1009 },
    80,
    8,
  ).map((r) => rowToString(r, false));
  equal(rows[0].includes("4 columns a second"), true, rows[0]);
  const bottom = rows[rows.length - 2];
  // Ten seconds, four columns each: forty bar cells, the first second's four alike.
  const bars = bottom.slice(bottom.indexOf("│") + 1).trim();
  equal([...bars].length, 40, bottom);
  equal(new Set([...bars].slice(0, 4)).size, 1, bottom);
});

Deno.test("chartRows() puts the window's first second under its first column", () => {
  const counts = new Array(30).fill(3);
  const rows = chartRows(
    { window: { seconds: 30, hits: 90, rate: 3, start: 0, counts }, threshold: 5, time: 29 },
    50,
    6,
  ).map((r) => rowToString(r, false));
  const bars = rows[rows.length - 2];
  const axis = rows[rows.length - 1];
  const firstBar = bars.search(/[▁-█]/);
  equal(axis.indexOf(":") - 2, firstBar, `${bars}\n${axis}`);
});
