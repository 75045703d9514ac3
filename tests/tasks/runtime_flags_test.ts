/**
 * What is tested is what ships: one permission set and one set of V8 flags, used by the run tasks, the
 * CLI tests, simulate, bench and compile.
 */
import { deepEqual, equal } from "node:assert/strict";
import { PERMISSION_SET, runtimeArgs, V8_FLAGS } from "../../tasks/runtime_flags.ts";
import { compileArgs } from "../../tasks/compile.ts";
import { REPO_ROOT, runCli } from "../_helpers/cli.ts";

const config = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}deno.json`));

Deno.test("the run tasks, the CLI tests and the compile task run monilog the same way", () => {
  equal(PERMISSION_SET, "monilog");
  deepEqual(runtimeArgs(), [`-P=${PERMISSION_SET}`, `--v8-flags=${V8_FLAGS}`]);
  for (const task of ["monitor", "generate"]) {
    equal(config.tasks[task], `deno run -q ${runtimeArgs().join(" ")} main.ts ${task}`);
  }
  const args = compileArgs(undefined);
  for (const arg of runtimeArgs()) equal(args.includes(arg), true, args.join(" "));
  // The CLI tests' helper, simulate and bench import runtimeArgs() (tests/_helpers/cli.ts).
});

Deno.test("monilog's permission set grants files, the network, the host name and a few variables", () => {
  // net: the alert receivers (spec §8) post to URLs the user gives; sys hostname: every notification
  // names its host. The two MONILOG_ variables are the notifiers' test knobs (README).
  deepEqual(config.permissions[PERMISSION_SET], {
    read: true,
    write: true,
    net: true,
    sys: ["hostname"],
    env: [
      "TZ",
      "NO_COLOR",
      "FORCE_COLOR",
      "TERM",
      "CI",
      "COLUMNS",
      "MONILOG_NOTIFY_TIME_SCALE",
      "MONILOG_PAGERDUTY_URL",
    ],
  });
});

Deno.test("a monitor denied access to a file prints one clear line and exits non-zero", async () => {
  // /proc files need more than file access under Deno: outside the grant, like a narrowed install.
  const { code, stderr } = await runCli(["monitor", "--once", "--file", "/proc/self/status"]);
  equal(code, 1);
  const lines = stderr.trimEnd().split("\n");
  equal(lines.length, 1, stderr);
  equal(
    lines[0],
    'monilog: Cannot read log file "/proc/self/status": outside what monilog\'s permission set allows',
  );
});
