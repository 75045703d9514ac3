import { deepEqual, equal } from "node:assert/strict";
import { isPipe, readFileOnce, readPipe, readStream } from "../../src/source/mod.ts";
import { LineCollector } from "../_helpers/line_collector.ts";

async function readAll(path: string): Promise<string[]> {
  const consumer = new LineCollector();
  await readFileOnce(path, { consumer });
  return consumer.lines;
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
}

Deno.test("readFileOnce() delivers a last line that has no final newline", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a`, "one\ntwo\nthree");
    deepEqual(await readAll(`${dir}/a`), ["one", "two", "three"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readFileOnce() delivers every line of a file of many reads, in order", async () => {
  // The next read is under way while a chunk is delivered: two buffers take turns, and a line cut
  // between reads is carried across.
  const dir = await Deno.makeTempDir();
  try {
    const lines = Array.from({ length: 300_000 }, (_, i) => `line ${i} ${"x".repeat(i % 17)}`);
    await Deno.writeTextFile(`${dir}/big`, lines.join("\n") + "\n");
    const got = await readAll(`${dir}/big`);
    equal(got.length, lines.length);
    deepEqual(got, lines);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readFileOnce() stops after the read it is in when the signal aborts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/big`, "y".repeat(99) + "\n" + "z\n".repeat(3_000_000));
    const stop = new AbortController();
    const consumer = new LineCollector();
    consumer.endBatch = () => {
      consumer.batches++;
      stop.abort();
    };
    // The read already under way when it aborts is not delivered: one chunk, one batch.
    await readFileOnce(`${dir}/big`, { consumer, signal: stop.signal });
    equal(consumer.batches, 1);
    equal(consumer.bytes, 1024 * 1024);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readFileOnce() names the file and the reason when it cannot read it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    equal(
      await errorOf(readAll(`${dir}/nope`)),
      `Cannot read log file "${dir}/nope": no such file or directory`,
    );
    equal(await errorOf(readAll(dir)), `Cannot read log file "${dir}": is a directory`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "readFileOnce() reports permission denied (skipped as root, where chmod does not deny)",
  ignore: Deno.uid() === 0,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/secret`, "x\n");
      await Deno.chmod(`${dir}/secret`, 0);
      equal(
        await errorOf(readAll(`${dir}/secret`)),
        `Cannot read log file "${dir}/secret": permission denied`,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("readStream() reads a byte stream to its end, with its last partial line", async () => {
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode("a\nb"));
      c.enqueue(enc.encode("c\nd"));
      c.close();
    },
  });
  const consumer = new LineCollector();
  await readStream(stream, { consumer });
  deepEqual(consumer.lines, ["a", "bc", "d"]);
  equal(consumer.batches > 0, true);
});

Deno.test("readPipe() reads a named pipe to its writers' end, its last line without a newline too", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const pipe = `${dir}/p`;
    const made = await new Deno.Command("mkfifo", { args: [pipe] }).output();
    equal(made.code, 0);
    equal(isPipe(pipe), true);
    equal(isPipe(dir), false);
    const consumer = new LineCollector();
    const lines = consumer.lines;
    const reading = readPipe(pipe, { consumer });
    // The writer opens the pipe after the reader, writes in two pieces, and closes it.
    const writer = await Deno.open(pipe, { write: true });
    await writer.write(new TextEncoder().encode("one\ntw"));
    await writer.write(new TextEncoder().encode("o\nthree"));
    writer.close();
    await reading;
    deepEqual(lines, ["one", "two", "three"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
