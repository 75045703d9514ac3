/**
 * runMonitor() in-process, with a fake outside world: a parallel replay (real workers, regions small
 * enough that lines fall across their edges) prints exactly what the single pass prints.
 */
import { deepEqual, equal } from "node:assert/strict";
import { runMonitor } from "../../src/pipeline/wiring.ts";
import type { MonitorConfig } from "../../src/pipeline/monitor_config.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { DEFAULT_ENGINE_OPTIONS } from "../../src/core/engine.ts";
import { FIXTURES, REPO_ROOT } from "../_helpers/cli.ts";

/** Replays `file` with `config`'s changes; returns standard output and standard error lines. */
async function replay(file: string, config: Partial<MonitorConfig>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  await runMonitor({
    file,
    files: [file],
    byFile: false,
    format: "auto",
    fromStart: true,
    once: true,
    idleTimeout: 0,
    jobs: 1,
    json: false,
    engine: { ...DEFAULT_ENGINE_OPTIONS, threshold: 1 },
    ...config,
  }, {
    clock: new ManualClock(0),
    stdout: { writeLine: (l) => stdout.push(l), close() {} },
    stderr: (l) => stderr.push(l),
    color: false,
    width: () => undefined,
    stdin: () => new ReadableStream(),
    progress: () => undefined,
    onStopSignal: () => () => {},
  });
  return { stdout, stderr };
}

/** Runs `fn` with the path of a file named `name` holding `text`, in a fresh temporary directory. */
async function withLog(name: string, text: string, fn: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "monilog-replay-" });
  try {
    await Deno.writeTextFile(`${dir}/${name}`, text);
    await fn(`${dir}/${name}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const TESTDATA = `${REPO_ROOT}tests/testdata/parse/`;
const cases: Array<[string, Partial<MonitorConfig>]> = [
  [`${FIXTURES}sample_csv.txt`, {}],
  [`${FIXTURES}clf/elastic/apache_logs`, { json: true }],
  [`${FIXTURES}clf/lnav/logfile_shop_access_log.0`, {}],
  [`${FIXTURES}clf/lnav/logfile_bad_access_log.0`, { json: true }],
  [`${FIXTURES}clf/logmon/input/high-traffic.txt`, {}],
  [`${FIXTURES}clf/access_log_monitor/logged_1rps.log`, { json: true }],
  [`${TESTDATA}caddy.jsonl`, { json: true }],
  // W3C: its second #Fields directive falls mid-file, so regions start under either one.
  [`${TESTDATA}iis_w3c.log`, {}],
  [`${TESTDATA}nginx_custom.log`, {
    logFormat:
      '$remote_addr $host [$time_local] "$request" $status $body_bytes_sent $request_time "$http_user_agent"',
  }],
];

for (const [file, config] of cases) {
  const name = file.slice(file.lastIndexOf("/") + 1);
  Deno.test(`runMonitor() replays ${name} with workers exactly as in one pass`, async () => {
    const one = await replay(file, config);
    equal(one.stdout.length > 1, true);
    // About 60 regions, of a few hundred bytes for the small samples: lines cross their edges.
    const chunkBytes = Math.max(300, Math.floor((await Deno.stat(file)).size / 60));
    for (const jobs of [2, 3]) {
      deepEqual(await replay(file, { ...config, jobs, chunkBytes }), one, `jobs ${jobs}`);
    }
  });
}

Deno.test("runMonitor() counts invalid and blank lines in place, with workers as in one pass", () => {
  let text = "";
  for (let i = 0; i < 3000; i++) {
    const s = Math.floor(i / 10);
    const stamp = `01/Jan/2026:00:${String(Math.floor(s / 60)).padStart(2, "0")}:` +
      `${String(s % 60).padStart(2, "0")} +0000`;
    const eol = i % 2 === 0 ? "\n" : "\r\n";
    if (i % 7 === 3) text += `garbage line ${i}${eol}`;
    else if (i % 11 === 5) text += eol;
    else text += `10.0.${i % 5}.1 - - [${stamp}] "GET /s${i % 9}/x HTTP/1.1" 200 ${i}${eol}`;
  }
  return withLog("mixed.log", text, async (path) => {
    const config = { json: true, format: "clf" as const };
    const one = await replay(path, config);
    const invalid = one.stdout.map((l) => JSON.parse(l)).filter((e) => e.type === "stats")
      .reduce((n, e) => n + e.invalid, 0);
    equal(invalid, 429); // i % 7 === 3 for i < 3000
    deepEqual(await replay(path, { ...config, jobs: 2, chunkBytes: 2000 }), one);
  });
});

Deno.test("runMonitor() replays a W3C log whose #Fields change mid-file with workers as in one pass", () => {
  const layouts = [
    ["date time c-ip cs-method cs-uri-stem sc-status sc-bytes time-taken", 8],
    ["date time cs-method cs-uri sc-status", 5],
  ] as const;
  let text = "#Software: IIS\r\n";
  let layout = 0;
  for (let i = 0; i < 3000; i++) {
    if (i % 400 === 0) {
      layout = (i / 400) % 2;
      text += `#Fields: ${layouts[layout][0]}\r\n`;
    }
    const s = Math.floor(i / 10);
    const clock = `00:${String(Math.floor(s / 60)).padStart(2, "0")}:${
      String(s % 60).padStart(2, "0")
    }`;
    text += layout === 0
      ? `2026-01-01 ${clock} 10.0.${i % 5}.1 GET /s${i % 9}/x 200 ${i} ${i % 50}\r\n`
      : `2026-01-01 ${clock} POST /t${i % 4}/y?q=${i} 404\r\n`;
  }
  return withLog("iis.log", text, async (path) => {
    const config = { json: true };
    const one = await replay(path, config);
    const stats = one.stdout.map((l) => JSON.parse(l)).filter((e) => e.type === "stats");
    equal(stats.reduce((n, e) => n + e.hits, 0), 3000);
    deepEqual(await replay(path, { ...config, jobs: 2, chunkBytes: 2000 }), one);
  });
});

