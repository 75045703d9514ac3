/**
 * `deno task bench [--lines N] [--runs R]`: replay throughput and peak memory of `monitor --once` on a
 * generated Combined log, with an `awk` section count on the same file as a reference. Whole-process
 * figures (startup included), median of R runs; peak memory from GNU time when it is installed.
 *
 * Timing belongs here, never in unit tests: shared machines are noisy, so quote medians.
 */
import { Command } from "@commander-js/extra-typings";
import { numberOption } from "../src/cli/option_parsers.ts";
import { PERMISSION_SET } from "./permission_set.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const o = new Command("bench")
  .option(
    "--lines <n>",
    "lines in the generated log",
    numberOption({ min: 1000, integer: true }),
    1_000_000,
  )
  .option("--runs <n>", "timed runs of each command", numberOption({ min: 1, integer: true }), 3)
  .option("--format <f>", "log format to generate and replay", "combined")
  .parse(Deno.args, { from: "user" })
  .opts();

const TIME = "/usr/bin/time";
const hasTime = await exists(TIME);
const cacheDir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/monilog-bench`;
await Deno.mkdir(cacheDir, { recursive: true });
const file = `${cacheDir}/${o.format}-${o.lines}-seed1.log`;

if (!await exists(file)) {
  const started = performance.now();
  // 100 req/s for lines/100 s, exact: a steady day-like file with one long alert at threshold 10.
  const gen = await run(Deno.execPath(), [
    "run",
    "-q",
    `-P=${PERMISSION_SET}`,
    `${ROOT}main.ts`,
    "generate",
    "--format",
    o.format,
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
    String(Math.ceil(o.lines / 100)),
    "--output",
    `${file}.tmp`,
  ]);
  if (gen.code !== 0) throw new Error(`generate failed: ${gen.stderr}`);
  await Deno.rename(`${file}.tmp`, file);
  console.error(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const bytes = (await Deno.stat(file)).size;

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
  const peak = hasTime ? Math.max(...results.map((r) => r.peakKiB ?? 0)) : undefined;
  return { seconds: median.seconds, peakKiB: peak };
}

const rows: Array<[string, Figures]> = [];
rows.push([
  `monilog monitor --once --json (${o.format})`,
  await measure(Deno.execPath(), [
    "run",
    "-q",
    `-P=${PERMISSION_SET}`,
    `${ROOT}main.ts`,
    "monitor",
    "--once",
    "--json",
    "--file",
    file,
  ]),
]);
if (await exists("/usr/bin/awk") && o.format !== "csv") {
  // The reference: an awk one-liner that only counts sections (field 7 is the request path).
  const awk = '{ split($7, p, "/"); c["/" p[2]]++ } END { for (s in c) n++; print n }';
  rows.push(["awk section count (reference)", await measure("/usr/bin/awk", [awk, file])]);
}

console.log(
  `\n${o.lines.toLocaleString("en")} lines, ${
    (bytes / 1e6).toFixed(1)
  } MB, median of ${o.runs} runs` +
    ` (whole process, startup included)\n`,
);
console.log("| command | seconds | lines/s | MB/s | peak memory |");
console.log("|---|---:|---:|---:|---:|");
for (const [name, f] of rows) {
  const peak = f.peakKiB === undefined
    ? "n/a (no GNU time)"
    : `${(f.peakKiB / 1024).toFixed(0)} MiB`;
  console.log(
    `| ${name} | ${f.seconds.toFixed(2)} | ${
      Math.round(o.lines / f.seconds).toLocaleString("en")
    } | ` +
      `${(bytes / 1e6 / f.seconds).toFixed(0)} | ${peak} |`,
  );
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
