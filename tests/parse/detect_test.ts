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

Deno.test("detectFormat() tells Apache's vhost formats from Common and Combined", () => {
  const stamp = "[10/Oct/2000:13:55:36 -0700]";
  const common = (v: string) => `${v} 10.0.0.1 - frank ${stamp} "GET /a HTTP/1.0" 200 2326`;
  const combined = (v: string) => `${common(v)} "http://ref/" "Mozilla/5.0"`;
  const table: Array<[string[], string]> = [
    [[combined("www.example.com:443"), combined("api.example.com:80")], "vhost_combined"],
    [[common("www.example.com:443"), common("www.example.com:443")], "vhost_common"],
    // Without the port (%v alone), the client address in the second field tells.
    [[combined("www.example.com"), combined("www.example.com")], "vhost_combined"],
    [[combined("2001:db8::1").replace("10.0.0.1", "2001:db8::2")], "vhost_combined"],
    // Plain Combined: three fields before the time, even with a user name.
    [[`10.0.0.1 - frank ${stamp} "GET /a HTTP/1.0" 200 2326 "-" "UA"`], "combined"],
  ];
  for (const [lines, format] of table) equal(detectFormat(lines), format, lines[0]);
});
