import { deepEqual, equal } from "node:assert/strict";
import { Progress } from "../../src/monitor/progress.ts";

Deno.test("Progress redraws at most every interval, steps aside for reports, comes back when due", () => {
  let clock = 0;
  const writes: string[] = [];
  const p = new Progress(1000, {
    write: (t) => writes.push(t),
    now: () => clock,
    columns: () => 80,
  }, 100);
  p.line();
  p.bytesRead(100); // first draw
  clock = 50;
  p.bytesRead(100); // too soon: no draw
  equal(writes.length, 1);
  equal(writes[0].startsWith("\r\x1b[K["), true);
  // Reports in a burst: the bar steps aside once, and is not drawn again between them.
  p.clear();
  p.clear();
  deepEqual(writes.slice(1), ["\r\x1b[K"]);
  clock = 200;
  p.bytesRead(100);
  equal(writes.length, 3);
  equal(writes[2].startsWith("\r\x1b[K[") && writes[2].includes(" 30%"), true, writes[2]);
  p.finish();
  equal(writes.at(-1), "\r\x1b[K");
});
