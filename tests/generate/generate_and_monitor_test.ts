/**
 * End to end, as a user would run them: the generator writes a compressed-time profile with rotation on,
 * while the monitor follows the same file. The monitor must count exactly the lines written (across
 * every rotated file) and alert and recover at the log seconds the written lines imply, computed here
 * by an independent reference straight from spec §3.
 */
import { deepEqual, equal } from "node:assert/strict";
import { cliEnv, REPO_ROOT, runCli } from "../_helpers/cli.ts";
import { runtimeArgs } from "../../tasks/runtime_flags.ts";
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

/** Starts `monilog monitor ARGS…` and collects its JSON events. */
function startMonitor(args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", ...runtimeArgs(), "main.ts", "monitor", ...args],
    cwd: REPO_ROOT,
    env: cliEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.status,
  ]);
  return {
    pid: child.pid,
    async done() {
      const [stdout, stderr, status] = await output;
      const events = stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
      return { events, stderr, code: status.code };
    },
  };
}

/**
 * Waits until process `pid` holds `path` open, so that no rotation can happen before the follower
 * has the file (lines moved to `.1` before it opened the log would never reach it: that is tail -F's
 * contract too). Where /proc is missing, a generous pause stands in.
 */
async function waitUntilOpen(pid: number, path: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      for await (const fd of Deno.readDir(`/proc/${pid}/fd`)) {
        const target = await Deno.readLink(`/proc/${pid}/fd/${fd.name}`).catch(() => "");
        if (target === path) return;
      }
    } catch {
      await new Promise((r) => setTimeout(r, 1500));
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the monitor did not open ${path} within 15 s`);
}

Deno.test({
  name:
    "generate and monitor together: every line counted once through rotation, alerts where implied",
  async fn() {
    const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "monilog-e2e-" }));
    const log = `${dir}/access.log`;
    try {
      await Deno.writeTextFile(log, "");
      const monitor = startMonitor([
        "--file",
        log,
        "--json",
        "--from-start",
        "--idle-timeout",
        "3",
      ]);
      await waitUntilOpen(monitor.pid, log);
      // 210 s of traffic around a surge to 20/s, at 60x: about 3.5 s, rotating every 300 lines.
      const gen = await runCli([
        "generate",
        ...["-o", log, "--format", "combined", "--seed", "11", "--start", "2026-01-01T00:00:00Z"],
        ...["--rates", "6", "20", "2", "--durations", "60", "60", "90", "--speed", "60"],
        ...["--rotate-lines", "300", "--keep", "20"],
      ]);
      equal(gen.code, 0, gen.stderr);
      const { events, stderr, code } = await monitor.done();
      equal(code, 0, stderr);

      // What was written, across the rotated files, oldest first.
      const names: string[] = [];
      for await (const e of Deno.readDir(dir)) names.push(e.name);
      names.sort((a, b) => rank(b) - rank(a));
      const times: number[] = [];
      const parse = parserFor("combined");
      const r = newRecord();
      for (const name of names) {
        for (const line of (await Deno.readTextFile(`${dir}/${name}`)).split("\n")) {
          if (line !== "") equal(parse(line, r), null, line), times.push(r.time);
        }
      }
      const rotations = Number(/(\d+) rotations/.exec(gen.stderr)?.[1]);
      equal(names.length, rotations + 1, "every rotated file was kept");
      equal(rotations > 3, true, "the generator rotated several times");

      const summary = events.at(-1)!;
      equal(summary.type, "summary");
      equal(summary.hits, times.length, "every written line counted exactly once");
      equal(summary.invalid, 0);
      equal(summary.late, 0);
      const changes = events.filter((e) => e.type === "alert" || e.type === "recover")
        .map((e) => [e.type, e.time, e.hits]);
      const expected = referenceAlerts(times, 120, 10);
      deepEqual(expected.map((e) => e[0]), ["alert", "recover"], "the profile implies one alert");
      deepEqual(changes, expected);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** access.log → 0, access.log.N → N. */
function rank(name: string): number {
  const m = /\.(\d+)$/.exec(name);
  return m ? Number(m[1]) : 0;
}