Deno.test("runMonitor() replays a log of more distinct clients than workers keep, as in one pass", () => {
  const lines = [];
  // 70,000 distinct clients: past the workers' (and the run's) 65,536-value dictionaries, so the
  // replay steps down to one pass part-way, and the last clients are counted by string.
  for (let i = 0; i < 70_000; i++) {
    const s = Math.floor(i / 2000);
    lines.push(
      `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} - - [01/Jan/2026:00:00:` +
        `${String(s).padStart(2, "0")} +0000] "GET /p${i % 3}/x HTTP/1.1" 200 1`,
    );
  }
  return withLog("clients.log", lines.join("\n") + "\n", async (path) => {
    const config = { json: true, format: "clf" as const };
    const one = await replay(path, config);
    const stats = one.stdout.map((l) => JSON.parse(l)).filter((e) => e.type === "stats");
    // Every line is a new client: each interval counts as many clients as hits, exactly.
    equal(stats.every((e) => e.clientCount === e.hits && e.approximate === undefined), true);
    deepEqual(await replay(path, { ...config, jobs: 2, chunkBytes: 200_000 }), one);
  });
});

Deno.test("runMonitor() counts over-long lines in place, with workers as in one pass", () => {
  const line = (s: number) =>
    `10.0.0.1 - - [01/Jan/2026:00:00:${
      String(s).padStart(2, "0")
    } +0000] "GET /a HTTP/1.1" 200 5\n`;
  // Two lines of 1.5 MiB, each spanning many regions, among ordinary lines.
  const long = "x".repeat(1_500_000) + "\n";
  let text = "";
  for (let s = 0; s < 50; s++) text += line(s) + (s === 10 || s === 30 ? long : "");
  return withLog("long.log", text, async (path) => {
    const engine = { ...DEFAULT_ENGINE_OPTIONS, interval: 5 };
    const one = await replay(path, { json: true, engine });
    equal(one.stderr.filter((l) => l.includes("over-long line")).length, 2);
    const many = await replay(path, { json: true, engine, jobs: 2, chunkBytes: 100_000 });
    deepEqual(many, one);
  });
});
