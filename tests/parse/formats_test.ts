/**
 * W3C Extended (IIS), JSON lines (Caddy, Traefik, nginx) and custom nginx/Apache formats, on samples
 * written to follow each server's documented output (tests/testdata/parse/, see its README).
 */
import { deepEqual, equal, throws } from "node:assert/strict";
import {
  detectFormat,
  LogFormatError,
  logFormatParser,
  parserFor,
  SKIP,
} from "../../src/parse/mod.ts";
import { type LogRecord, newRecord } from "../../src/record.ts";
import type { LineParser } from "../../src/parse/mod.ts";

const DATA = new URL("../testdata/parse/", import.meta.url).pathname;

function records(file: string, parse: LineParser): { records: LogRecord[]; invalid: string[] } {
  const out: LogRecord[] = [];
  const invalid: string[] = [];
  for (const line of Deno.readTextFileSync(DATA + file).split("\n")) {
    const r = newRecord();
    const s = parse(line, r);
    if (s === null) out.push(r);
    else if (s !== SKIP) invalid.push(s);
  }
  return { records: out, invalid };
}

/** [time, host, user, method, path, section, status, bytes, duration ms] */
function brief(r: LogRecord): unknown[] {
  return [
    r.time,
    r.host,
    r.user,
    r.method,
    r.path,
    r.section,
    r.status,
    r.bytes,
    Number.isNaN(r.duration) ? null : Math.round(r.duration * 1e6) / 1e3,
  ];
}

Deno.test("parserFor('w3c') follows #Fields, also when it changes mid-file", () => {
  const { records: rs, invalid } = records("iis_w3c.log", parserFor("w3c"));
  deepEqual(invalid, []);
  deepEqual(rs.map(brief), [
    [1709629201, "203.0.113.5", "-", "GET", "/default.aspx", "/default.aspx", 200, 0, 31],
    [1709629201, "203.0.113.5", "-", "GET", "/scripts/app.js", "/scripts", 200, 0, 4],
    [1709629202, "198.51.100.7", "CONTOSO\\jdoe", "POST", "/api/orders", "/api", 201, 0, 112],
    [1709629203, "198.51.100.7", "CONTOSO\\jdoe", "GET", "/api/orders/42", "/api", 404, 0, 15],
    [1709629205, "192.0.2.44", "-", "GET", "/default.aspx", "/default.aspx", 500, 0, 1204],
    [1709629260, "203.0.113.5", "-", "GET", "/images/logo.png", "/images", 304, 0, 2],
    [1709629261, "203.0.113.5", "-", "GET", "/images/hero.jpg", "/images", 200, 48213, 9],
  ]);
});

Deno.test("parserFor('w3c') needs a #Fields directive and the right field count", () => {
  const parse = parserFor("w3c");
  const r = newRecord();
  equal(parse("2024-03-05 09:00:01 GET / 200", r), "no #Fields directive");
  equal(parse("#Fields: date time cs-method cs-uri-stem sc-status", r), SKIP);
  equal(parse("2024-03-05 09:00:01 GET / 200", r), null);
  equal(parse("2024-03-05 09:00:01 GET / 200 extra", r), "wrong field count");
  equal(parse("2024-13-05 09:00:01 GET / 200", r), "bad timestamp");
  equal(parse("2024-03-05 09:00:01 GET / OK", r), "bad status");
});

Deno.test("parserFor('json') reads Caddy, Traefik and nginx JSON access logs", () => {
  const parse = parserFor("json");
  deepEqual(records("caddy.jsonl", parse).records.map(brief), [
    [1646861401, "127.0.0.1", "-", "GET", "/", "/", 200, 10900, 0.93],
    [1646861401, "198.51.100.9", "alice", "POST", "/api/login", "/api", 302, 312, 41.552],
    [1646861403, "198.51.100.9", "alice", "GET", "/api/report/daily", "/api", 502, 0, 1203],
  ]);
  deepEqual(records("traefik.jsonl", parse).records.map(brief), [
    [1615365721, "172.18.0.1", "-", "GET", "/", "/", 200, 403, 1.496],
    [1615365723, "172.18.0.1", "bob", "GET", "/api/missing", "/api", 404, 19, 0.313],
  ]);
  deepEqual(records("nginx_json.jsonl", parse).records.map(brief), [
    [1709629201, "203.0.113.5", "-", "GET", "/products/42", "/products", 200, 5120, 15],
    [1709629201, "203.0.113.6", "-", "GET", "/static/app.css", "/static", 304, 0, 0],
    [1709629202, "198.51.100.7", "admin", "POST", "/admin/users", "/admin", 500, 91, 2301],
  ]);
});

Deno.test("parserFor('json') gives a reason for what is not an access-log object", () => {
  const parse = parserFor("json");
  const r = newRecord();
  const table: Array<[string, string | typeof SKIP]> = [
    ["", SKIP],
    ["{not json", "bad JSON"],
    ["[1,2]", "not a JSON object"],
    ['{"status":200}', "no timestamp"],
    ['{"ts":1646861401}', "no status"],
    ["plain text", "not a JSON object"],
  ];
  for (const [line, reason] of table) equal(parse(line, r), reason, line);
});

Deno.test("logFormatParser() reads an nginx log_format with a response time", () => {
  const parse = logFormatParser(
    '$remote_addr $host [$time_local] "$request" $status $body_bytes_sent $request_time "$http_user_agent"',
  );
  deepEqual(records("nginx_custom.log", parse).records.map(brief), [
    [1709629201, "203.0.113.5", "-", "GET", "/products/42", "/products", 200, 5120, 15],
    [1709629202, "198.51.100.7", "-", "POST", "/admin/users", "/admin", 500, 91, 2301],
  ]);
});

Deno.test("logFormatParser() reads an Apache LogFormat as written in httpd.conf", () => {
  const parse = logFormatParser(
    '%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-agent}i\\" %D',
  );
  const { records: rs, invalid } = records("apache_custom.log", parse);
  deepEqual(invalid, []);
  deepEqual(rs.map(brief), [
    [1709629201, "203.0.113.5", "-", "GET", "/products/42", "/products", 200, 5120, 15.23],
    [1709629202, "198.51.100.7", "frank", "POST", "/admin/users", "/admin", 500, 0, 2301],
  ]);
  const r = newRecord();
  equal(parse("not a line of that format", r), "does not match --log-format");
});

Deno.test("logFormatParser() refuses a format without a time or a status", () => {
  throws(() => logFormatParser("$remote_addr $status"), LogFormatError);
  throws(() => logFormatParser("%h %t %b"), LogFormatError);
});

Deno.test("detectFormat() recognises W3C and JSON lines", () => {
  for (
    const [file, format] of [
      ["iis_w3c.log", "w3c"],
      ["caddy.jsonl", "json"],
      ["traefik.jsonl", "json"],
      ["nginx_json.jsonl", "json"],
    ]
  ) {
    const lines = Deno.readTextFileSync(DATA + file).split("\n").slice(0, 20);
    equal(detectFormat(lines), format, file);
  }
});
