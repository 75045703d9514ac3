import { equal } from "node:assert/strict";
import { pathOf, sectionOf } from "../../src/parse/mod.ts";

Deno.test("sectionOf() keeps the path up to, not including, its second slash", () => {
  const table: Array<[string, string]> = [
    ["/pages/create", "/pages"],
    ["/report", "/report"],
    ["/", "/"],
    ["/api/user/42", "/api"],
    ["//double", "/"],
    ["/trailing/", "/trailing"],
  ];
  for (const [path, section] of table) equal(sectionOf(path), section, path);
});

Deno.test("pathOf() drops the query, the fragment and an absolute URL's scheme and host", () => {
  const table: Array<[string, string]> = [
    ["/pages/create", "/pages/create"],
    ["/search?q=a/b", "/search"],
    ["/a/b#frag", "/a/b"],
    ["http://my.site.com/pages/create", "/pages/create"],
    ["https://host:8443/x?y=1", "/x"],
    ["http://host", "/"],
    // Not a path: counted under a section of its own.
    ["*", "(no path)"],
    ["host:443", "(no path)"],
    ["", "(no path)"],
  ];
  for (const [target, path] of table) equal(pathOf(target), path, target);
});
