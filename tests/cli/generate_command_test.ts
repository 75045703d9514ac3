/** The `generate` command through the real CLI. */
import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { REPO_ROOT, runCli } from "../_helpers/cli.ts";
import { runtimeArgs } from "../../tasks/runtime_flags.ts";
import { CSV_HEADER } from "../../src/generate/line_format.ts";
import { parserFor, SKIP } from "../../src/parse/mod.ts";
import { FORMATS, newRecord } from "../../src/record.ts";
import { describeStart } from "../../src/cli/generate_action.ts";

const START = 1767225600; // 2026-01-01T00:00:00Z
const FIXED = [
  "--start",
  "2026-01-01T00:00:00Z",
  "--speed",
  "0",
  "--rates",
  "5",
  "--durations",
  "20",
];

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "monilog-gen-cli-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test("generate gives byte-identical output for the same seed and options", async () => {
  const a = await runCli(["generate", "-o", "-", "--seed", "4", ...FIXED]);
  const b = await runCli(["generate", "-o", "-", "--seed", "4", ...FIXED]);
  const c = await runCli(["generate", "-o", "-", "--seed", "5", ...FIXED]);
  equal(a.code, 0, a.stderr);
  equal(a.stdout, b.stdout);
  notEqual(a.stdout, c.stdout);
  match(
    a.stdout.split("\n")[0],
    /^\S+ - \S+ \[01\/Jan\/2026:00:00:\d\d \+0000\] "[A-Z]+ \/\S* HTTP\/1\.1" \d{3} (\d+|-)$/,
  );
});

Deno.test("generate --exact writes exactly rate x duration lines in each phase's own seconds", async () => {
  const { code, stdout, stderr } = await runCli([
    "generate",
    ...["-o", "-", "--exact", "--seed", "1", "--speed", "0", "--format", "csv"],
    ...["--start", String(START), "--rates", "3", "7", "0.5", "--durations", "10", "20", "30"],
  ]);
  equal(code, 0, stderr);
  const [header, ...lines] = stdout.trimEnd().split("\n");
  equal(header, CSV_HEADER);
  const times = lines.map((l) => Number(l.split(",")[3]) - START);
  const inSpan = (from: number, to: number) => times.filter((t) => t >= from && t < to).length;
  deepEqual([inSpan(0, 10), inSpan(10, 30), inSpan(30, 60)], [30, 140, 15]);
  equal(times.length, 185, "no line outside the profile");
  equal(times.every((t, i) => i === 0 || t >= times[i - 1]), true, "timestamps never go back");
});

Deno.test("generate writes every format so that the monitor reads it back whole", async () => {
  await withDir(async (dir) => {
    const summaries = new Map<string, Record<string, unknown>>();
    let lines = 0;
    for (const format of FORMATS) {
      const log = `${dir}/access.${format}`;
      const gen = await runCli([
        "generate",
        "-o",
        log,
        "--format",
        format,
        "--seed",
        "8",
        ...FIXED,
      ]);
      equal(gen.code, 0, gen.stderr);
      // Lines the parser accepts; a header (CSV, W3C) is the only thing it may skip.
      const parse = parserFor(format);
      const r = newRecord();
      let parsed = 0;
      for (const line of (await Deno.readTextFile(log)).trimEnd().split("\n")) {
        const status = parse(line, r);
        if (status === null) parsed++;
        else equal(status, SKIP, `${format}: ${String(status)}: ${line}`);
      }
      if (format === "clf") lines = parsed;
      equal(parsed, lines, format);
      const mon = await runCli(["monitor", "--once", "--json", "--format", format, "-f", log]);
      equal(mon.code, 0, mon.stderr);
      const summary = JSON.parse(mon.stdout.trimEnd().split("\n").at(-1)!);
      equal(summary.type, "summary");
      equal(summary.hits, lines, format);
      equal(summary.invalid, 0, format);
      // Response times exist only in the formats that carry them (W3C, JSON), at their precision.
      delete summary.latency;
      summaries.set(format, summary);
    }
    // The same seed draws the same requests whatever the format: the monitor sees the same traffic
    // (the vhost formats also count their virtual hosts).
    for (const format of FORMATS) {
      const { vhosts: _, ...summary } = summaries.get(format)!;
      deepEqual(summary, summaries.get("clf"), format);
    }
    equal(lines > 60, true);
  });
});

