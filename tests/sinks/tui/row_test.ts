import { deepEqual, equal } from "node:assert/strict";
import {
  fitRow,
  logText,
  overlayRow,
  rowToString,
  rowWidth,
  seg,
  sliceRow,
} from "../../../src/sinks/tui/row.ts";

Deno.test("fitRow() cuts and pads to exactly the width, the padding in the last style", () => {
  const row = fitRow([seg("ALERT", "alertBanner")], 8);
  equal(rowWidth(row), 8);
  deepEqual(row[1], seg("   ", "alertBanner"));
  equal(rowToString(fitRow([seg("abc"), seg("日本語")], 6), false), "abc日 ");
});

Deno.test("sliceRow() and overlayRow() turn a cut wide character into spaces", () => {
  const base = fitRow([seg("ab日本cd")], 8);
  equal(rowToString(sliceRow(base, 3, 8), false), " 本cd");
  equal(rowToString(overlayRow(base, [seg("XY")], 3, 8), false), "ab XY cd");
});

Deno.test("logText() escapes control characters before cutting to the cell", () => {
  equal(logText("/\x1b[31mred", 20), "/\\x1b[31mred");
  equal(logText("/\x1b[31mred", 6), "/\\x1b…");
});

Deno.test("rowToString() adds colour codes only when asked", () => {
  const row = [seg("x", "alert"), seg("y")];
  equal(rowToString(row, false), "xy");
  equal(rowToString(row, true).includes("\x1b["), true);
});
