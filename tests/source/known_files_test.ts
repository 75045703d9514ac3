import { deepEqual, equal } from "node:assert/strict";
import { KNOWN_HEAD_BYTES, KnownFiles } from "../../src/source/known_files.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

Deno.test("KnownFiles knows a file by its inode and first bytes, not its inode alone", () => {
  const known = new KnownFiles();
  known.add(1, 42, bytes("10.0.0.1 - - [01/Dec/2026"));
  equal(known.has(1, 42, bytes("10.0.0.1 - - [01/Dec/2026:00:00:01 +0000] more")), true);
  // The inode reused by a new file: other first bytes, so news.
  equal(known.has(1, 42, bytes("10.9.9.9 - - [02/Dec/2026:00:00:01 +0000]")), false);
  equal(known.has(2, 42, bytes("10.0.0.1 - - [01/Dec/2026")), false, "another device");
  equal(known.has(1, 43, bytes("10.0.0.1 - - [01/Dec/2026")), false, "another inode");
});

Deno.test("KnownFiles keeps only the first bytes, and a file known while short matches once grown", () => {
  const known = new KnownFiles();
  const long = "x".repeat(KNOWN_HEAD_BYTES * 3);
  known.add(1, 1, bytes(long));
  equal(known.list()[0].head.length < long.length, true);
  equal(known.has(1, 1, bytes(long.slice(0, KNOWN_HEAD_BYTES))), true);
  known.add(1, 2, new Uint8Array(0));
  equal(known.has(1, 2, bytes("anything")), true, "known while empty");
  known.add(1, 3, bytes("abc"));
  equal(known.has(1, 3, bytes("ab")), false, "shorter than what it held: not the same file");
});

Deno.test("KnownFiles goes into the state and comes back the same", () => {
  const known = new KnownFiles();
  known.add(7, 100, bytes("first file"));
  known.add(7, 101, new Uint8Array(0));
  known.add(7, 100, bytes("first file, again")); // known again: moves to the end
  const again = KnownFiles.from(JSON.parse(JSON.stringify(known.list())));
  deepEqual(again.list(), known.list());
  deepEqual(again.list().map((s) => s.ino), [101, 100]);
  equal(again.has(7, 100, bytes("first file, again and more")), true);
});

Deno.test("KnownFiles forgets the oldest beyond its bound, so the state stays small", () => {
  const known = new KnownFiles();
  for (let i = 0; i < 5000; i++) known.add(1, i, bytes(`file ${i}`));
  const list = known.list();
  equal(list.length, 1024);
  equal(list[0].ino, 5000 - 1024);
  equal(known.has(1, 0, bytes("file 0")), false);
  equal(known.has(1, 4999, bytes("file 4999")), true);
});
