/**
 * Whole replays compared exactly with golden files (mtail's `.log` / `.golden` pairs). After a deliberate
 * change of the output, regenerate with `UPDATE_GOLDEN=1 deno task test tests/pipeline/golden_test.ts`
 * and review the diff like code.
 */
import { equal } from "node:assert/strict";
import { FIXTURES, runCli } from "../_helpers/cli.ts";

const GOLDEN_DIR = new URL("../testdata/monitor/", import.meta.url).pathname;
/** Samples of the formats the shared fixtures do not cover (see tests/testdata/README.md). */
const SAMPLES = new URL("../testdata/parse/", import.meta.url).pathname;

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
  ["iis_w3c.jsonl.golden", `${SAMPLES}iis_w3c.log`, ["--json", "--interval", "60"]],
  ["caddy.text.golden", `${SAMPLES}caddy.jsonl`, []],
  ["traefik.jsonl.golden", `${SAMPLES}traefik.jsonl`, ["--json"]],
  ["nginx_json.text.golden", `${SAMPLES}nginx_json.jsonl`, []],
  ["nginx_custom.text.golden", `${SAMPLES}nginx_custom.log`, [
    "--log-format",
    '$remote_addr $host [$time_local] "$request" $status $body_bytes_sent $request_time "$http_user_agent"',
  ]],
  ["apache_custom.jsonl.golden", `${SAMPLES}apache_custom.log`, [
    "--json",
    "--log-format",
    '%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-agent}i\\" %D',
  ]],
];

for (const [golden, input, args] of CASES) {
  Deno.test(`monitor --once ${input} ${args.join(" ")} matches ${golden}`, async () => {
    const { code, stdout, stderr } = await runCli([
      "monitor",
      "--once",
      "--file",
      input.startsWith("/") ? input : FIXTURES + input,
      ...args,
    ]);
    equal(code, 0, stderr);
    const path = GOLDEN_DIR + golden;
    if (Deno.env.get("UPDATE_GOLDEN")) await Deno.writeTextFile(path, stdout);
    equal(stdout, await Deno.readTextFile(path));
  });
}
