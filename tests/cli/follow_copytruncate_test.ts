/**
 * Copy-then-truncate followed at once by fast regrowth, through the real CLI: the file is emptied and
 * refilled past the old read position in one step, so its size alone does not show the truncation. The
 * follower must still read the new content from its start: every line counted once, none garbled.
 */
import { deepEqual, equal } from "node:assert/strict";
import { clfLine, LiveCli } from "../_helpers/cli.ts";

const T0 = 1_600_000_000;

function lines(count: number, from: number, path: string): string {
  return Array.from({ length: count }, (_, i) => clfLine(from + i, path)).join("\n") + "\n";
}

Deno.test("monitor counts every line when a copytruncate is followed at once by regrowth", async () => {
  const dir = await Deno.makeTempDir({ prefix: "monilog-copytruncate-" });
  const log = `${dir}/access.log`;
  await Deno.writeTextFile(log, "");
  const cli = new LiveCli(["monitor", "--file", log, "--json", "--from-start"]);
  try {
    await Deno.writeTextFile(log, lines(5, T0, "/first"), { append: true });
    await cli.waitForStderr("the first lines read", (l) => l.some((x) => x.includes("looks like")));
    // The follower is idle at the end of the file, as a monitor mostly is.
    await new Promise((r) => setTimeout(r, 2000));
    // One step: truncate to 0 and write 12 longer-than-before lines (O_TRUNC, then one write).
    await Deno.writeTextFile(log, lines(12, T0 + 10, "/second"));
    await cli.waitForStderr("the truncation seen", (l) => l.some((x) => x.includes("truncated")));
    await new Promise((r) => setTimeout(r, 500));
    const status = await cli.stop("SIGTERM");
    equal(status.code, 0, cli.stderrLines.join("\n"));
    const summary = cli.events.at(-1)!;
    equal(summary.type, "summary");
    deepEqual({ hits: summary.hits, invalid: summary.invalid }, { hits: 17, invalid: 0 });
  } finally {
    await cli.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
