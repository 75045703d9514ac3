import { equal } from "node:assert/strict";
import { globProblem, isGlob, nameMatcher } from "../../src/source/glob.ts";

Deno.test("nameMatcher() matches names as a shell does", () => {
  const table: Array<[string, string, boolean]> = [
    ["*access.log", "www.access.log", true],
    ["*access.log", "access.log", true],
    ["*access.log", "access.log.1", false],
    ["*.log", ".hidden.log", false],
    ["a?.log", "ab.log", true],
    ["a?.log", "abc.log", false],
    ["[ab]*.log", "b1.log", true],
    ["[!ab]*.log", "b1.log", false],
    ["site(1).log", "site(1).log", true],
  ];
  for (const [pattern, name, matches] of table) {
    equal(nameMatcher(pattern).test(name), matches, `${pattern} ~ ${name}`);
  }
});

Deno.test("isGlob() and globProblem() look at the file name and the directory", () => {
  equal(isGlob("/var/log/nginx/*.log"), true);
  equal(isGlob("/var/log/nginx/access.log"), false);
  equal(globProblem("/var/log/nginx/*.log"), undefined);
  equal(typeof globProblem("/var/*/access.log"), "string");
});
