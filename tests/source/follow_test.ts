/**
 * followFile() on real files in a temporary directory, while the test writes, rotates, truncates and
 * deletes them. Each test waits for conditions, not fixed sleeps, and checks that every line was
 * delivered exactly once and in order. Rotated-away files: follow_rotated_test.ts.
 */
import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { followFile } from "../../src/source/mod.ts";
import { LineCollector } from "../_helpers/line_collector.ts";
import {
  append,
  clock,
  delay,
  errorOf,
  Follower,
  inTempDir,
  numbered,
  overwrite,
  startedAtEnd,
  text,
  whileAsleep,
} from "./_follower.ts";

Deno.test("followFile() starts at the end of an existing file, or at its start with fromStart", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "old 1\nold 2\n");
    // "new 1" is written after the tail follower took its starting point.
    const tail = await startedAtEnd(() => new Follower(log));
    const all = new Follower(log, { fromStart: true });
    await all.waitForLines(2);
    await append(log, "new 1\n");
    await tail.waitForLines(1);
    await all.waitForLines(3);
    await tail.stop();
    await all.stop();
    deepEqual(tail.lines, ["new 1"]);
    deepEqual(all.lines, ["old 1", "old 2", "new 1"]);
  }));

Deno.test("followFile() skips the rest of a half-written last line when it starts at the end", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "whole\nhalf wri");
    const f = await startedAtEnd(() => new Follower(log));
    // "tten" alone would be a broken line: it is dropped, and everything after it delivered.
    await append(log, "tten\nnext 1\n");
    await f.waitForLines(1);
    await append(log, "next 2\n");
    await f.waitForLines(2);
    await f.stop();
    deepEqual(f.lines, ["next 1", "next 2"]);
  }));

Deno.test("followFile() holds a line written in two halves and delivers it once, whole", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    // fromStart on an empty file: lines appended while the follower opens it are not skipped.
    const f = new Follower(log, { fromStart: true });
    await append(log, "first half, ");
    await f.until(() => f.batches > 0, "the first half read");
    await delay(250); // several polls: the half stays held
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
    await f.waitForNotice("waiting");
    await Deno.writeTextFile(log, "a\nb\n");
    await f.waitForLines(2);
    await f.stop();
    deepEqual(f.lines, ["a", "b"]);
    deepEqual(f.kinds, ["waiting", "opened"]);
  }));

Deno.test("followFile() survives rename-and-recreate, copy-truncate and delete-and-recreate", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    // fromStart on an empty file: lines appended while the follower opens it are not skipped.
    const f = new Follower(log, { fromStart: true });
    const expected: string[] = [];
    const write = async (lines: string[]) => {
      expected.push(...lines);
      await append(log, text(lines));
    };
    await write(numbered("line ", 0, 3));
    await f.waitForLines(expected.length);
    // Rename: lines appended just before the rename are read from the old file through our descriptor.
    await write(numbered("line ", 3, 2));
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, "");
    await write(numbered("line ", 5, 2));
    await f.waitForLines(expected.length);
    // Copy-then-truncate.
    await Deno.copyFile(log, `${log}.2`);
    await Deno.truncate(log, 0);
    await write(numbered("line ", 7, 2));
    await f.waitForLines(expected.length);
    // Delete, seen as such, then re-create.
    await Deno.remove(log);
    await f.waitForNotice("missing");
    await write(numbered("line ", 9, 2));
    await f.waitForLines(expected.length);
    await f.stop();
    deepEqual(f.lines, expected);
    for (const kind of ["rotated", "truncated", "missing", "opened"]) {
      equal(f.kinds.includes(kind), true, f.kinds.join());
    }
  }));

Deno.test("followFile() reads what is already written when it is stopped", () =>
  inTempDir(async (dir) => {
    // The path is a link into another directory, which the watch does not see, and the poll is slow:
    // "y" is written while the follower sleeps, and only the last read at stop can find it.
    const real = `${dir}/real/a.log`;
    const log = `${dir}/a.log`;
    await Deno.mkdir(`${dir}/real`);
    await Deno.writeTextFile(real, "x\n");
    await Deno.symlink(real, log);
    const f = new Follower(log, { fromStart: true, pollMs: 60_000 });
    await f.waitForLines(1);
    await whileAsleep(() => append(real, "y\n"));
    await f.stop(); // no waiting: the last read must still see "y"
    deepEqual(f.lines, ["x", "y"]);
  }));

