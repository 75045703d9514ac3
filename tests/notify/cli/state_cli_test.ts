/**
 * `--state` with a notifier, through the real CLI and a real HTTP receiver: a monitor killed with
 * SIGKILL while its raise could not be delivered (the receiver was down) and started again delivers
 * that raise from the saved outbox, then the recovery of the same episode — the person on call hears
 * of the episode's start and its end, once each, although no single process saw both.
 */
import { deepEqual, equal } from "node:assert/strict";
import { clfLine, LiveCli } from "../../_helpers/cli.ts";
import { HttpRecorder } from "../../_helpers/http_recorder.ts";
import { EPISODE_OPTIONS } from "./_logs.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test({
  name:
    "monitor --state --webhook: after kill -9, the undelivered raise and then the recovery go out",
  sanitizeResources: false,
  async fn() {
    let up = false;
    const server = new HttpRecorder(() => ({ status: up ? 200 : 503 }));
    const dir = await Deno.makeTempDir({ prefix: "monilog-notify-state-" });
    const log = `${dir}/access.log`;
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const surge: string[] = [];
    for (let s = 0; s < 10; s++) for (let i = 0; i < 20; i++) surge.push(clfLine(t0 + s));
    await Deno.writeTextFile(log, surge.join("\n") + "\n");
    const run = () =>
      new LiveCli([
        ...["monitor", "--file", log, "--from-start", "--json", ...EPISODE_OPTIONS],
        ...["--state", `${dir}/state`, "--webhook", `${server.url}/hook`],
      ], { MONILOG_NOTIFY_TIME_SCALE: "0.01" });
    let first: LiveCli | undefined, second: LiveCli | undefined;
    try {
      first = run();
      await first.waitForStderr("the failing raise", (l) => l.some((x) => x.includes("retrying")));
      await sleep(1500); // a checkpoint or more with the raise undelivered
      await first.stop("SIGKILL");
      equal(server.accepted().length, 0);
      up = true;
      // The recovery's line, written while no monitor runs.
      await Deno.writeTextFile(log, clfLine(t0 + 100) + "\n", { append: true });
      second = run();
      await server.waitFor("the recovery", () => server.accepted().length >= 2, 20_000);
      await sleep(500);
      const accepted = server.accepted() as Array<Record<string, unknown>>;
      deepEqual(accepted.map((b) => b.type), ["alert", "recover"]);
      equal(accepted[0].episode, accepted[1].episode);
      // The restarted engine went on in the alert: it did not raise it again.
      equal(second.events.some((e) => e.type === "alert"), false);
      equal(second.events.some((e) => e.type === "recover"), true);
    } finally {
      await first?.stop("SIGKILL").catch(() => {});
      await second?.stop().catch(() => {});
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
