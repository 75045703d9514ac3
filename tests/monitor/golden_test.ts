/**
 * Whole replays compared exactly with golden files (mtail's `.log` / `.golden` pairs). After a deliberate
 * change of the output, regenerate with `UPDATE_GOLDEN=1 deno task test tests/monitor/golden_test.ts`
 * and review the diff like code.
 */
import { equal } from "node:assert/strict";
import { FIXTURES, runCli } from "../_helpers/cli.ts";

const GOLDEN_DIR = new URL("../testdata/monitor/", import.meta.url).pathname;

const CASES: Array<[string, string, string[]]> = [
  // golden file, input (under ../shared/fixtures), extra arguments
  ["sample_csv.text.golden", "sample_csv.txt", []],
  ["sample_csv.jsonl.golden", "sample_csv.txt", ["--json"]],
  ["logmon_high_traffic.text.golden", "clf/logmon/input/high-traffic.txt", [
    "--threshold",
    "0.05",
    "--window",
    "120",
  ]],
  ["lnav_bad_access_log.text.golden", "clf/lnav/logfile_bad_access_log.0", []],
];

for (const [golden, input, args] of CASES) {
  Deno.test(`monitor --once ${input} ${args.join(" ")} matches ${golden}`, async () => {
    const { code, stdout, stderr } = await runCli([
      "monitor",
      "--once",
      "--file",
      FIXTURES + input,
      ...args,
    ]);
    equal(code, 0, stderr);
    const path = GOLDEN_DIR + golden;
    if (Deno.env.get("UPDATE_GOLDEN")) await Deno.writeTextFile(path, stdout);
    equal(stdout, await Deno.readTextFile(path));
  });
}