Deno.test("generate writes the CSV header once to a new file and appends after it", async () => {
  await withDir(async (dir) => {
    const out = `${dir}/a.csv`;
    for (let i = 0; i < 2; i++) {
      const r = await runCli([
        "generate",
        "-o",
        out,
        "--format",
        "csv",
        "--seed",
        String(i),
        ...FIXED,
      ]);
      equal(r.code, 0, r.stderr);
      match(
        r.stderr,
        new RegExp(`^monilog generate: wrote \\d+ lines to "${out}" .*seed ${i}\\)\\n$`),
      );
    }
    const lines = (await Deno.readTextFile(out)).trimEnd().split("\n");
    equal(lines.filter((l) => l.startsWith('"remotehost"')).length, 1);
    equal(lines[0], CSV_HEADER);
  });
});

Deno.test("generate --rotate-lines keeps every line once across the rotated files", async () => {
  const all = await runCli(["generate", "-o", "-", "--seed", "3", "--exact", ...FIXED]);
  for (const mode of ["rename", "copytruncate"]) {
    await withDir(async (dir) => {
      const log = `${dir}/access.log`;
      const r = await runCli([
        "generate",
        ...["-o", log, "--seed", "3", "--exact", ...FIXED],
        ...["--rotate-lines", "30", "--rotate-mode", mode, "--keep", "9"],
      ]);
      equal(r.code, 0, r.stderr);
      // 100 lines, a rotation after every 30: .3 .2 .1 hold 30 each, the live file the last 10.
      deepEqual(await listDir(dir), ["access.log", "access.log.1", "access.log.2", "access.log.3"]);
      let joined = "";
      for (const name of ["access.log.3", "access.log.2", "access.log.1", "access.log"]) {
        joined += await Deno.readTextFile(`${dir}/${name}`);
      }
      equal(joined, all.stdout, mode);
    });
  }
});

Deno.test("generate --keep N keeps the newest N rotated files and drops older ones", async () => {
  const all = (await runCli(["generate", "-o", "-", "--seed", "3", "--exact", ...FIXED])).stdout
    .split(/(?<=\n)/);
  await withDir(async (dir) => {
    const log = `${dir}/access.log`;
    const r = await runCli([
      "generate",
      ...["-o", log, "--seed", "3", "--exact", ...FIXED, "--rotate-lines", "15", "--keep", "2"],
    ]);
    equal(r.code, 0, r.stderr);
    match(r.stderr, /6 rotations/);
    deepEqual(await listDir(dir), ["access.log", "access.log.1", "access.log.2"]);
    // Lines 61-75 in .2, 76-90 in .1, 91-100 in the live file; 1-60 went with the dropped files.
    equal(await Deno.readTextFile(`${log}.2`), all.slice(60, 75).join(""));
    equal(await Deno.readTextFile(`${log}.1`), all.slice(75, 90).join(""));
    equal(await Deno.readTextFile(log), all.slice(90).join(""));
  });
});

Deno.test("generate -o - stops quietly when its reader goes away", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      ...["run", "-q", ...runtimeArgs(), "main.ts", "generate", "-o", "-", "--speed", "0"],
      // About 8 MB: far more than a pipe and a stream buffer hold.
      ...["--rates", "1000", "--durations", "100"],
    ],
    cwd: REPO_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.getReader();
  await reader.read();
  await reader.cancel();
  const [stderr, status] = await Promise.all([new Response(child.stderr).text(), child.status]);
  equal(stderr, "");
  equal(status.code, 0);
});

