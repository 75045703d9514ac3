/** JSON lines from bytes: the results of json_lines.ts, line by line, with ids and a date cache. */
import { assertAgrees } from "./_byte_parsers.ts";
import fc from "fast-check";
import { JsonByteParser } from "../../src/parse/json_bytes.ts";
import {
  HOST_KEYS,
  parseJsonLine,
  READ_KEYS,
  readObject,
  recordFromJson,
} from "../../src/parse/json_lines.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { newRecord } from "../../src/record.ts";
import { REPO_ROOT } from "../_helpers/cli.ts";
import { ByteRecord } from "../../src/parse/byte_record.ts";
import { deepEqual, equal } from "node:assert/strict";

/** Feeds the lines, in order, to one byte parser; each answer must be parseJsonLine's. */
function assertSameRun(lines: string[]): void {
  const dictionary = new RunDictionary();
  const fast = new JsonByteParser(dictionary);
  for (const l of lines) {
    const a = newRecord();
    assertAgrees(fast, l, parseJsonLine(l, a), a, ['{"x":1}\n', "\r\n{}"]);
  }
}

Deno.test("JsonByteParser answers as json_lines.ts on the Caddy, Traefik and nginx samples", () => {
  for (const file of ["caddy.jsonl", "traefik.jsonl", "nginx_json.jsonl"]) {
    const text = Deno.readTextFileSync(`${REPO_ROOT}tests/testdata/parse/${file}`);
    assertSameRun(text.split("\n"));
  }
});

Deno.test("JsonByteParser keeps a date's value only while the lines repeat it", () => {
  const line = (time: string, host: string) =>
    JSON.stringify({
      time_iso8601: time,
      remote_addr: host,
      request: "GET /a/b HTTP/1.1",
      status: 200,
    });
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.constantFrom(
            "2026-01-01T00:00:00+00:00",
            "2026-01-01T00:00:01+00:00",
            "2026-01-01T01:00:00+02:00",
            "",
            "not a date",
          ),
          fc.constantFrom("10.0.0.1", "::1", "h\u00e9"),
        ),
        { maxLength: 20 },
      ),
      (pairs) => assertSameRun(pairs.map(([t, h]) => line(t, h))),
    ),
  );
});

Deno.test("JsonByteParser gives each line its method's and section's ids, repeated or not", () => {
  // The parser remembers the last method and section: an empty one first, the same one again, and
  // a change must each get the id the dictionary has for the value (not -1, the id of no value).
  const line = (request: string) =>
    JSON.stringify({
      time_iso8601: "2026-01-01T00:00:00+00:00",
      remote_addr: "h",
      request,
      status: 200,
    });
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom(
          "",
          "GET",
          "GET /a",
          "GET  /x",
          "POST /b/c HTTP/1.1",
          "get /a?q",
          "GET /a/b",
        ),
        { maxLength: 20 },
      ),
      (requests) => {
        const fast = new JsonByteParser(new RunDictionary());
        for (const request of requests) {
          const l = line(request);
          const expected = newRecord();
          assertAgrees(fast, l, parseJsonLine(l, expected), expected, ["", ""]);
          const r = new ByteRecord();
          fast.parse(new TextEncoder().encode(l), 0, l.length, r);
          equal(r.methodId, fast.methods.internString(expected.method), request);
          equal(r.sectionId, fast.sections.internString(expected.section), request);
        }
      },
    ),
  );
});

/** Values of every JSON kind, with the forms the byte reader must settle or leave to JSON.parse. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "2026-01-01T00:00:00+00:00",
    "01/Jan/2026:00:00:00 +0000",
    "GET /a/b?q HTTP/1.1",
    "GET",
    " GET /x",
    "GET /a\tb",
    "POST http://h/p#f HTTP/2",
    "",
    "-",
    "200",
    "1412",
    "0.25",
    "10.0.0.1",
    "h\u00e9",
    'say "hi"\\',
    "\u2028",
    "1e3",
    // A BOM at a value's start belongs to the value; a lone surrogate (escaped by JSON.stringify)
    // and U+FFFD (raw) must keep apart in the dictionaries.
    "\ufeffbob",
    "\ufeffGET /a HTTP/1.1",
    "\ufeff2026-01-01T00:00:00+00:00",
    "\ud800",
    "\ufffd",
  ),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(200, 404, 1412, 0, -0, 0.009429, 1e21, 1.5e-7, 1700000000.123, 1700000000123),
  fc.integer(),
  fc.double(),
  fc.constantFrom(true, false, null),
  fc.constant({ method: "GET", uri: "/a", client_ip: "1.2.3.4" }),
  fc.constant([1, "x", { y: null }]),
);

/** A key of the ones recordFromJson reads, or another. */
const jsonKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...READ_KEYS) },
  // The keys the host and the request come from, in the orders and mixes servers never write.
  { weight: 3, arbitrary: fc.constantFrom(...HOST_KEYS, "request", "status", "time_iso8601") },
  { weight: 1, arbitrary: fc.constantFrom("http_user_agent", "x", "") },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

/** A time and a status: what a line needs to be a record. */
const BASE: Array<[string, unknown]> = [["time_iso8601", "2026-01-01T00:00:00+00:00"], [
  "status",
  200,
]];

