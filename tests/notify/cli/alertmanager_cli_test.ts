/**
 * `monitor --alertmanager` end to end: the real CLI follows a log that `monilog generate` writes in
 * real time — calm, a surge of 8 s, calm — and posts to a real Alertmanager (started here, no
 * gossip, resolve_timeout 2 s), whose webhook receiver is a server in this test. The re-post runs
 * every 600 ms (MONILOG_NOTIFY_TIME_SCALE=0.02 of 30 s) with endsAt 2.4 s ahead, so the alert can
 * only stay firing through the 8 s surge, longer than resolve_timeout and than endsAt, if the
 * re-posts arrive (without them this test fails: tried).
 */
import { deepEqual, equal } from "node:assert/strict";
import { LiveCli, REPO_ROOT, runCli } from "../../_helpers/cli.ts";
import { ALERTMANAGER, TestAlertmanager } from "../../_helpers/alertmanager.ts";
import { needs } from "../../_helpers/requires.ts";
import { runtimeArgs } from "../../../tasks/runtime_flags.ts";

Deno.test(
  needs("monitor --alertmanager: one firing and one resolved notification for a generated surge", [
    ALERTMANAGER,
  ], async () => {
    const am = await TestAlertmanager.start("2s");
    const dir = await Deno.makeTempDir({ prefix: "monilog-am-cli-" });
    const log = `${dir}/access.log`;
    await Deno.writeTextFile(log, "");
    const cli = new LiveCli(
      [
        "monitor",
        "--file",
        log,
        "--json",
        "--window",
        "3",
        "--threshold",
        "10",
        "--interval",
        "5",
        "--alertmanager",
        am.url,
      ],
      { MONILOG_NOTIFY_TIME_SCALE: "0.02" },
    );
    // 2 req/s for 3 s, 40 req/s for 8 s, 2 req/s for 30 s (stopped before).
    const generator = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-q",
        ...runtimeArgs(),
        "main.ts",
        "generate",
        "--rates",
        "2",
        "40",
        "2",
        "--durations",
        "3",
        "8",
        "30",
        "--seed",
        "13",
        "--output",
        log,
      ],
      cwd: REPO_ROOT,
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      await cli.waitFor("the alert", (e) => e.some((x) => x.type === "alert"), 20_000);
      await am.hook.waitFor(
        "the firing notification",
        () => am.notifications().length >= 1,
        10_000,
      );
      // Well past resolve_timeout (2 s) into the surge: still firing, still one notification.
      await new Promise((r) => setTimeout(r, 4000));
      const alerts = await am.alerts();
      equal(alerts.length, 1);
      equal(alerts[0].status.state, "active");
      equal(am.notifications().length, 1);
      await cli.waitFor("the recovery", (e) => e.some((x) => x.type === "recover"), 20_000);
      await am.hook.waitFor(
        "the resolved notification",
        () => am.notifications().length >= 2,
        10_000,
      );
      // Give Alertmanager a few group intervals to send anything else it would.
      await new Promise((r) => setTimeout(r, 3000));
      const notes = am.notifications();
      console.log(
        `Alertmanager notifications: ${
          JSON.stringify(notes.map((n) => [n.status, n.alerts[0].labels]))
        }`,
      );
      deepEqual(notes.map((n) => n.status), ["firing", "resolved"]);
      for (const n of notes) {
        equal(n.alerts.length, 1);
        deepEqual(n.alerts[0].labels, {
          alertname: "MonilogHighTraffic",
          host: Deno.hostname(),
          file: log,
        });
      }
      equal(
        notes[0].alerts[0].annotations.summary.startsWith(
          "High traffic generated an alert - hits = ",
        ),
        true,
      );
      equal(cli.events.filter((e) => e.type === "alert").length, 1);
    } finally {
      try {
        generator.kill("SIGTERM");
      } catch {
        // Already done.
      }
      await generator.status;
      await cli.stop();
      await am.stop();
      await Deno.remove(dir, { recursive: true });
    }
  }),
);

Deno.test(
  needs("notify-test --alertmanager: a test alert that Alertmanager takes and routes", [
    ALERTMANAGER,
  ], async () => {
    const am = await TestAlertmanager.start();
    try {
      const { code, stdout, stderr } = await runCli([
        "notify-test",
        "--alertmanager",
        am.url,
        "--file",
        "/var/log/x.log",
      ]);
      equal(code, 0, stderr);
      equal(stdout.trim(), `ok      alertmanager ${am.url.slice(7)}`);
      const alerts = await am.alerts();
      equal(alerts.length, 1);
      deepEqual(alerts[0].labels, {
        alertname: "MonilogNotifyTest",
        host: Deno.hostname(),
        file: "/var/log/x.log",
      });
      await am.hook.waitFor("the test notification", () => am.notifications().length >= 1);
      equal(am.notifications()[0].status, "firing");
    } finally {
      await am.stop();
    }
  }),
);
