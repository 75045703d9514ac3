import { deepEqual, equal } from "node:assert/strict";
import { planRegions, replayFile, workersPay } from "../../src/replay/replay_file.ts";
import { RowCollector } from "../_helpers/line_collector.ts";

/** `count` Common lines, each from a client never seen before. */
function distinctClients(count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) {
    text += `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} - - ` +
      `[01/Jan/2026:00:00:${String(i % 60).padStart(2, "0")} +0000] "GET /a HTTP/1.1" 200 1\n`;
  }
  return text;
}

async function withLog(text: string, fn: (path: string) => Promise<void>) {
  const path = await Deno.makeTempFile({ prefix: "monilog-replay-" });
  try {
    await Deno.writeTextFile(path, text);
    await fn(path);
  } finally {
    await Deno.remove(path);
  }
}

/** Replays `path`, counting what arrives as lines (one pass) and as rows of batches (workers). */
async function counted(path: string, chunkBytes: number, dictionaryLimit?: number) {
  const consumer = new RowCollector({ spec: { format: "clf", dictionaryLimit } });
  await replayFile(path, { consumer, jobs: 2, chunkBytes });
  return {
    lines: consumer.lines.length,
    rows: consumer.rowsSeen,
    batches: consumer.batchesOfRows.length,
    bytes: consumer.bytes,
  };
}

Deno.test("replayFile() hands regions after the first to workers, every line once", () =>
  withLog(distinctClients(3000), async (path) => {
    const size = (await Deno.stat(path)).size;
    const seen = await counted(path, 8192);
    equal(seen.lines + seen.rows, 3000);
    equal(seen.batches, Math.ceil(size / 8192) - 1);
    equal(seen.bytes, size);
  }));

Deno.test("replayFile() goes on in one pass once values overflow the workers' dictionaries", () =>
  withLog(distinctClients(3000), async (path) => {
    const size = (await Deno.stat(path)).size;
    // Dictionaries of 50 values: the first worker batch already carries most values unkept.
    const seen = await counted(path, 8192, 50);
    equal(seen.lines + seen.rows, 3000);
    deepEqual([seen.batches, seen.bytes], [1, size]);
  }));

Deno.test("replayFile() reads a small file, or with one job, in one pass", () =>
  withLog(distinctClients(100), async (path) => {
    const seen = await counted(path, 1 << 20);
    deepEqual([seen.lines, seen.batches], [100, 0]);
  }));

Deno.test("planRegions() sizes later regions by rows, between 256 KiB and the first region's size", () => {
  const MiB = 1024 * 1024;
  // Combined, ~190 bytes a line: 32,768 lines is ~6 MB.
  const combined = planRegions(100 * MiB, 8 * MiB, 190);
  equal(combined.from(1), 8 * MiB);
  equal(combined.to(1) - combined.from(1), 190 * 32_768);
  equal(combined.count, 1 + Math.ceil((92 * MiB) / (190 * 32_768)));
  equal(combined.to(combined.count - 1), Infinity);
  equal(combined.from(2), combined.to(1));
  // Short lines make smaller regions, though never below 256 KiB; long ones are capped by the first.
  equal(planRegions(100 * MiB, 8 * MiB, 2).to(1) - 8 * MiB, 256 * 1024);
  equal(planRegions(100 * MiB, 8 * MiB, 10_000).to(1) - 8 * MiB, 8 * MiB);
  // A file that fits in the first region has no other.
  equal(planRegions(5 * MiB, 8 * MiB, 100).count, 1);
});

Deno.test("workersPay() says yes only when the rest of the file saves more than the workers' start", () => {
  // A Combined line, ~0.81 µs in the first region's second half: one pass at 1M lines, workers at 3M.
  equal(workersPay(100_000, 0.00081), false);
  equal(workersPay(950_000, 0.00081), false);
  equal(workersPay(2_950_000, 0.00081), true);
  // Common's shorter lines, ~0.49 µs: one pass at 2M lines, workers at 10M.
  equal(workersPay(1_900_000, 0.00049), false);
  equal(workersPay(9_900_000, 0.00049), true);
  // A costlier line pays sooner: JSON lines, ~2.44 µs, at a million.
  equal(workersPay(950_000, 0.00244), true);
});

Deno.test("workersPay() asks more of a machine whose own start was slower than the reference's", () => {
  // Combined at three times the reference's cost a line, in a process three times as slow to load (120 ms):
  // one pass at 1M lines (workers took 1.6x its time there), workers from about 2.6M lines.
  equal(workersPay(950_000, 0.0018), true, "unscaled, the start looks cheap");
  equal(workersPay(950_000, 0.0018, 120), false);
  equal(workersPay(2_400_000, 0.0018, 120), false);
  equal(workersPay(2_800_000, 0.0018, 120), true);
  // JSON lines still take workers at a million there.
  equal(workersPay(950_000, 0.0054, 120), true);
  // A start as quick as the reference's, or quicker, keeps the measured cost: lines that cost more
  // (the elastic sample's, ~1.7 µs) are not taken for a slow machine.
  equal(workersPay(968_000, 0.0017, 25), true);
  equal(workersPay(968_000, 0.0017, 30), workersPay(968_000, 0.0017));
  // A load slowed by something else (`deno run --check`: 1.7 s) counts as the slowest machine seen.
  equal(workersPay(10_000_000, 0.0006, 1700), workersPay(10_000_000, 0.0006, 120));
  equal(workersPay(10_000_000, 0.0006, 1700), true);
});