/** A JSON text written with the spacing and number forms JSON.stringify never uses. */
function writeJson(entries: Array<[string, unknown]>, spaced: boolean, exponent: boolean): string {
  const sp = spaced ? " \t" : "";
  const value = (v: unknown) =>
    exponent && typeof v === "number" && Number.isInteger(v) && v > 0 && v < 1e6
      ? `${v / 100}e2`
      : JSON.stringify(v);
  return `{${sp}${
    entries.map(([k, v]) => `${JSON.stringify(k)}${sp}:${sp}${value(v)}`).join(`${sp},`)
  }}`;
}

/** Ways to spoil or pad a line: the byte reader must leave each to JSON.parse, or agree with it. */
const mangle = fc.oneof(
  { weight: 6, arbitrary: fc.constant((s: string) => s) },
  fc.constant((s: string) => ` ${s}`),
  fc.constant((s: string) => `${s} \t`),
  fc.constant((s: string) => `${s}\v`),
  fc.constant((s: string) => `\ufeff${s}`),
  fc.constant((s: string) => `${s}\u00a0`),
  fc.constant((s: string) => `${s}x`),
  fc.constant((s: string) => `${s}{}`),
  fc.constant((s: string) => `[${s}]`),
  fc.constant((s: string) => s.replace(":", "")),
  fc.constant((s: string) => s.replace(/,/, ",,")),
  fc.constant((s: string) => s.replace(/}$/, ",}")),
  fc.constant((s: string) => s.replace(/"([^"]*)"$/, '"$1')),
  fc.constant((s: string) => s.replace(/\d/, "0$&")),
  fc.constant((s: string) => s.replace(/\d+/, "$&.")),
  fc.constant((s: string) => s.replace(/"/, '"\\x')),
  fc.constant((s: string) => s.replace(/"/, '"\\u12')),
  fc.constant((s: string) => s.replace(/:"/, ':"\\x')),
  fc.constant((s: string) => s.replace(/:"/, ':"\\u00e9')),
  fc.constant((s: string) => s.replace(/:"/, ':"\u0001')),
  fc.constant((s: string) => s.replace(/"/, '"\u0001')),
  fc.constant((s: string) => s.replace(/true|false|null/, "nul")),
  fc.constant((s: string) => s.slice(0, Math.floor(s.length / 2))),
);

Deno.test("JsonByteParser answers as parseJsonLine on any object, well formed or not", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.boolean(),
          fc.array(fc.tuple(jsonKey, jsonValue), { maxLength: 9 }),
          fc.boolean(),
          fc.boolean(),
          mangle,
        ),
        { maxLength: 6 },
      ),
      (lines) =>
        assertSameRun(
          lines.map(([based, entries, spaced, exponent, spoil]) =>
            // Most lines start from a time and a status, so that they get as far as a record.
            spoil(writeJson([...(based ? BASE : []), ...entries], spaced, exponent))
          ),
        ),
    ),
    { numRuns: 3000 },
  );
});

Deno.test("recordFromJson reads no key but READ_KEYS at the top of a line's object", () => {
  const asked = new Set<string>();
  const spy = new Proxy({}, {
    get(_target, key) {
      if (typeof key === "string") asked.add(key);
      return undefined;
    },
  });
  recordFromJson(spy, newRecord());
  // And with a time and a status there, so that it reads on past its early returns.
  const withTime = new Proxy({ ts: 1700000000, status: 200, request: "GET / HTTP/1.1" }, {
    get(target, key) {
      if (typeof key === "string") asked.add(key);
      return (target as Record<string | symbol, unknown>)[key];
    },
  });
  recordFromJson(withTime, newRecord());
  deepEqual([...asked].filter((k) => !READ_KEYS.includes(k)), []);
  equal(asked.has("remote_addr"), true);
});

Deno.test("readObject() holds each value under its key of READ_KEYS", () => {
  const o = readObject(READ_KEYS.map((_, i) => i));
  deepEqual(Object.keys(o), READ_KEYS);
  deepEqual(Object.values(o), READ_KEYS.map((_, i) => i));
});

Deno.test("JsonByteParser keeps a BOM that starts a value, and a lone surrogate apart from U+FFFD", () => {
  const t = '"time_iso8601":"2026-01-01T00:00:00Z","status":200';
  assertSameRun([
    `{${t},"remote_user":"\ufeffbob"}`,
    `{${t},"remote_addr":"\ufeff1.2.3.4"}`,
    `{${t},"request":"\ufeffGET /a HTTP/1.1"}`,
    `{${t},"request_method":"\ufeffGET","uri":"\ufeff/a"}`,
    '{"time_iso8601":"\ufeff2026-01-01T00:00:00Z","status":200}',
    '{"time_local":"\ufeff01/Jan/2026:00:00:00 +0000","status":200}',
  ]);
  // An escaped lone surrogate goes through JSON.parse; U+FFFD's bytes through the byte reader.
  const surrogate = `{${t},"remote_addr":"\\ud800"}`;
  const replacement = `{${t},"remote_addr":"\ufffd"}`;
  assertSameRun([surrogate, replacement, surrogate]);
  assertSameRun([replacement, surrogate, replacement]);
});
