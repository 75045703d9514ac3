/** followFile() going on where an earlier run stopped (the follower's part of `--state`). */
import { deepEqual, equal } from "node:assert/strict";
import { followFile } from "../../src/source/mod.ts";
import type {
  FollowSnapshot,
  PositionSource,
  SavedFollow,
} from "../../src/source/file_position.ts";
import { append, clock, Follower, inTempDir, numbered, text } from "./_follower.ts";

/** Follows `log` until `n` lines came, then stops; returns the lines and the last positions. */
async function runUntil(log: string, n: number, last?: FollowSnapshot) {
  const resume: SavedFollow | undefined = last && { ...last, savedAt: Date.now() };
  let source: PositionSource | undefined;
  const f = new Follower(log, {
    fromStart: resume === undefined,
    resume,
    onStart: (s) => source = s,
  });
  await f.waitForLines(n);
  const snapshot = source!.snapshot();
  await f.stop();
  return { lines: f.lines, snapshot, positions: snapshot.positions };
}

Deno.test("followFile() resumes after the last complete line it read, not before nor after", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, text(numbered("one ", 0, 5)) + "half");
    const first = await runUntil(log, 5);
    deepEqual(first.lines, numbered("one ", 0, 5));
    // While it was stopped: the half line is finished, and more come.
    await append(log, " done\n" + text(numbered("two ", 0, 3)));
    const second = await runUntil(log, 4, first.snapshot);
    deepEqual(second.lines, ["half done", ...numbered("two ", 0, 3)]);
  }));

Deno.test("followFile() resumed finishes the file rotated while it was stopped, then reads the new one", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, text(numbered("old ", 0, 3)));
    const first = await runUntil(log, 3);
    await append(log, text(numbered("old ", 3, 2)));
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, text(numbered("new ", 0, 2)));
    const second = await runUntil(log, 4, first.snapshot);
    deepEqual(second.lines, [...numbered("old ", 3, 2), ...numbered("new ", 0, 2)]);
  }));

Deno.test("followFile() resumed takes a new file in the old one's place for new, by its first bytes", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, text(numbered("old ", 0, 3)));
    const first = await runUntil(log, 3);
    // Replaced in place (the inode may well be reused): other first bytes, so read from its start.
    await Deno.remove(log);
    await Deno.writeTextFile(log, text(numbered("fresh ", 0, 4)));
    const second = await runUntil(log, 4, first.snapshot);
    deepEqual(second.lines, numbered("fresh ", 0, 4));
  }));

Deno.test("followFile() resumed reads whole a file rotated in and out since the save, however old", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, text(numbered("old ", 0, 3)));
    const first = await runUntil(log, 3);
    // While it was stopped: the log rotated, a file lived at the path and rotated away too — with a
    // modification time from before the save (a copy that kept its time; a clock put back).
    await Deno.rename(log, `${log}.2`);
    await Deno.writeTextFile(`${log}.1`, text(numbered("brief ", 0, 2)));
    const anHourAgo = new Date(Date.now() - 3600_000);
    await Deno.utime(`${log}.1`, anHourAgo, anHourAgo);
    await Deno.writeTextFile(log, text(numbered("new ", 0, 2)));
    const second = await runUntil(log, 4, first.snapshot);
    deepEqual(second.lines, [...numbered("brief ", 0, 2), ...numbered("new ", 0, 2)]);
  }));

Deno.test("followFile() resumed does not read again a rotated file the last run counted, however new", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, text(numbered("one ", 0, 2)));
    let source: PositionSource | undefined;
    const f = new Follower(log, { fromStart: true, onStart: (s) => source = s });
    await f.waitForLines(2);
    await Deno.rename(log, `${log}.1`);
    await Deno.writeTextFile(log, text(numbered("two ", 0, 2)));
    await f.waitForLines(4);
    await f.until(() => source!.snapshot().positions.length === 1, "the rotated file let go");
    const snapshot = source!.snapshot();
    await f.stop();
    const aMinuteAhead = new Date(Date.now() + 60_000);
    await Deno.utime(`${log}.1`, aMinuteAhead, aMinuteAhead);
    await append(log, text(numbered("three ", 0, 1)));
    const second = await runUntil(log, 1, snapshot);
    deepEqual(second.lines, numbered("three ", 0, 1));
  }));

Deno.test("followFile() says where it starts before it delivers a line", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, text(numbered("line ", 0, 3)));
    const linesWhenPositioned: number[] = [];
    let source: PositionSource | undefined;
    const f: Follower = new Follower(log, {
      fromStart: true,
      onStart: (s) => source = s,
      onPositioned: () => {
        linesWhenPositioned.push(f.lines.length);
        equal(source!.consistent, true);
        deepEqual(source!.snapshot().positions.map((p) => p.offset), [0]);
      },
    });
    await f.waitForLines(3);
    await f.stop();
    deepEqual(linesWhenPositioned, [0]);
  }));

Deno.test("followFile() hands out positions through onStart", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "x\n");
    let got: PositionSource | undefined;
    const stop = new AbortController();
    stop.abort();
    await followFile(log, {
      consumer: { line() {}, endBatch() {}, notice() {}, bytesRead() {} },
      signal: stop.signal,
      clock,
      onStart: (s) => got = s,
    });
    equal(got !== undefined, true);
  }));
