/**
 * End to end, as a user would run them: the generator writes a compressed-time profile with rotation on,
 * while the monitor follows the same file. The monitor must count exactly the lines written (across
 * every rotated file) and alert and recover at the log seconds the written lines imply, computed here
 * by an independent reference straight from spec §3.
 */
import { deepEqual, equal } from "node:assert/strict";
import { LiveCli, runCli } from "../_helpers/cli.ts";
import { parserFor } from "../../src/parse/mod.ts";
import { newRecord } from "../../src/record.ts";

/** Alerts and recoveries of an in-order log by the definition: counts over [T-W+1, T], strict >. */
function referenceAlerts(times: number[], window: number, threshold: number) {
  const perSecond = new Map<number, number>();
  for (const t of times) perSecond.set(t, (perSecond.get(t) ?? 0) + 1);
  const out: Array<[string, number, number]> = [];
  let alerting = false;
  let sum = 0;
  const first = Math.min(...times), last = Math.max(...times);
  for (let t = first; t <= last; t++) {
    sum += (perSecond.get(t) ?? 0) - (perSecond.get(t - window) ?? 0);
    if (!alerting && sum / window > threshold) out.push(["alert", t, sum]), alerting = true;
    else if (alerting && sum / window <= threshold) out.push(["recover", t, sum]), alerting = false;
  }
  return out;
}

Deno.test({
  name:
    "generate and monitor together: every line counted once through rotation, alerts where implied",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "monilog-e2e-" });
    const log = `${dir}/access.log`;
    const monitor = new LiveCli([
      "monitor",
      "--file",
      log,
      "--json",
      "--from-start",
      "--idle-timeout",
      "2",
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const gen = await runCli([
      "generate",
      "-o",
      log,
      "--format",
      "combined",
      "--rates",
      "6",
      "20",
      "2",
      "--durations",
      "60",
      "60",
      "90",
      "--speed",
      "60",
      "--seed",
      "11",
      "--start",
      "2026-01-01T00:00:00Z",
      "--rotate-lines",
      "300",
      "--keep",
      "20",
    ]);
    equal(gen.code, 0, gen.stderr);
    const status = await monitor.exited();
    equal(status.code, 0, monitor.stderrLines.join("\n"));

    // What was written, across the rotated files, oldest first.
    const names: string[] = [];
    for await (const e of Deno.readDir(dir)) names.push(e.name);
    names.sort((a, b) => rank(b) - rank(a));
    const times: number[] = [];
    const parse = parserFor("combined");
    const r = newRecord();
    for (const name of names) {
      for (const line of (await Deno.readTextFile(`${dir}/${name}`)).split("\n")) {
        if (line !== "" && parse(line, r) === null) times.push(r.time);
      }
    }
    await Deno.remove(dir, { recursive: true });
    equal(names.length > 3, true, "the generator rotated several times");

    const summary = monitor.events.at(-1)!;
    equal(summary.type, "summary");
    equal(summary.hits, times.length, "every written line counted exactly once");
    equal(summary.invalid, 0);
    const changes = monitor.events.filter((e) => e.type === "alert" || e.type === "recover")
      .map((e) => [e.type, e.time, e.hits]);
    const expected = referenceAlerts(times, 120, 10);
    deepEqual(expected.map((e) => e[0]), ["alert", "recover"], "the profile implies one alert");
    deepEqual(changes, expected);
  },
});

/** access.log → 0, access.log.N → N. */
function rank(name: string): number {
  const m = /\.(\d+)$/.exec(name);
  return m ? Number(m[1]) : 0;
}
