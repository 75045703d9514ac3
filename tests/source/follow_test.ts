/**
 * followFile() on real files in a temporary directory, while the test writes, rotates, truncates and
 * deletes them. Each test waits for conditions, not fixed sleeps, and checks that every line was
 * delivered exactly once and in order.
 */
import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { followFile, type SourceNotice } from "../../src/source/mod.ts";

class Follower {
  readonly lines: string[] = [];
  readonly notices: SourceNotice[] = [];
  readonly #stop = new AbortController();
  readonly #done: Promise<void>;

  constructor(path: string, fromStart = false) {
    this.#done = followFile(path, {
      fromStart,
      signal: this.#stop.signal,
      pollMs: 100,
      onLine: (l) => this.lines.push(l),
      onNotice: (n) => this.notices.push(n),
    });
  }

  async waitForLines(n: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length < n) {
      if (Date.now() > deadline) {
        throw new Error(
          `got ${this.lines.length} of ${n} lines: ${JSON.stringify(this.lines.slice(-3))}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#done;
  }
}

async function append(path: string, text: string): Promise<void> {
  await Deno.writeTextFile(path, text, { append: true });
}

function numbered(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `line ${from + i}`);
}

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "monilog-source-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("followFile() starts at the end of an existing file, or at its start with fromStart", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "old 1\nold 2\n");
    const tail = new Follower(log);
    const all = new Follower(log, true);
    await all.waitForLines(2);
    await new Promise((r) => setTimeout(r, 50));
    await append(log, "new 1\n");
    await tail.waitForLines(1);
    await all.waitForLines(3);
    await tail.stop();
    await all.stop();
    deepEqual(tail.lines, ["new 1"]);
    deepEqual(all.lines, ["old 1", "old 2", "new 1"]);
  }));

Deno.test("followFile() holds a line written in two halves and delivers it once, whole", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    // fromStart on an empty file: lines appended while the follower opens it are not skipped.
    const f = new Follower(log, true);
    await append(log, "first half, ");
    await new Promise((r) => setTimeout(r, 250));
    equal(f.lines.length, 0);
    await append(log, "second half\n");
    await f.waitForLines(1);
    await f.stop();
    deepEqual(f.lines, ["first half, second half"]);
  }));

Deno.test("followFile() waits for a file that does not exist yet, then reads it from its start", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/later.log`;
    const f = new Follower(log);
    await new Promise((r) => setTimeout(r, 100));
    await Deno.writeTextFile(log, "a\nb\n");
    await f.waitForLines(2);
    await f.stop();
    deepEqual(f.lines, ["a", "b"]);
    equal(f.notices[0].kind, "waiting");
  }));

Deno.test("followFile() survives rename-and-recreate, copy-truncate and delete-and-recreate", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    // fromStart on an empty file: lines appended while the follower opens it are not skipped.
    const f = new Follower(log, true);
    const expected: string[] = [];
    const write = async (lines: string[]) => {
      expected.push(...lines);
      await append(log, lines.map((l) => l + "\n").join(""));
    };
    await write(numbered(0, 3));
    await f.waitForLines(expected.length);
    // Rename: lines appended just before the rename are read from the old file through our descriptor.
    await write(numbered(3, 2));
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, "");
    await write(numbered(5, 2));
    await f.waitForLines(expected.length);
    // Copy-then-truncate.
    await Deno.copyFile(log, `${log}.2`);
    await Deno.truncate(log, 0);
    await write(numbered(7, 2));
    await f.waitForLines(expected.length);
    // Delete, then re-create.
    await Deno.remove(log);
    await new Promise((r) => setTimeout(r, 150));
    await write(numbered(9, 2));
    await f.waitForLines(expected.length);
    await f.stop();
    deepEqual(f.lines, expected);
    const kinds = f.notices.map((n) => n.kind);
    equal(kinds.includes("rotated"), true, kinds.join());
    equal(kinds.includes("truncated"), true, kinds.join());
    equal(kinds.includes("missing"), true, kinds.join());
  }));

Deno.test("followFile() reads what is already written when it is stopped", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    // fromStart on an empty file: lines appended while the follower opens it are not skipped.
    const f = new Follower(log, true);
    await new Promise((r) => setTimeout(r, 50));
    await append(log, "x\ny\n");
    await f.stop(); // no waiting: the last read must still see both lines
    deepEqual(f.lines, ["x", "y"]);
  }));

Deno.test("followFile() refuses a directory at once with the path and the reason", () =>
  inTempDir(async (dir) => {
    let message = "";
    try {
      await followFile(dir, { signal: new AbortController().signal, onLine: () => {} });
    } catch (err) {
      message = (err as Error).message;
    }
    equal(message, `Cannot read log file "${dir}": is a directory`);
  }));

type Step = "append" | "partial" | "rename" | "copytruncate" | "recreate";

Deno.test({
  name: "followFile() delivers what a model of the file says, for random rotation sequences",
  async fn() {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom<Step>(
            "append",
            "append",
            "partial",
            "rename",
            "copytruncate",
            "recreate",
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (steps) =>
          inTempDir(async (dir) => {
            const log = `${dir}/m.log`;
            await Deno.writeTextFile(log, "");
            const f = new Follower(log, true);
            const model: string[] = [];
            let n = 0;
            let partial = "";
            for (const step of steps) {
              if (step === "partial") {
                // Half a line now; the next append completes it.
                const piece = `P${n++}-`;
                await append(log, piece);
                partial += piece;
                continue;
              }
              if (step === "append") {
                const tail = `L${n++}`;
                await append(log, tail + "\n");
                model.push(partial + tail);
                partial = "";
              } else if (partial === "") {
                // Rotations happen between whole lines, as a logging server writes them.
                if (step === "rename") {
                  await Deno.rename(log, `${log}.${n}`);
                  await Deno.writeTextFile(log, "");
                } else if (step === "copytruncate") {
                  await Deno.copyFile(log, `${log}.${n}`);
                  await Deno.truncate(log, 0);
                } else {
                  await Deno.remove(log);
                  await Deno.writeTextFile(log, "");
                }
              }
              await f.waitForLines(model.length);
            }
            if (partial !== "") {
              await append(log, `L${n}\n`);
              model.push(`${partial}L${n}`);
            }
            await f.waitForLines(model.length);
            await f.stop();
            deepEqual(f.lines, model);
          }),
      ),
      { numRuns: 20 },
    );
  },
});
