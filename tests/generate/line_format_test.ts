import { equal } from "node:assert/strict";
import { clfTimestamp, headerFor, LineFormatter } from "../../src/generate/line_format.ts";
import { synthesize } from "../../src/generate/traffic.ts";
import { parserFor } from "../../src/parse/mod.ts";
import { FORMATS, newRecord } from "../../src/record.ts";

Deno.test("LineFormatter writes every format so that the monitor parses it back unchanged", () => {
  const seconds = [
    ...synthesize({ phases: [{ rate: 20, duration: 30 }], start: 1_700_000_000, seed: 5 }),
  ];
  for (const format of FORMATS) {
    const formatter = new LineFormatter(format);
    const parse = parserFor(format);
    const r = newRecord();
    // A W3C file starts with its #Fields directive, a CSV one with its header.
    for (const line of headerFor(format, 1_700_000_000)?.split("\n") ?? []) parse(line, r);
    let n = 0;
    for (const s of seconds) {
      for (const req of s.requests) {
        const line = formatter.line(req);
        equal(parse(line, r), null, `${format}: ${line}`);
        equal(r.time, req.time);
        equal(r.host, req.host);
        equal(r.method, req.method);
        equal(r.path, req.path.split("?")[0]);
        equal(r.status, req.status);
        equal(r.bytes, req.bytes);
        if (format === "w3c") equal(r.duration, Math.round(req.duration * 1000) / 1000);
        if (format === "json") equal(r.duration, req.duration);
        n++;
      }
    }
    equal(n > 500, true);
  }
});

async function stampIn(tz: string, seconds: number): Promise<string> {
  const mod = new URL("../../src/generate/line_format.ts", import.meta.url).href;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "-q",
      `import { clfTimestamp } from "${mod}"; console.log(clfTimestamp(${seconds}));`,
    ],
    env: { TZ: tz },
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("clfTimestamp() uses the display zone's real offset, daylight saving included", async () => {
  equal(await stampIn("UTC", 971211336), "10/Oct/2000:20:55:36 +0000");
  equal(await stampIn("America/Los_Angeles", 971211336), "10/Oct/2000:13:55:36 -0700");
  equal(await stampIn("America/Los_Angeles", 977000000), "16/Dec/2000:12:53:20 -0800");
  equal(await stampIn("Asia/Kolkata", 971211336), "11/Oct/2000:02:25:36 +0530");
  equal(clfTimestamp(0).length, 26);
});
