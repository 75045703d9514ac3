/**
 * End-to-end: the real CLI follows a file while the test appends to it, rotates it by rename, copies and
 * truncates it, deletes and recreates it, and writes a line in two halves. Every line must be counted
 * exactly once, and the alert and the recovery (driven by the machine clock once the writer stops) must
 * appear. Time is driven by the lines' timestamps, with a short window, so nothing sleeps for minutes.
 */
import { deepEqual, equal } from "node:assert/strict";
import { clfLine, LiveCli, reportedHits } from "../_helpers/cli.ts";

const T0 = 1_600_000_000;

/** One past the newest second the monitor has reported on (stats and quiet events). */
function frontier(events: Array<Record<string, unknown>>): number {
  let end = 0;
  for (const e of events) {
    if ((e.type === "stats" || e.type === "quiet") && (e.end as number) > end) {
      end = e.end as number;
    }
  }
  return end;
}

Deno.test({
  name:
    "monitor follows a log through rotation, truncation and re-creation, counting each line once",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "monilog-follow-" });
    const log = `${dir}/access.log`;
    let second = T0;
    let written = 0;
    /**
     * Appends `perSecond` lines for each of `seconds` seconds to the live file. The monitor's clock
     * finalises seconds while the test waits between steps, so each step starts two seconds past the
     * last reported second: its lines are then never late, and every one must be reported.
     */
    const append = async (seconds: number, perSecond: number) => {
      second = Math.max(second, frontier(cli.events) + 2);
      const lines: string[] = [];
      for (let s = 0; s < seconds; s++, second++) {
        for (let i = 0; i < perSecond; i++) lines.push(clfLine(second, `/s${s % 3}/x`));
      }
      await Deno.writeTextFile(log, lines.join("\n") + "\n", { append: true });
      written += lines.length;
    };
    /** With --late 0 and --interval 1, every second before the newest is final and reported. */
    const caughtUp = (cli: LiveCli, perSecond: number) =>
      cli.waitFor(
        `stats up to second ${second - 2}`,
        (ev) => reportedHits(ev) >= written - perSecond,
      );

    const cli = new LiveCli([
      "monitor",
      "--file",
      log,
      "--json",
      "--threshold",
      "2",
      "--window",
      "5",
      "--interval",
      "1",
      "--late",
      "0",
    ]);
    try {
      // The file does not exist yet: the monitor says it waits, then reads it from its start.
      const deadline = Date.now() + 10_000;
      while (!cli.stderrLines.some((l) => l.includes("waiting for")) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      await append(5, 10);
      await caughtUp(cli, 10);

      // Rename-and-recreate, with lines appended to the old file just before the rename.
      await append(2, 10);
      await Deno.rename(log, `${log}.1`);
      await Deno.writeTextFile(log, "");
      await append(3, 10);
      await caughtUp(cli, 10);

      // Copy-then-truncate.
      await Deno.copyFile(log, `${log}.2`);
      await Deno.truncate(log, 0);
      await append(3, 10);
      await caughtUp(cli, 10);

      // Deletion, then re-creation.
      await Deno.remove(log);
      await new Promise((r) => setTimeout(r, 200));
      await append(3, 10);
      await caughtUp(cli, 10);

      // A line written in two halves is held until its newline, then counted once.
      second = Math.max(second, frontier(cli.events) + 2);
      const half = clfLine(second);
      await Deno.writeTextFile(log, half.slice(0, 30), { append: true });
      await new Promise((r) => setTimeout(r, 300));
      await Deno.writeTextFile(log, half.slice(30) + "\n", { append: true });
      written++;
      second++;
      await append(1, 10);
      await caughtUp(cli, 10);

      // The writer stops: log time advances with the clock, the window drains and traffic recovers.
      await cli.waitFor("the recovery", (ev) => ev.some((e) => e.type === "recover"), 20_000);
    } finally {
      const status = await cli.stop("SIGTERM");
      equal(status.code, 0, cli.stderrLines.join("\n"));
    }
    // Under a slow machine the gaps between steps may let the short window dip below the threshold,
    // so the exact count of alerts may vary; their alternation and the final recovery may not.
    const changes = cli.events.filter((e) => e.type === "alert" || e.type === "recover");
    equal(changes.length >= 2, true);
    changes.forEach((e, i) => equal(e.type, i % 2 === 0 ? "alert" : "recover"));
    equal(
      (changes.at(-1)!.time as number) >= second - 1,
      true,
      "recovered after the writer stopped",
    );
    const summary = cli.events.at(-1)!;
    equal(summary.type, "summary");
    equal(summary.hits, written, "every line counted exactly once");
    equal(summary.invalid, 0);
    // The notice counter's figures: one rename, one truncation, one removal — which a follower that
    // did not look while the file was gone sees as a replacement, like a rename.
    const files = summary.files as Record<string, number>;
    deepEqual([files.rotated + files.removed, files.truncated, files.oversized], [2, 1, 0]);
    equal(reportedHits(cli.events), written, "every line reported in exactly one interval");
    await Deno.remove(dir, { recursive: true });
  },
});
