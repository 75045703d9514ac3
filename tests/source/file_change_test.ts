import { equal } from "node:assert/strict";
import { type FileChange, fileChange, type PathStat } from "../../src/source/file_change.ts";

Deno.test("fileChange() tells growth, truncation, replacement and removal apart", () => {
  const open = { dev: 1, ino: 100, offset: 500 };
  const table: Array<[PathStat | undefined, FileChange]> = [
    [{ dev: 1, ino: 100, size: 500 }, "unchanged"],
    [{ dev: 1, ino: 100, size: 800 }, "grown"],
    [{ dev: 1, ino: 100, size: 10 }, "truncated"],
    [{ dev: 1, ino: 100, size: 0 }, "truncated"],
    [{ dev: 1, ino: 101, size: 800 }, "replaced"], // rename-and-recreate
    [{ dev: 1, ino: 101, size: 0 }, "replaced"],
    [{ dev: 2, ino: 100, size: 500 }, "replaced"], // same inode number on another device
    [undefined, "missing"],
  ];
  for (const [stat, expected] of table) {
    equal(fileChange(open, stat), expected, JSON.stringify(stat));
  }
});

Deno.test("fileChange() sees a truncated file that regrew past the offset by its changed content", () => {
  const open = { dev: 1, ino: 100, offset: 500 };
  equal(fileChange(open, { dev: 1, ino: 100, size: 500 }, false), "truncated");
  equal(fileChange(open, { dev: 1, ino: 100, size: 900 }, false), "truncated");
  equal(fileChange(open, { dev: 1, ino: 100, size: 900 }, true), "grown");
  // A new file is a new file, whatever its content.
  equal(fileChange(open, { dev: 1, ino: 7, size: 900 }, false), "replaced");
});

Deno.test("fileChange() sees a file truncated before anything was read from it, by its first bytes", () => {
  // Opened holding 300 bytes (its first bytes read then), nothing read on yet: offset 0.
  const open = { dev: 1, ino: 100, offset: 0, seen: 300 };
  equal(fileChange(open, { dev: 1, ino: 100, size: 0 }), "truncated", "copied and emptied");
  equal(fileChange(open, { dev: 1, ino: 100, size: 120 }), "truncated", "and a little written");
  equal(fileChange(open, { dev: 1, ino: 100, size: 300 }), "grown");
  equal(fileChange(open, { dev: 1, ino: 100, size: 900 }), "grown");
  equal(
    fileChange({ ...open, seen: 0 }, { dev: 1, ino: 100, size: 0 }),
    "unchanged",
    "nothing known",
  );
});
