/**
 * `monilog rules`: the rule file passes `promtool check rules`, and `promtool test rules` (Prometheus'
 * own rule evaluator) shows that the fleet alert fires when three hosts at 4 req/s each make 12 req/s
 * against a fleet threshold of 10 — though none of them alerts on its own — and clears after.
 */
import { equal } from "node:assert/strict";
import { runCli } from "../_helpers/cli.ts";
import { needs } from "../_helpers/requires.ts";
import { prometheusRules } from "../../src/fleet/rules.ts";

Deno.test("prometheusRules() puts the threshold, the window and the job where they belong", () => {
  const text = prometheusRules({ threshold: 12.5, window: 60, job: "edge" });
  equal(text.includes("expr: sum(monilog_window_requests_per_second) > 12.5\n"), true);
  equal(text.includes("expr: monilog_alert_active == 1\n"), true);
  equal(text.includes('expr: up{job="edge"} == 0\n'), true);
  equal(text.includes("its 60 s window"), true);
});

Deno.test("monilog rules: a bad or missing value exits 2 naming the flag", async () => {
  for (
    const [args, flag] of [[[], "--threshold"], [["--threshold", "x"], "--threshold"], [[
      "--threshold",
      "1",
      "--job",
      "a b",
    ], "--job"]] as const
  ) {
    const { code, stderr } = await runCli(["rules", ...args]);
    equal(code, 2);
    equal(stderr.includes(flag), true, stderr);
  }
});

Deno.test(
  needs(
    "monilog rules passes promtool check rules and fires for the fleet in promtool test rules",
    ["promtool"],
    async () => {
      const dir = await Deno.makeTempDir({ prefix: "monilog-rules-" });
      try {
        const { code, stdout, stderr } = await runCli([
          "rules",
          "--threshold",
          "10",
          "--window",
          "120",
        ]);
        equal(code, 0, stderr);
        await Deno.writeTextFile(`${dir}/monilog.yml`, stdout);
        const check = await promtool(["check", "rules", `${dir}/monilog.yml`]);
        equal(check.code, 0, check.out);
        equal(check.out.includes("SUCCESS: 4 rules found"), true, check.out);

        const hosts = ["web-1:9464", "web-2:9464", "web-3:9464"];
        const series = hosts.flatMap((h) => [
          // 4 req/s each for 5 minutes (12 req/s for the fleet), then 1 req/s.
          `      - series: 'monilog_window_requests_per_second{job="monilog",instance="${h}"}'`,
          "        values: '4x20 1x20'",
          `      - series: 'monilog_alert_active{job="monilog",instance="${h}"}'`,
          "        values: '0x40'",
          `      - series: 'up{job="monilog",instance="${h}"}'`,
          "        values: '1x40'",
        ]);
        const fleetAlert = [
          "          - exp_labels: { severity: page }",
          "            exp_annotations:",
          "              summary: 'Fleet traffic 12.00 req/s is above 10 req/s'",
          "              description: 'The request rate summed over every monilog agent, each averaged over its 120 s window, is above the fleet threshold of 10 req/s.'",
        ];
        const test = [
          "rule_files: [monilog.yml]",
          "evaluation_interval: 15s",
          "tests:",
          "  - interval: 15s",
          "    input_series:",
          ...series,
          "    alert_rule_test:",
          "      - eval_time: 2m",
          "        alertname: MonilogFleetHighTraffic",
          "        exp_alerts:",
          ...fleetAlert,
          "      - eval_time: 2m",
          "        alertname: MonilogHostHighTraffic",
          "        exp_alerts: []",
          "      - eval_time: 2m",
          "        alertname: MonilogAgentDown",
          "        exp_alerts: []",
          "      - eval_time: 8m",
          "        alertname: MonilogFleetHighTraffic",
          "        exp_alerts: []",
          "    promql_expr_test:",
          "      - expr: monilog:window_requests_per_second:sum",
          "        eval_time: 2m",
          "        exp_samples:",
          "          - labels: 'monilog:window_requests_per_second:sum'",
          "            value: 12",
          "",
        ].join("\n");
        await Deno.writeTextFile(`${dir}/monilog_test.yml`, test);
        const run = await promtool(["test", "rules", `${dir}/monilog_test.yml`]);
        equal(run.code, 0, run.out);
        equal(run.out.includes("SUCCESS"), true, run.out);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  ),
);

async function promtool(args: string[]): Promise<{ code: number; out: string }> {
  const out = await new Deno.Command("promtool", { args, stdout: "piped", stderr: "piped" })
    .output();
  const d = new TextDecoder();
  return { code: out.code, out: d.decode(out.stdout) + d.decode(out.stderr) };
}
