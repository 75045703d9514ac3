import { equal } from "node:assert/strict";
import { renderProgress } from "../../src/sinks/progress_bar.ts";

Deno.test("renderProgress() shows the bar, percentage, lines, rate and time left", () => {
  const line = renderProgress(
    { bytesDone: 250, bytesTotal: 1000, lines: 1_234_567, elapsedMs: 2000 },
    100,
  );
  equal(
    line,
    "[##########..............................]  25%  1,234,567 lines  617,284 lines/s  0:06 left",
  );
});

Deno.test("renderProgress() fits a narrow terminal and ends at 100 %", () => {
  const narrow = renderProgress({ bytesDone: 1, bytesTotal: 2, lines: 10, elapsedMs: 1000 }, 40);
  equal(narrow.length <= 40, true, narrow);
  equal(narrow.startsWith(" 50%"), true, narrow);
  const done = renderProgress({ bytesDone: 9, bytesTotal: 9, lines: 10, elapsedMs: 1000 }, 80);
  equal(done.includes("100%"), true);
  equal(done.endsWith("0:00 left"), true);
});
