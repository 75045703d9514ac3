/**
 * A fleet end to end (spec §10): three monilog agents follow three logs and serve /metrics, one real
 * Prometheus scrapes them every second with the rules of `monilog rules`, one real Alertmanager
 * receives its alerts. A surge spread over the three hosts — 7 req/s each, under each agent's own
 * threshold of 10, 21 req/s together against a fleet threshold of 15 — fires the fleet alert and no
 * host's, and it resolves after the surge.
 */
import { deepEqual, equal } from "node:assert/strict";
import { clfLine, LiveCli, runCli } from "../_helpers/cli.ts";
import { ALERTMANAGER, freePort, TestAlertmanager } from "../_helpers/alertmanager.ts";
import { needs } from "../_helpers/requires.ts";

const AGENTS = 3;

Deno.test(
  needs("a surge spread over three hosts fires the fleet alert, though no host crosses its own", [
    "prometheus",
    ALERTMANAGER,
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-fleet-" });
    const am = await TestAlertmanager.start();
    const agents: LiveCli[] = [];
    let prometheus: Deno.ChildProcess | undefined;
    try {
      const ports = Array.from({ length: AGENTS }, () => freePort());
      const logs = ports.map((_, i) => `${dir}/web-${i + 1}.log`);
      for (const [i, log] of logs.entries()) {
        await Deno.writeTextFile(log, "");
        agents.push(
          new LiveCli([
            "monitor",
            "--file",
            log,
            "--json",
            "--window",
            "5",
            "--threshold",
            "10",
            "--interval",
            "5",
            "--http",
            `127.0.0.1:${ports[i]}`,
          ]),
        );
      }
      const rules = await runCli(["rules", "--threshold", "15", "--window", "5"]);
      equal(rules.code, 0, rules.stderr);
      await Deno.writeTextFile(`${dir}/monilog.yml`, rules.stdout);
      const promPort = freePort();
      await Deno.writeTextFile(
        `${dir}/prometheus.yml`,
        [
          "global:",
          "  scrape_interval: 1s",
          "  evaluation_interval: 1s",
          "rule_files: [monilog.yml]",
          "alerting:",
          "  alertmanagers:",
          `    - static_configs: [{ targets: ["${new URL(am.url).host}"] }]`,
          "scrape_configs:",
          "  - job_name: monilog",
          "    static_configs:",
          `      - targets: [${ports.map((p) => `"127.0.0.1:${p}"`).join(", ")}]`,
          "",
        ].join("\n"),
      );
      prometheus = new Deno.Command("prometheus", {
        args: [
          `--config.file=${dir}/prometheus.yml`,
          `--storage.tsdb.path=${dir}/tsdb`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          "--log.level=warn",
        ],
        stdout: "null",
        stderr: "null",
      }).spawn();
      const prom = `http://127.0.0.1:${promPort}`;
      // Every agent is up and scraped before the surge.
      await until("three targets up", async () => {
        const r = await query(prom, 'sum(up{job="monilog"})');
        return r === AGENTS;
      });

      // 7 req/s on each host for 12 s, written as it happens.
      const surgeEnd = Date.now() + 12_000;
      let fleetPeak = 0;
      while (Date.now() < surgeEnd) {
        const now = Math.floor(Date.now() / 1000);
        for (const log of logs) {
          const lines = Array.from({ length: 7 }, () => clfLine(now)).join("\n") + "\n";
          await Deno.writeTextFile(log, lines, { append: true });
        }
        fleetPeak = Math.max(
          fleetPeak,
          await query(prom, "monilog:window_requests_per_second:sum") ?? 0,
        );
        await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
      }
      await am.hook.waitFor(
        "the fleet alert",
        () => am.notifications().some((n) => n.status === "firing"),
        15_000,
      );
      await am.hook.waitFor(
        "its resolution",
        () => am.notifications().some((n) => n.status === "resolved"),
        30_000,
      );
      await new Promise((r) => setTimeout(r, 2000));
      const notes = am.notifications();
      console.log(
        `fleet peak ${fleetPeak} req/s; Alertmanager notifications: ${
          JSON.stringify(notes.map((n) => [n.status, n.alerts.map((a) => a.labels.alertname)]))
        }`,
      );
      deepEqual(notes.map((n) => n.status), ["firing", "resolved"]);
      for (const n of notes) {
        deepEqual(n.alerts.map((a) => a.labels.alertname), ["MonilogFleetHighTraffic"]);
      }
      equal(fleetPeak > 15, true, `fleet ${fleetPeak}`);
      // No host crossed its own threshold: no agent alerted, and Prometheus saw no host alert.
      for (const a of agents) equal(a.events.some((e) => e.type === "alert"), false);
      equal(await query(prom, 'count(ALERTS{alertname="MonilogHostHighTraffic"})'), undefined);
    } finally {
      try {
        prometheus?.kill("SIGTERM");
        await prometheus?.status;
      } catch {
        // Already gone.
      }
      for (const a of agents) await a.stop();
      await am.stop();
      await Deno.remove(dir, { recursive: true });
    }
  }),
);

/** The first value of an instant query, or undefined when it returns nothing. */
async function query(prom: string, expr: string): Promise<number | undefined> {
  try {
    const r = await fetch(`${prom}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = await r.json();
    const value = body?.data?.result?.[0]?.value?.[1];
    return value === undefined ? undefined : Number(value);
  } catch {
    return undefined;
  }
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
