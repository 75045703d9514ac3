import { deepEqual } from "node:assert/strict";
import { NoticeCounter } from "../../src/sinks/notice_counter.ts";

Deno.test("NoticeCounter counts notices by kind, and goes on from a restart's saved counts", () => {
  const a = new NoticeCounter();
  a.notice({ kind: "rotated", path: "a.log" });
  a.notice({ kind: "rotated", path: "a.log" });
  a.notice({ kind: "truncated", path: "a.log" });
  const saved = JSON.parse(JSON.stringify(a.checkpoint()));
  const b = new NoticeCounter();
  b.restore(saved);
  b.notice({ kind: "rotated", path: "a.log" });
  const counts = b.counts();
  deepEqual([counts.rotated, counts.truncated, counts.oversized], [3, 1, 0]);
  // A damaged entry is not taken: nothing negative, fractional or of another type.
  const c = new NoticeCounter();
  c.restore({ rotated: -4, truncated: 1.5, oversized: "9", missing: 2 });
  c.restore(null);
  const got = c.counts();
  deepEqual([got.rotated, got.truncated, got.oversized, got.missing], [0, 0, 0, 2]);
});
