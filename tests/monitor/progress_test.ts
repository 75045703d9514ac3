import { deepEqual, equal } from "node:assert/strict";
import { Progress } from "../../src/monitor/progress.ts";

Deno.test("Progress redraws at most every interval and steps aside for reports", () => {
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
  p.clear();
  p.restore();
  deepEqual(writes.slice(1), ["\r\x1b[K", writes[0].slice(4)]);
  clock = 200;
  p.bytesRead(100);
  equal(writes.length, 4);
  equal(writes[3].includes(" 30%"), true, writes[3]);
  p.finish();
  p.restore(); // nothing to put back after finish
  equal(writes.at(-1), "\r\x1b[K");
});
