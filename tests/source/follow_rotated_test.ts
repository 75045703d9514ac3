/**
 * followFile() and the files rotation takes away from it: a renamed or deleted file the server still
 * writes to until it reopens its log, and a file truncated and written again before the follower looked.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import {
  append,
  delay,
  Follower,
  inTempDir,
  numbered,
  overwrite,
  text,
  whileAsleep,
  writeAll,
} from "./_follower.ts";

Deno.test("followFile() reads a renamed-away file on, each late line once, its partial at stop", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    // Far longer than the test: the renamed file is let go only by the stop.
    const f = new Follower(log, { fromStart: true, rotateWaitMs: 60_000 });
    await append(log, "a 0\n");
    await f.waitForLines(1);
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, "new 0\n");
    await f.waitForLines(2); // the new file is followed
    await delay(300); // several polls: a rotated-away file is kept while idle for less than rotateWaitMs
    // The server has not reopened its log yet: it still writes to the renamed file.
    await append(`${log}.1`, "old 1\nold 2\n");
    await f.waitForLines(4);
    const batches = f.batches;
    await append(`${log}.1`, "old 3, unfinished");
    await f.until(() => f.batches > batches, "the unfinished line read");
    equal(f.lines.length, 4); // held: its writer may still finish it
    await f.stop();
    deepEqual(f.lines, ["a 0", "new 0", "old 1", "old 2", "old 3, unfinished"]);
    // Seen as a rename, or as a removal if the follower looked before the new file was there.
    ok(["rotated", "missing,opened"].includes(f.kinds.join()), f.kinds.join());
  }));

Deno.test("followFile() lets a renamed-away file go once idle, its partial line whole and alone", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    const f = new Follower(log, { fromStart: true, rotateWaitMs: 200 });
    await append(log, "a 0\nold, unfinished");
    await f.waitForLines(1);
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, "new 0\n");
    // Let go without a stop; with one splitter for both files it would be "old, unfinishednew 0".
    await f.waitForLines(3);
    // Let go means closed: what the renamed file gets afterwards is no longer read.
    await append(`${log}.1`, "too late\n");
    await append(log, "new 1\n");
    await f.waitForLines(4);
    await delay(300); // several polls: nothing more comes
    await f.stop();
    // The let-go may come before the new file is read, on a slow machine: the order of the two varies.
    deepEqual(f.lines.slice(0, 3).toSorted(), ["a 0", "new 0", "old, unfinished"]);
    deepEqual(f.lines.slice(3), ["new 1"]);
  }));

Deno.test("followFile() reads a deleted file its server still writes, then the new file", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    const f = new Follower(log, { fromStart: true, rotateWaitMs: 60_000 });
    const server = await Deno.open(log, { append: true });
    try {
      await writeAll(server, "a 0\n");
      await f.waitForLines(1);
      await Deno.remove(log);
      await f.waitForNotice("missing");
      await delay(300); // several polls: a deleted file is kept while idle for less than rotateWaitMs
      await writeAll(server, "after the delete\n");
      await f.waitForLines(2);
    } finally {
      server.close();
    }
    await Deno.writeTextFile(log, "new 0\n");
    await f.waitForLines(3);
    await f.stop();
    deepEqual(f.lines, ["a 0", "after the delete", "new 0"]);
    deepEqual(f.kinds, ["missing", "opened"]);
  }));

Deno.test("followFile() reads again a file truncated and regrown past its offset before it looked", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    const f = new Follower(log, { fromStart: true });
    const old = numbered("old line ", 0, 3);
    await append(log, text(old));
    await f.waitForLines(3);
    // Truncated, then written past our offset, all between two looks of the follower: what it sees
    // is the same file, no shorter, with other bytes before our offset.
    const fresh = numbered("new line ", 0, 5);
    await whileAsleep(() => overwrite(log, text(fresh)));
    await f.waitForLines(old.length + fresh.length);
    await f.stop();
    deepEqual(f.lines, [...old, ...fresh]);
    deepEqual(f.kinds, ["truncated"]);
  }));
