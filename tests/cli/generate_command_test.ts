/** The `generate` command through the real CLI. */
import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { runCli } from "../_helpers/cli.ts";

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

Deno.test("generate --exact writes exactly rate x duration lines per phase", async () => {
  const { code, stdout } = await runCli([
    "generate",
    "-o",
    "-",
    "--exact",
    "--seed",
    "1",
    "--speed",
    "0",
    "--rates",
    "3",
    "7",
    "--durations",
    "10",
    "20",
    "--format",
    "csv",
  ]);
  equal(code, 0);
  const lines = stdout.trimEnd().split("\n");
  equal(lines.length, 30 + 140);
});

Deno.test("generate writes the CSV header once to a new file and appends after it", async () => {
  const dir = await Deno.makeTempDir();
  try {
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
      match(r.stderr, /wrote \d+ lines to/);
    }
    const lines = (await Deno.readTextFile(out)).trimEnd().split("\n");
    equal(lines.filter((l) => l.startsWith('"remotehost"')).length, 1);
    equal(lines[0].startsWith('"remotehost"'), true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("generate --rotate-lines keeps every line once across the rotated files", async () => {
  for (const mode of ["rename", "copytruncate"]) {
    const dir = await Deno.makeTempDir();
    try {
      const log = `${dir}/access.log`;
      const all = await runCli(["generate", "-o", "-", "--seed", "3", "--exact", ...FIXED]);
      const r = await runCli([
        "generate",
        "-o",
        log,
        "--seed",
        "3",
        "--exact",
        ...FIXED,
        "--rotate-lines",
        "30",
        "--rotate-mode",
        mode,
        "--keep",
        "9",
      ]);
      equal(r.code, 0, r.stderr);
      const names: string[] = [];
      for await (const e of Deno.readDir(dir)) names.push(e.name);
      // 100 lines, a rotation after every 30: .3 .2 .1 hold 30 each, the live file the last 10.
      deepEqual(names.sort(), ["access.log", "access.log.1", "access.log.2", "access.log.3"]);
      let joined = "";
      for (const name of ["access.log.3", "access.log.2", "access.log.1", "access.log"]) {
        joined += await Deno.readTextFile(`${dir}/${name}`);
      }
      equal(joined, all.stdout, mode);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("generate rejects a bad flag or value with exit 2 and one line naming it", async () => {
  const table: Array<[string[], RegExp]> = [
    [
      ["--rates", "1", "2", "--durations", "10"],
      /--durations: expected as many values as --rates \(2\), got 1/,
    ],
    [["--rates", "-3", "--durations", "10"], /--rates/],
    [["--rates", "x", "--durations", "10"], /--rates/],
    [["--durations", "0"], /--durations/],
    [["--start", "yesterday"], /--start.*ISO 8601/],
    [["--format", "xml"], /--format.*clf, combined, csv/],
    [["--speed", "fast"], /--speed/],
    [["--rotate-mode", "move"], /--rotate-mode.*rename, copytruncate/],
    [["-o", "-", "--rotate-lines", "10"], /cannot rotate standard output/],
  ];
  for (const [args, pattern] of table) {
    const { code, stderr, stdout } = await runCli(["generate", ...args]);
    equal(code, 2, args.join(" "));
    const lines = stderr.trimEnd().split("\n");
    equal(lines.length, 1, `${args.join(" ")}: ${stderr}`);
    match(lines[0], pattern);
    equal(stdout, "");
  }
});

Deno.test("generate names the output file and the reason when it cannot write it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await runCli(["generate", "-o", dir, ...FIXED]);
    equal(r.code, 1);
    match(r.stderr, new RegExp(`output file "${dir}": is a directory`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
