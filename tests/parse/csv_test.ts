import { deepEqual, equal } from "node:assert/strict";
import { parserFor, SKIP } from "../../src/parse/mod.ts";
import { newRecord } from "../../src/record.ts";

Deno.test("parserFor('csv') reads the exercise CSV and skips its header", () => {
  const parse = parserFor("csv");
  const r = newRecord();
  equal(parse('"remotehost","rfc931","authuser","date","request","status","bytes"', r), SKIP);
  equal(parse('"10.0.0.2","-","apache",1549573860,"GET /api/user HTTP/1.0",200,1234', r), null);
  deepEqual({ ...r }, {
    time: 1549573860,
    host: "10.0.0.2",
    vhost: "",
    file: "",
    user: "apache",
    method: "GET",
    path: "/api/user",
    section: "/api",
    status: 200,
    bytes: 1234,
    duration: NaN,
    // Text parsers give no key ids: the engine counts their records by string.
    hostId: -1,
    methodId: -1,
    sectionId: -1,
  });
});

Deno.test("parserFor('csv') accepts quoted numbers, doubled quotes and a dash for bytes", () => {
  const parse = parserFor("csv");
  const r = newRecord();
  equal(parse('"h","-","u","1549573860","POST /a/""b"" HTTP/1.1","404","-"', r), null);
  deepEqual([r.method, r.path, r.status, r.bytes], ["POST", '/a/"b"', 404, 0]);
});

Deno.test("parserFor('csv') gives a reason for a bad line", () => {
  const parse = parserFor("csv");
  const r = newRecord();
  const table: Array<[string, string | typeof SKIP]> = [
    ["", SKIP],
    ['"h","-","u",abc,"GET / HTTP/1.0",200,1', "bad timestamp"],
    ['"h","-","u",1,"GET / HTTP/1.0",20,1', "bad status"],
    ['"h","-","u",1,"GET / HTTP/1.0",200,x', "bad bytes"],
    ['"h","-","u",1,"GET / HTTP/1.0",200', "wrong field count"],
    ['"h","-","u",1,"GET / HTTP/1.0,200,1', "bad quoting"],
    ["\t", SKIP],
  ];
  for (const [line, reason] of table) equal(parse(line, r), reason, line);
});
