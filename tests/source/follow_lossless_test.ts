/**
 * followFile() where tail -F loses lines: copy-then-truncate of lines it had not read yet, a file that
 * sat at the path only between two looks, and a stop while much is left to read.
 */
import { deepEqual, equal } from "node:assert/strict";
import { append, Follower, inTempDir, numbered, text, whileAsleep } from "./_follower.ts";
import { isRotatedName } from "../../src/source/rotated_copy.ts";

Deno.test("followFile() reads from the copy the lines a copy-then-truncate took before it read them", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    const f = new Follower(log, { fromStart: true });
    await append(log, text(numbered("old ", 0, 3)));
    await f.waitForLines(3);
    // While the follower sleeps: more lines, then logrotate's copy and truncate, then new lines.
    await whileAsleep(async () => {
      await append(log, text(numbered("old ", 3, 4)) + "half of a li");
      await Deno.copyFile(log, `${log}.1`);
      await Deno.truncate(log, 0);
      await append(log, text(numbered("new ", 0, 2)));
    });
    await f.waitForLines(3 + 4 + 1 + 2);
    await f.stop();
    deepEqual(f.lines, [
      ...numbered("old ", 0, 7),
      "half of a li", // the copy ends there: the rest was never written to it
      ...numbered("new ", 0, 2),
    ]);
    equal(
      f.notices.find((n) => n.kind === "truncated")?.detail,
      `read the rest of the copy "${log}.1" first`,
    );
  }));

Deno.test("followFile() reads whole a file that was at the path only between two looks", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    const f = new Follower(log, { fromStart: true });
    await append(log, text(["first"]));
    await f.waitForLines(1);
    // Rotated twice while the follower sleeps: the middle file is never at the path when it looks.
    await whileAsleep(async () => {
      await Deno.rename(log, `${log}.2`);
      await Deno.writeTextFile(log, text(numbered("brief ", 0, 50)));
      await Deno.rename(log, `${log}.1`);
      await Deno.writeTextFile(log, text(["last"]));
    });
    await f.waitForLines(1 + 50 + 1);
    await f.stop();
    deepEqual(f.lines, ["first", ...numbered("brief ", 0, 50), "last"]);
  }));

Deno.test("followFile() stopped and halted reads no further", () =>
  inTempDir(async (dir) => {
    const log = `${dir}/a.log`;
    await Deno.writeTextFile(log, "");
    const halt = new AbortController();
    const f = new Follower(log, { fromStart: true, halt: halt.signal });
    await append(log, text(["one"]));
    await f.waitForLines(1);
    await whileAsleep(() => append(log, text(numbered("later ", 0, 1000))));
    halt.abort();
    await f.stop();
    deepEqual(f.lines, ["one"]);
  }));

Deno.test("isRotatedName() knows logrotate's names and leaves compressed copies out", () => {
  const table: Array<[string, boolean]> = [
    ["access.log.1", true],
    ["access.log-20261201", true],
    ["access.log.2026-12-01", true],
    ["access.log_1", true],
    ["access.log.1.gz", false],
    ["access.log-20261201.xz", false],
    ["access.log", false],
    ["access.logger", false],
    ["other.log.1", false],
  ];
  for (const [name, rotated] of table) equal(isRotatedName("access.log", name), rotated, name);
});
