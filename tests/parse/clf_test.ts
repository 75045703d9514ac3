import { deepEqual, equal } from "node:assert/strict";
import { parserFor, SKIP } from "../../src/parse/mod.ts";
import { type LogRecord, newRecord } from "../../src/record.ts";

function parse(line: string): LogRecord | string | typeof SKIP {
  const r = newRecord();
  const status = parserFor("combined")(line, r);
  return status === null ? { ...r } : status;
}

Deno.test("parserFor('clf') reads every field of a Common line", () => {
  deepEqual(
    parse('127.0.0.1 - james [09/May/2018:16:00:39 +0000] "GET /report HTTP/1.0" 200 123'),
    {
      time: 1525881639,
      host: "127.0.0.1",
      vhost: "",
      file: "",
      user: "james",
      method: "GET",
      path: "/report",
      section: "/report",
      status: 200,
      bytes: 123,
      duration: NaN,
      // Text parsers give no key ids: the engine counts their records by string.
      hostId: -1,
      methodId: -1,
      sectionId: -1,
    },
  );
});

Deno.test("parserFor('combined') accepts what real servers write", () => {
  const table: Array<[string, Partial<LogRecord>]> = [
    // Combined with referer and user-agent.
    [
      '10.0.0.1 - - [20/Jul/2009:22:59:26 +0000] "GET /vmw/cgi/tramp HTTP/1.0" 200 134 "-" "gPXE/0.9.7"',
      { section: "/vmw", bytes: 134, user: "-" },
    ],
    // Bytes "-" count as 0.
    ['h - - [20/Jul/2009:22:59:26 +0000] "GET /a/b HTTP/1.1" 304 -', { bytes: 0, status: 304 }],
    // Request "-" with status 400 (lnav .1).
    [
      '10.112.81.15 - - [15/Feb/2013:06:00:31 +0000] "-" 400 0 "-" "-"',
      { method: "-", path: "(no path)", section: "(no path)", status: 400 },
    ],
    // OPTIONS * and CONNECT name no path: a section of their own, not "/".
    [
      'h - - [15/Feb/2013:06:00:31 +0000] "OPTIONS * HTTP/1.1" 200 0',
      { method: "OPTIONS", section: "(no path)" },
    ],
    [
      'h - - [15/Feb/2013:06:00:31 +0000] "CONNECT example.com:443 HTTP/1.1" 200 0',
      { method: "CONNECT", section: "(no path)" },
    ],
    // Absolute URL and query string.
    [
      'h u-id frank [10/Oct/2000:13:55:36 -0700] "GET http://my.site.com/pages/create?x=1 HTTP/1.0" 200 2326',
      { path: "/pages/create", section: "/pages", user: "frank", time: 971211336 },
    ],
    // HTTP/0.9 request line without protocol.
    ['h - - [10/Oct/2000:13:55:36 -0700] "GET /old/page" 200 5', { path: "/old/page" }],
    // An escaped quote inside the request, and a third quoted field.
    [
      'h - - [10/Oct/2000:13:55:36 -0700] "GET /q\\"x/y HTTP/1.1" 200 5 "-" "UA" "-"',
      { path: '/q\\"x/y', section: '/q\\"x' },
    ],
    // A user-agent cut short without its closing quote (elastic line 8899): the request is intact.
    ['h - - [20/May/2015:12:05:17 +0000] "GET /s/c.py HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compat', {
      status: 200,
      bytes: 235,
    }],
    // CRLF line ending.
    ['h - - [20/May/2015:12:05:17 +0000] "GET /a HTTP/1.1" 200 1\r', { bytes: 1 }],
  ];
  for (const [line, expected] of table) {
    const r = parse(line);
    equal(typeof r, "object", `${line} → ${String(r)}`);
    for (const [k, v] of Object.entries(expected)) {
      equal((r as unknown as Record<string, unknown>)[k], v, `${k} of ${line}`);
    }
  }
});

Deno.test("parserFor('clf') gives a reason for a bad line, and skips a blank one", () => {
  const table: Array<[string, string | typeof SKIP]> = [
    ["", SKIP],
    ["   ", SKIP],
    [
      '192.168.202.254 [20/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0" 404 46210',
      "missing ident or user",
    ],
    ['h - - [20/Jul/2009:22:59:29] "GET /x HTTP/1.0" 404 1', "bad timestamp"],
    ['h - - [32/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0" 404 1', "bad timestamp"],
    ['h - - [20/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0 404 1', "unterminated request"],
    ['h - - [20/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0" 4044 1', "bad status"],
    ['h - - [20/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0" abc 1', "bad status"],
    ['h - - [20/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0" 200 12x', "bad bytes"],
    ['h - - [20/Jul/2009:22:59:29 +0000] "GET /x HTTP/1.0" 200', "bad status"],
    ["just some words", "missing ident or user"],
  ];
  for (const [line, reason] of table) equal(parse(line), reason, line);
});
