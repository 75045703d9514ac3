/**
 * The fleet set-up the README shows (examples/fleet/) is a working one: Prometheus' and
 * Alertmanager's own checkers accept the files, with the rule file `monilog rules` prints in place.
 */
import { equal } from "node:assert/strict";
import { REPO_ROOT, runCli } from "../_helpers/cli.ts";
import { needs } from "../_helpers/requires.ts";

Deno.test(
  needs("examples/fleet: promtool check config and amtool check-config accept them", [
    "promtool",
    "amtool",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-fleet-" });
    try {
      await Deno.mkdir(`${dir}/rules`);
      for (const f of ["prometheus.yml", "alertmanager.yml"]) {
        await Deno.copyFile(`${REPO_ROOT}examples/fleet/${f}`, `${dir}/${f}`);
      }
      const rules = await runCli(["rules", "--threshold", "50", "--window", "120"]);
      equal(rules.code, 0, rules.stderr);
      await Deno.writeTextFile(`${dir}/rules/monilog.yml`, rules.stdout);
      const prom = await check("promtool", ["check", "config", `${dir}/prometheus.yml`]);
      equal(prom.code, 0, prom.out);
      equal(prom.out.includes("SUCCESS: 4 rules found"), true, prom.out);
      const am = await check("amtool", ["check-config", `${dir}/alertmanager.yml`]);
      equal(am.code, 0, am.out);
      equal(am.out.includes("1 inhibit rules"), true, am.out);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }),
);

async function check(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const d = new TextDecoder();
  return { code: out.code, out: d.decode(out.stdout) + d.decode(out.stderr) };
}
