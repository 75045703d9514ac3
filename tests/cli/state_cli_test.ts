/**
 * `--state` through the real CLI: a monitor killed with SIGKILL mid-alert and started again goes on
 * where it was — the lines written while it was down are counted once, the alert is still active and
 * recovers at the second an uninterrupted replay of the same lines gives.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { clfLine, LiveCli, runCli } from "../_helpers/cli.ts";

const changes = (events: Array<Record<string, unknown>>) =>
  events.filter((e) => e.type === "alert" || e.type === "recover").map((e) =>
    `${e.type} ${e.time} ${e.hits}`
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test({
  name:
    "monitor --state goes on after kill -9 mid-alert: lines once, the alert kept, the same recovery",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "monilog-state-" });
    const log = `${dir}/access.log`;
    await Deno.writeTextFile(log, "");
    // A late allowance of 5 s: a writer delayed by a loaded machine still writes in order for both runs.
    const args = [
      "--json",
      "--window",
      "10",
      "--threshold",
      "10",
      "--interval",
      "5",
      "--late",
      "5",
    ];
    // From the start of the (empty) log: lines written before the follower opens it count too.
    const run = () =>
      new LiveCli(["monitor", ...args, "--from-start", "--state", `${dir}/state`, "--file", log]);
    let written = 0;
    // A server's writes: this second's lines, stamped now, at 20/s for 12 s, then 2/s.
    const writeSecond = async (perSecond: number) => {
      const t = Math.floor(Date.now() / 1000);
      const lines = Array.from({ length: perSecond }, (_, i) => clfLine(t, `/p${i % 4}/x`));
      await Deno.writeTextFile(log, lines.map((l) => l + "\n").join(""), { append: true });
      written += perSecond;
      await sleep(1000 - (Date.now() % 1000));
    };
    try {
      const first = run();
      await first.handlesStop();
      let s = 0;
      while (!first.events.some((e) => e.type === "alert")) {
        if (s++ > 20) throw new Error(`no alert: ${first.stderrLines.join(" | ")}`);
        await writeSecond(20);
      }
      await sleep(1200); // a checkpoint or more after the alert
      await first.stop("SIGKILL");
      // Written while no monitor runs.
      await writeSecond(20);
      await writeSecond(20);
      const second = run();
      await second.handlesStop();
      for (let i = 0; i < 3; i++) await writeSecond(20);
      for (let i = 0; i < 12; i++) await writeSecond(2);
      await second.waitFor("the recovery", (ev) => ev.some((e) => e.type === "recover"), 20_000);
      const status = await second.stop("SIGTERM");
      equal(status.code, 0, second.stderrLines.join("\n"));

      const replay = await runCli(["monitor", "--once", ...args, "--file", log]);
      const expected = changes(replay.stdout.trim().split("\n").map((l) => JSON.parse(l)));
      equal(expected.length >= 2, true, replay.stdout);
      const [alert, recover] = expected;
      // The first run raised the alert; the second goes on in it (raising it again only if the
      // last checkpoint before the kill came before the alert: then at the very same second).
      equal(changes(first.events).includes(alert), true, changes(first.events).join());
      const again = changes(second.events).filter((c) => c !== alert);
      deepEqual(again, [recover]);
      // Every line counted once across the two runs: the second's summary has the totals.
      const summary = second.events.at(-1)!;
      equal(summary.type, "summary");
      equal(summary.hits, written);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("monitor refuses a state written for other options, in one line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "monilog-state-" });
  try {
    const log = `${dir}/access.log`;
    await Deno.writeTextFile(log, clfLine(1_767_225_600) + "\n");
    const a = new LiveCli(["monitor", "--json", "--state", `${dir}/s`, "--file", log]);
    await a.handlesStop();
    await sleep(1500); // one checkpoint at least
    await a.stop("SIGTERM");
    const b = await runCli(["monitor", "--window", "60", "--state", `${dir}/s`, "--file", log]);
    equal(b.code, 1);
    const lines = b.stderr.trimEnd().split("\n");
    equal(lines.length, 1, b.stderr);
    match(
      lines[0],
      /^monilog: The state ".*monilog-state.json" is for another run \(--window 60 where it has 120\)/,
    );
    const once = await runCli(["monitor", "--once", "--state", `${dir}/s`, "--file", log]);
    equal(once.code, 2);
    match(once.stderr, /--state: only for following files/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
