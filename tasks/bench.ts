/**
 * `deno task bench [--lines N] [--runs R] [--formats a,b]`: replay throughput and peak memory of
 * `monitor --once` on a generated log of each format, an `awk` section count on the Combined file as a
 * reference, and a bounded-memory case: a Common log whose every line has a new section.
 * Whole-process figures (startup included), median of R runs; peak memory from GNU time when present.
 *
 * Timing belongs here, never in unit tests: shared machines are noisy, so quote medians.
 */
import { Command } from "@commander-js/extra-typings";
import { numberOption } from "../src/cli/option_parsers.ts";
import { FORMATS } from "../src/record.ts";
import { PERMISSION_SET } from "./permission_set.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const o = new Command("bench")
  .option(
    "--lines <n>",
    "lines in each generated log",
    numberOption({ min: 1000, integer: true }),
    1_000_000,
  )
  .option("--runs <n>", "timed runs of each command", numberOption({ min: 1, integer: true }), 3)
  .option("--formats <list>", "formats to measure, comma-separated", FORMATS.join(","))
  .option(
    "--distinct-lines <n>",
    "lines in the distinct-sections log (0 = skip)",
    numberOption({ min: 0, integer: true }),
    2_000_000,
  )
  .parse(Deno.args, { from: "user" })
  .opts();

const TIME = "/usr/bin/time";
const hasTime = await exists(TIME);
const cacheDir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/monilog-bench`;
await Deno.mkdir(cacheDir, { recursive: true });

/** Generates (once, cached) a log of `format` with `lines` lines: 100 req/s, exact, seed 1. */
async function generated(format: string, lines: number): Promise<string> {
  const file = `${cacheDir}/${format}-${lines}-seed1.log`;
  if (await exists(file)) return file;
  const started = performance.now();
  const gen = await run(Deno.execPath(), [
    ...monilog(),
    "generate",
    "--format",
    format,
    "--speed",
    "0",
    "--exact",
    "--seed",
    "1",
    "--start",
    "2026-01-01T00:00:00Z",
    "--rates",
    "100",
    "--durations",
    String(Math.ceil(lines / 100)),
    "--output",
    `${file}.tmp`,
  ]);
  if (gen.code !== 0) throw new Error(`generate failed: ${gen.stderr}`);
  await Deno.rename(`${file}.tmp`, file);
  console.error(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

/** A Common log where every line has a section never seen before: the worst case for memory. */
async function distinctSections(lines: number): Promise<string> {
  const file = `${cacheDir}/distinct-${lines}.log`;
  if (await exists(file)) return file;
  const out = await Deno.open(`${file}.tmp`, { write: true, create: true, truncate: true });
  const enc = new TextEncoder();
  const t0 = Date.UTC(2026, 0, 1) / 1000;
  for (let i = 0; i < lines;) {
    let batch = "";
    for (let k = 0; k < 10_000 && i < lines; k++, i++) {
      const t = new Date((t0 + Math.floor(i / 100)) * 1000).toUTCString().split(" ");
      const [day, mon, year, clock] = [t[1], t[2], t[3], t[4]];
      batch += `10.0.${(i >> 8) & 255}.${i & 255} - - [${day}/${mon}/${year}:${clock} +0000] ` +
        `"GET /s${i}/page HTTP/1.1" 200 512\n`;
    }
    await out.write(enc.encode(batch));
  }
  out.close();
  await Deno.rename(`${file}.tmp`, file);
  return file;
}

interface Figures {
  seconds: number;
  peakKiB: number | undefined;
}

/** Runs `cmd` `runs` times (after one warm-up) and returns the median wall time and peak memory. */
async function measure(cmd: string, args: string[]): Promise<Figures> {
  const results: Figures[] = [];
  for (let i = 0; i <= o.runs; i++) {
    const started = performance.now();
    const r = hasTime
      ? await run(TIME, ["-f", "MONILOG_BENCH %e %M", cmd, ...args])
      : await run(cmd, args);
    const wall = (performance.now() - started) / 1000;
    if (r.code !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    const m = /MONILOG_BENCH (\S+) (\d+)/.exec(r.stderr);
    if (i > 0) {
      results.push({ seconds: m ? Number(m[1]) : wall, peakKiB: m ? Number(m[2]) : undefined });
    }
  }
  results.sort((a, b) => a.seconds - b.seconds);
  const median = results[Math.floor(results.length / 2)];
  return {
    seconds: median.seconds,
    peakKiB: hasTime ? Math.max(...results.map((r) => r.peakKiB ?? 0)) : undefined,
  };
}

const rows: Array<{ name: string; lines: number; bytes: number; f: Figures }> = [];
async function row(name: string, file: string, lines: number, cmd: string, args: string[]) {
  rows.push({ name, lines, bytes: (await Deno.stat(file)).size, f: await measure(cmd, args) });
}

for (const format of o.formats.split(",")) {
  const file = await generated(format, o.lines);
  await row(`monitor --once --json, ${format}`, file, o.lines, Deno.execPath(), replay(file));
  if (format === "combined" && await exists("/usr/bin/awk")) {
    // The reference: an awk one-liner that only counts sections (field 7 is the request path).
    const awk = '{ split($7, p, "/"); c["/" p[2]]++ } END { for (s in c) n++; print n }';
    await row("awk section count (reference), combined", file, o.lines, "/usr/bin/awk", [
      awk,
      file,
    ]);
  }
}
if (o.distinctLines > 0) {
  const file = await distinctSections(o.distinctLines);
  await row(
    "monitor --once --json, clf, every section new",
    file,
    o.distinctLines,
    Deno.execPath(),
    [
      ...monilog(),
      "monitor",
      "--once",
      "--json",
      "--file",
      file,
    ],
  );
}

console.log(`\nmedian of ${o.runs} runs, whole process (startup included)\n`);
console.log("| command | lines | MB | seconds | lines/s | MB/s | peak memory |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const { name, lines, bytes, f } of rows) {
  const peak = f.peakKiB === undefined
    ? "n/a (no GNU time)"
    : `${(f.peakKiB / 1024).toFixed(0)} MiB`;
  console.log(
    `| ${name} | ${lines.toLocaleString("en")} | ${(bytes / 1e6).toFixed(0)} | ${
      f.seconds.toFixed(2)
    } | ` +
      `${Math.round(lines / f.seconds).toLocaleString("en")} | ${
        (bytes / 1e6 / f.seconds).toFixed(0)
      } | ${peak} |`,
  );
}

/** The arguments that replay `file` with monilog. */
function replay(file: string): string[] {
  return [...monilog(), "monitor", "--once", "--json", "--file", file];
}

function monilog(): string[] {
  return ["run", "-q", `-P=${PERMISSION_SET}`, `${ROOT}main.ts`];
}

async function run(cmd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
