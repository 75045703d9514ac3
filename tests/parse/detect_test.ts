import { equal } from "node:assert/strict";
import { detectFormat } from "../../src/parse/mod.ts";

const clf = '127.0.0.1 - james [09/May/2018:16:00:39 +0000] "GET /report HTTP/1.0" 200 123';
const combined = clf + ' "-" "curl/8.0"';
const csv = '"10.0.0.2","-","apache",1549573860,"GET /api/user HTTP/1.0",200,1234';
const header = '"remotehost","rfc931","authuser","date","request","status","bytes"';

Deno.test("detectFormat() names the format of the first lines", () => {
  const table: Array<[string[], string | undefined]> = [
    [[clf, clf], "clf"],
    [[combined, combined], "combined"],
    [[header, csv], "csv"],
    [[header], "csv"],
    [[csv], "csv"],
    [["garbage", clf, clf, clf], "clf"],
    [["garbage", "more garbage", clf], undefined],
    [["hello", "world"], undefined],
    [[], undefined],
    [["", "  "], undefined],
  ];
  for (const [lines, expected] of table) equal(detectFormat(lines), expected, lines.join(" | "));
});
