/**
 * The real CLI with standard output on /dev/full, where every write fails with "no space left on
 * device": one line naming standard output, no stack trace, exit 1, and the report with its summary
 * in the --output file when there is one; standard output redirected to a file on a disk that fills
 * up keeps whole lines. (A full --output is in monitor_command_test.ts.)
 */
import { deepEqual, equal } from "node:assert/strict";
import { runtimeArgs } from "../../tasks/runtime_flags.ts";
import { cliEnv, FIXTURES, REPO_ROOT, runCli } from "../_helpers/cli.ts";
import { inCi } from "../_helpers/requires.ts";
import { FULL_DISK_IGNORED, withFullDisk } from "../_helpers/full_disk.ts";

const SAMPLE_CSV = `${FIXTURES}sample_csv.txt`;
const FULL = "monilog: Cannot write to standard output: no space left on device";

/** Runs `monilog ARGS…` with standard output to `target` (through sh: Deno cannot redirect). */
async function runRedirected(
  args: string[],
  target = "/dev/full",
): Promise<{ code: number; stderr: string[] }> {
  const out = await new Deno.Command("sh", {
    args: [
      "-c",
      'target=$1; shift; exec "$@" > "$target"',
      "sh",
      target,
      Deno.execPath(),
      "run",
      "-q",
      ...runtimeArgs(),
      "main.ts",
      ...args,
    ],
    cwd: REPO_ROOT,
    env: cliEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr).trimEnd().split("\n") };
}

// Linux has /dev/full (Deno asks all access to stat a device, so it is not looked up).
const hasDevFull = Deno.build.os === "linux";

function devFullTest(name: string, fn: () => Promise<void>): Deno.TestDefinition {
  const skip = !hasDevFull && !inCi();
  return { name: skip ? `${name} (ignored: no /dev/full outside Linux)` : name, ignore: skip, fn };
}

Deno.test(devFullTest("monitor > /dev/full: one line naming standard output, exit 1", async () => {
  for (const format of [[], ["--json"]]) {
    const { code, stderr } = await runRedirected([
      "monitor",
      "--once",
      ...format,
      "--file",
      SAMPLE_CSV,
    ]);
    equal(code, 1);
    deepEqual(stderr, [`monilog: "${SAMPLE_CSV}" looks like csv`, FULL]);
  }
}));

Deno.test(
  devFullTest(
    "monitor --output FILE > /dev/full: the whole report and summary in the file",
    async () => {
      const dir = await Deno.makeTempDir();
      try {
        const healthy = await runCli(["monitor", "--once", "--file", SAMPLE_CSV]);
        equal(healthy.code, 0);
        const output = `${dir}/report.log`;
        const { code, stderr } = await runRedirected([
          "monitor",
          "--once",
          "--file",
          SAMPLE_CSV,
          "--output",
          output,
        ]);
        equal(code, 1);
        deepEqual(stderr, [`monilog: "${SAMPLE_CSV}" looks like csv`, FULL]);
        equal(await Deno.readTextFile(output), healthy.stdout);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  ),
);

Deno.test(
  devFullTest(
    "--version, --help, completions and generate > /dev/full: one line, exit 1",
    async () => {
      for (
        const args of [
          ["--version"],
          ["monitor", "--help"],
          ["completions", "bash"],
          ["generate", "-o", "-", "--rates", "5", "--durations", "2", "--speed", "0"],
        ]
      ) {
        const { code, stderr } = await runRedirected(args);
        equal(code, 1, args.join(" "));
        deepEqual(stderr, [FULL], args.join(" "));
      }
    },
  ),
);

Deno.test({
  name: "monitor > a file on a disk that fills up: whole lines, the summary in --output" +
    FULL_DISK_IGNORED.suffix,
  ignore: FULL_DISK_IGNORED.ignore,
  fn: async () => {
    const healthy = await runCli(["monitor", "--once", "--json", "--file", SAMPLE_CSV]);
    for (const json of [false, true]) {
      const expected = json
        ? healthy.stdout
        : (await runCli(["monitor", "--once", "--file", SAMPLE_CSV])).stdout;
      const report = await Deno.makeTempFile();
      try {
        const ran = await withFullDisk(async (dir) => {
          const args = ["monitor", "--once", ...(json ? ["--json"] : []), "--file", SAMPLE_CSV];
          const { code, stderr } = await runRedirected([...args, "--output", report], `${dir}/out`);
          equal(code, 1);
          deepEqual(stderr, [`monilog: "${SAMPLE_CSV}" looks like csv`, FULL]);
          // What fitted, in whole lines (Deno does not say how much of a failed write went out:
          // the file is cut back by its size); the healthy --output has everything.
          const written = await Deno.readTextFile(`${dir}/out`);
          equal(written.length > 0 && written.endsWith("\n"), true, written.slice(-80));
          equal(expected.startsWith(written), true);
          equal(await Deno.readTextFile(report), expected);
        });
        equal(ran, true, "mount a 4 KiB tmpfs");
      } finally {
        await Deno.remove(report);
      }
    }
  },
});