Deno.test("followFile() refuses a directory at once with the path and the reason", () =>
  inTempDir(async (dir) => {
    const message = await errorOf(
      followFile(dir, {
        signal: new AbortController().signal,
        clock,
        consumer: new LineCollector(),
      }),
    );
    equal(message, `Cannot read log file "${dir}": is a directory`);
  }));

type Step =
  | "append"
  | "partial"
  | "rename"
  | "copytruncate"
  | "rewrite"
  | "recreate"
  | "delete"
  | "append-old";

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
            "rewrite",
            "recreate",
            "delete",
            "append-old",
          ),
          { minLength: 1, maxLength: 10 },
        ),
        (steps) => inTempDir((dir) => runModel(`${dir}/m.log`, steps)),
      ),
      { numRuns: 25 },
    );
  },
});

/**
 * Plays `steps` on the file at `log` while following it, and checks the lines against a model: every
 * line written, once, in the order written. Each step waits for its lines, which makes that order the
 * order of delivery (the lines of a renamed-away file arrive after the new file's that came first).
 */
async function runModel(log: string, steps: Step[]): Promise<void> {
  await Deno.writeTextFile(log, "");
  // Rotated-away files are read until stop, whatever the test's pace: "append-old" can reach them.
  const f = new Follower(log, { fromStart: true, rotateWaitMs: 60_000 });
  const model: string[] = [];
  let n = 0;
  let rotations = 0;
  let truncations = 0;
  let partial = ""; // of the file at the path
  let exists = true;
  // The file at the path gave a line, so the follower holds it: it can follow it when renamed away.
  // (A file renamed away before the follower looked at the path is out of its reach.)
  let seen = false;
  let renamed: string | undefined; // the file last renamed away, which its server still writes
  for (const step of steps) {
    if (step === "partial") {
      // Half a line now; the next append completes it.
      const piece = `P${n++}-`;
      await append(log, piece);
      partial += piece;
      exists = true;
      continue;
    }
    if (step === "append") {
      const tail = `L${n++}`;
      await append(log, tail + "\n");
      model.push(partial + tail);
      partial = "";
      exists = seen = true;
    } else if (step === "append-old") {
      // Between the rename and its reopen signal, the server writes to the renamed file; a whole line,
      // which must not meet the partial line of the file at the path.
      if (renamed === undefined) continue;
      const line = `O${n++}`;
      await append(renamed, line + "\n");
      model.push(line);
    } else if (partial === "") {
      // Rotations happen between whole lines, as a logging server writes them.
      if (step === "recreate") {
        if (exists) await Deno.remove(log);
        await Deno.writeTextFile(log, "");
        exists = true;
        seen = false;
      } else if (exists) {
        // A name of its own: a copy onto a renamed-away file would rewrite a file being read.
        const away = `${log}.${rotations++}`;
        if (step === "rename") {
          await Deno.rename(log, away);
          await Deno.writeTextFile(log, "");
          renamed = seen ? away : undefined;
          seen = false;
        } else if (step === "copytruncate" || step === "rewrite") {
          await Deno.copyFile(log, away);
          const size = (await Deno.stat(log)).size;
          if (step === "copytruncate") await Deno.truncate(log, 0);
          else {
            // Truncated, then more written than the file held, all before the follower looks: lines
            // whose bytes are not those before the follower's offset, written in place.
            const lines: string[] = [];
            while (text(lines).length <= size) lines.push(`R${n++}`);
            await whileAsleep(() => overwrite(log, text(lines)));
            model.push(...lines);
            seen = true;
          }
          // Seen before the next step: a file truncated, then renamed before the follower looked, is
          // out of the follower's reach (it does not look for truncation in a renamed-away file).
          if (size > 0) await f.waitForNotice("truncated", ++truncations);
        } else {
          await Deno.remove(log); // the next append creates it again
          exists = seen = false;
        }
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
}
