/** The path operations answer exactly as node:path's POSIX ones, on paths made of their hard parts. */
import fc from "fast-check";
import { posix } from "node:path";
import { equal } from "node:assert/strict";
import { basename, dirname, join, resolve } from "../../src/source/posix_path.ts";

// Slashes, dots and names, so that ".", "..", "//", trailing slashes and backslashes all come up.
const piece = fc.constantFrom("/", "/", ".", "..", "a", "b.log", "\\", " ", "");
const path = fc.array(piece, { maxLength: 10 }).map((p) => p.join(""));
const RUNS = { numRuns: 5000 };

Deno.test("basename and dirname answer as node:path's POSIX ones", () => {
  fc.assert(
    fc.property(path, (p) => {
      equal(basename(p), posix.basename(p), `basename(${JSON.stringify(p)})`);
      equal(dirname(p), posix.dirname(p), `dirname(${JSON.stringify(p)})`);
    }),
    RUNS,
  );
});

Deno.test("join answers as node:path's POSIX join, for one to three parts", () => {
  fc.assert(
    fc.property(fc.array(path, { minLength: 1, maxLength: 3 }), (parts) => {
      equal(join(...parts), posix.join(...parts), `join(${JSON.stringify(parts)})`);
    }),
    RUNS,
  );
});

Deno.test("resolve answers as node:path's POSIX resolve from the same directory", () => {
  fc.assert(
    fc.property(path, fc.constantFrom("/", "/srv/logs", "/srv/logs/"), (p, cwd) => {
      const expected = posix.resolve(cwd, p);
      equal(resolve(p, () => cwd), expected, `resolve(${JSON.stringify(p)}) from ${cwd}`);
    }),
    RUNS,
  );
});

Deno.test("the cases a reader checks by eye", () => {
  equal(basename("/var/log/nginx/access.log"), "access.log");
  equal(dirname("/var/log/nginx/access.log"), "/var/log/nginx");
  equal(dirname("access.log"), ".");
  equal(join("./logs", "a.log"), "logs/a.log");
  equal(join("logs", "../x", "a.log"), "x/a.log");
  equal(resolve("logs/../x", () => "/srv"), "/srv/x");
});

Deno.test("resolve does not ask for the working directory of an absolute path (it may be gone)", () => {
  const gone = () => {
    throw new Deno.errors.NotFound("the working directory was removed");
  };
  equal(resolve("/var/log/../log/nginx", gone), "/var/log/nginx");
});
