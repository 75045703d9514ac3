/**
 * `deno task bench-http [--lines N] [--runs R]`: what the web server costs and weighs.
 * - page weight: the page as served (HTML with uPlot and the app inline), raw and gzipped;
 * - replay speed of `monitor --once --json` on a generated Combined log, headless and with `--http`
 *   and a connected client (Chromium showing the page when it is installed, and an SSE reader that
 *   also measures the view updates), median of R runs, time from start to the summary line;
 * - view updates: the size of every `view` message the reader got (largest and median).
 * Timing belongs here, never in unit tests.
 */
import { parseTaskOptions } from "../src/cli/cli_app.ts";
import { numberOption } from "../src/cli/option_parsers.ts";
import { page } from "../src/sinks/http/page.ts";
import { runtimeArgs } from "./runtime_flags.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CHROMIUM = "/usr/bin/chromium";
const o = await parseTaskOptions(
  "bench-http",
  "The web page's weight and what --http costs a replay.",
  [
    {
      key: "lines",
      value: "n",
      parse: numberOption({ min: 1000, integer: true }),
      default: 3_000_000,
      help: "lines in the log",
    },
    {
      key: "runs",
      value: "n",
      parse: numberOption({ min: 1, integer: true }),
      default: 3,
      help: "timed runs of each",
    },
  ],
  Deno.args,
) as { lines: number; runs: number };

// ---- page weight -------------------------------------------------------------------------------
const { html } = await page();
const raw = new TextEncoder().encode(html);
const gzipped = await new Response(
  new Blob([raw]).stream().pipeThrough(new CompressionStream("gzip")),
).arrayBuffer();