Deno.test("generate rejects a bad flag or value with exit 2 and one line naming it", async () => {
  const table: Array<[string[], RegExp]> = [
    [
      ["--rates", "1", "2", "--durations", "10"],
      /--durations: expected as many values as --rates \(2\), got 1/,
    ],
    [["--durations", "10", "20"], /--durations: expected as many values as --rates \(3\), got 2/],
    [["--rates", "1", "2"], /--durations: expected as many values as --rates \(2\), got 0/],
    [["--rates", "-3", "--durations", "10"], /--rates.*a number from 0 to 1000000/],
    [["--rates", "x", "--durations", "10"], /--rates.*a number from 0 to 1000000/],
    [["--durations", "0", "1", "2"], /--durations.*whole number from 1 to 2592000/],
    [["--durations", "1.5", "1", "2"], /--durations.*whole number from 1 to 2592000/],
    [["--start", "yesterday"], /--start.*ISO 8601/],
    [["--start", "2026-02-30T00:00:00Z"], /--start.*ISO 8601/],
    [["--format", "xml"], /--format.*clf, combined, vhost_common, vhost_combined, csv/],
    [["--speed", "fast"], /--speed.*0 \(unpaced\) or a number from 0\.001 to 1000000/],
    [["--speed", "-1"], /--speed.*0 \(unpaced\) or a number from 0\.001 to 1000000/],
    [["--seed", "-1"], /--seed.*whole number from 0 to 4294967295/],
    [["--rotate-lines", "0"], /--rotate-lines.*whole number >= 1/],
    [["--rotate-seconds", "x"], /--rotate-seconds.*whole number >= 1/],
    [["--rotate-mode", "move"], /--rotate-mode.*rename, copytruncate/],
    [["--keep", "0"], /--keep.*whole number from 1 to 1000/],
    [["-o", "-", "--rotate-lines", "10"], /cannot rotate standard output/],
    [["--no-such-flag"], /unknown option '--no-such-flag'/],
  ];
  for (const [args, pattern] of table) {
    const { code, stderr, stdout } = await runCli(["generate", ...args]);
    equal(code, 2, args.join(" "));
    const lines = stderr.trimEnd().split("\n");
    equal(lines.length, 1, `${args.join(" ")}: ${stderr}`);
    match(lines[0], /^monilog: /);
    match(lines[0], pattern);
    equal(stdout, "");
  }
});

/** An output path whose directory does not exist. */
const NO_DIR = "/nonexistent-monilog-dir/access.log";

Deno.test("generate rejects values beyond the documented bounds, naming the range", async () => {
  const speed = /--speed.*expected 0 \(unpaced\) or a number from 0\.001 to 1000000\.$/;
  const table: Array<[string[], RegExp]> = [
    [["--rates", "1e12", "--durations", "1"], /--rates.*expected a number from 0 to 1000000\.$/],
    [["--rates", "1", "--durations", "1e9"], /--durations.*a whole number from 1 to 2592000\.$/],
    // Below 0.001, a paced run's sleeps would pass what a timer can wait (2^31 - 1 ms).
    [["--speed", "0.0000001"], speed],
    [["--speed", "2000000"], speed],
    [["--keep", "1000000000"], /--keep.*expected a whole number from 1 to 1000\.$/],
  ];
  for (const [args, pattern] of table) {
    // An output that cannot be opened stops at once a run that wrongly took the value (exit 1,
    // with another message), instead of letting it write for hours or run out of memory.
    const { code, stderr, stdout } = await runCli(["generate", ...args, "-o", NO_DIR]);
    equal(code, 2, args.join(" "));
    equal(stderr.trimEnd().split("\n").length, 1, stderr);
    match(stderr.trimEnd(), pattern);
    equal(stdout, "");
  }
  // The bounds themselves are accepted: the run stops at the output, not at a value.
  const cannotOpen = `monilog: Cannot open output file "${NO_DIR}": no such file or directory\n`;
  const edge = await runCli([
    ...["generate", "--rates", "1000000", "0", "--durations", "1", "2592000"],
    ...["--speed", "0.001", "--keep", "1000", "-o", NO_DIR],
  ]);
  equal(edge.stderr, cannotOpen);
  const fastest = await runCli(["generate", "--speed", "1000000", "-o", NO_DIR]);
  equal(fastest.stderr, cannotOpen);
});

Deno.test("generate names the output file and the reason when it cannot write it", async () => {
  await withDir(async (dir) => {
    const table: Array<[string, string]> = [
      [dir, "is a directory"],
      [`${dir}/missing/access.log`, "no such file or directory"],
    ];
    for (const [path, reason] of table) {
      const r = await runCli(["generate", "-o", path, ...FIXED]);
      equal(r.code, 1);
      equal(r.stderr, `monilog: Cannot open output file "${path}": ${reason}\n`);
    }
  });
});

Deno.test("describeStart() says what generate will write, where and for how long", () => {
  const config = {
    phases: [{ rate: 8, duration: 150 }, { rate: 12, duration: 150 }, { rate: 8, duration: 150 }],
    start: 0,
    seed: 1,
    exact: false,
    format: "clf" as const,
    output: "/tmp/access.log",
    speed: 1,
    rotate: undefined,
  };
  equal(
    describeStart(config),
    'monilog generate: writing 7m30s of traffic (8, 12, 8 req/s) to "/tmp/access.log" at 1x, ' +
      "about 7m30s; Ctrl-C stops it",
  );
  match(describeStart({ ...config, speed: 0 }), /to "\/tmp\/access.log" as fast as it can;/);
  match(describeStart({ ...config, speed: 30 }), /at 30x, about 15s;/);
});