// ---- replay, headless and served -----------------------------------------------------------------
const cacheDir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/monilog-bench`;
await Deno.mkdir(cacheDir, { recursive: true });
const log = await generated(o.lines);
const browser = await exists(CHROMIUM) ? await launch() : undefined;
const TIME = "/usr/bin/time";
const hasTime = await exists(TIME);
const headless: Run[] = [];
const served: Run[] = [];
const shown: Run[] = [];
const viewSizes: number[] = [];
for (let i = 0; i <= o.runs; i++) {
  // Run 0 warms the caches and is not counted; the three kinds take turns, so that the machine's
  // other work falls on each alike.
  const a = await replay([], false);
  const b = await replay(["--http", "127.0.0.1:0"], false);
  const c = browser ? await replay(["--http", "127.0.0.1:0"], true) : { wall: 0, cpu: 0 };
  if (i > 0) {
    headless.push(a);
    served.push(b);
    shown.push(c);
  }
}
await browser?.close();

const h = median(headless.map((r) => r.wall));
const s = median(served.map((r) => r.wall));
const c = median(shown.map((r) => r.wall));
const hc = median(headless.map((r) => r.cpu));
const sc = median(served.map((r) => r.cpu));
const cc = median(shown.map((r) => r.cpu));
viewSizes.sort((x, y) => x - y);
console.log(`\n${o.lines.toLocaleString("en")} Combined lines, median of ${o.runs} runs\n`);
console.log("| figure | value | budget |");
console.log("|---|---:|---:|");
console.log(`| page weight, raw | ${kb(raw.length)} | |`);
console.log(`| page weight, gzipped (HTML + uPlot + app) | ${kb(gzipped.byteLength)} | < 100 KB |`);
const cpu = (x: number, base: number) => hasTime ? `; CPU ${x.toFixed(2)} s (${pct(x, base)})` : "";
console.log(`| replay, headless: to the summary | ${h.toFixed(2)} s${cpu(hc, hc)} | |`);
console.log(
  `| replay, --http, an SSE reader on /events | ${s.toFixed(2)} s (${pct(s, h)})${
    cpu(sc, hc)
  } | within 5 % |`,
);
if (browser) {
  console.log(
    `| replay, --http, Chromium on the page too | ${c.toFixed(2)} s (${pct(c, h)})${
      cpu(cc, hc)
    } | within 5 % |`,
  );
}
console.log(
  `| view update, largest (median) of ${viewSizes.length} | ${viewSizes.at(-1) ?? 0} B ` +
    `(${viewSizes[Math.floor(viewSizes.length / 2)] ?? 0} B) | < 2 KB |`,
);

/**
 * Seconds from start to the summary line of `monitor --once --json` with `extra` options; with a
 * server, an SSE reader and (if `page`) Chromium connect as soon as it listens.
 */
async function replay(extra: string[], page: boolean): Promise<Run> {
  const started = performance.now();
  const command = [
    Deno.execPath(),
    "run",
    "-q",
    ...runtimeArgs(),
    `${ROOT}main.ts`,
    "monitor",
    "--once",
    "--json",
    "--file",
    log,
    ...extra,
  ];
  // GNU time gives the process's CPU time (user + system), which the machine's other work on a
  // shared host disturbs less than the wall time.
  const [cmd, ...args] = hasTime ? [TIME, "-f", "MONILOG_BENCH %U %S", ...command] : command;
  const child = new Deno.Command(cmd, {
    args,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  let cpuSeconds = 0;
  let summaryAt: number | undefined;
  const clients: Array<Promise<void>> = [];
  const pages: Array<Promise<() => Promise<void>>> = [];
  const stop = new AbortController();
  const out = lines(child.stdout, (line) => {
    if (line.startsWith('{"type":"summary"')) {
      summaryAt = performance.now();
      if (extra.length > 0) {
        // Held after the end: Ctrl-C it once the summary is out.
        setTimeout(() => interrupt(child.pid), 200);
      }
    }
  });
  const err = lines(child.stderr, (line) => {
    const t = /^MONILOG_BENCH (\S+) (\S+)/.exec(line);
    if (t !== null) cpuSeconds = Number(t[1]) + Number(t[2]);
    const m = /web page at (http:\/\/\S+?)\/?(\s|$)/.exec(line);
    if (m === null) return;
    clients.push(readEvents(`${m[1]}/events`, stop.signal));
    if (page && browser) pages.push(browser.open(m[1]));
  });
  const status = await child.status;
  stop.abort();
  await Promise.all([out, err, ...clients]);
  for (const close of await Promise.all(pages)) await close();
  if (summaryAt === undefined) throw new Error(`no summary (exit ${status.code})`);
  return { wall: (summaryAt - started) / 1000, cpu: cpuSeconds };
}

/** Ctrl-C for monilog: the process itself, or the one GNU time started. */
function interrupt(pid: number): void {
  let target = pid;
  if (hasTime) {
    const children = Deno.readTextFileSync(`/proc/${pid}/task/${pid}/children`).trim();
    if (children !== "") target = Number(children.split(" ")[0]);
  }
  Deno.kill(target, "SIGINT");
}

interface Run {
  /** Seconds from start to the summary line. */
  wall: number;
  /** CPU seconds of the whole process (0 without GNU time). */
  cpu: number;
}

/** Reads `/events`, noting the size of each view message, until `signal` aborts. */
async function readEvents(url: string, signal: AbortSignal): Promise<void> {
  try {
    const res = await fetch(url, { signal });
    const decoder = new TextDecoder();
    let rest = "";
    for await (const chunk of res.body!) {
      rest += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = rest.indexOf("\n\n")) >= 0) {
        const block = rest.slice(0, end);
        rest = rest.slice(end + 2);
        if (block.startsWith("event: view\n")) {
          viewSizes.push(new TextEncoder().encode(block.slice(block.indexOf("data: ") + 6)).length);
        }
      }
    }
  } catch {
    // Aborted, or the server went away at exit.
  }
}

/** Chromium as the page's tests launch it (tests/sinks/http/_browser.ts), with a way to open the page. */
async function launch() {
  const { launchChromium } = await import("../tests/sinks/http/_browser.ts");
  const browser = await launchChromium();
  return {
    /** Opens the page; returns a function that closes it. */
    async open(url: string): Promise<() => Promise<void>> {
      const p = await browser.context.newPage();
      await p.goto(`${url}/`).catch(() => {});
      return () => p.close();
    },
    close: () => browser.close(),
  };
}

/** A Combined log of `n` lines at 100 req/s, seed 1 (the same file tasks/bench.ts caches). */
async function generated(n: number): Promise<string> {
  const file = `${cacheDir}/combined-${n}-seed1.log`;
  if (await exists(file)) return file;
  const gen = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-q",
      ...runtimeArgs(),
      `${ROOT}main.ts`,
      "generate",
      ...["--format", "combined", "--speed", "0", "--exact", "--seed", "1"],
      ...["--start", "2026-01-01T00:00:00Z", "--rates", "100"],
      ...["--durations", String(Math.ceil(n / 100)), "--output", `${file}.tmp`],
    ],
    stdout: "null",
  }).output();
  if (gen.code !== 0) throw new Error("generate failed");
  await Deno.rename(`${file}.tmp`, file);
  return file;
}

async function lines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void) {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    rest += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      onLine(rest.slice(0, nl));
      rest = rest.slice(nl + 1);
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pct(x: number, base: number): string {
  return `${x >= base ? "+" : ""}${((x / base - 1) * 100).toFixed(1)} %`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
