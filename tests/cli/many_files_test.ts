/**
 * Several logs as one: `--file` repeated or a pattern, a file that matches later picked up, one engine
 * whose events equal a replay of the merged lines; --by file counts each file's requests.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { clfLine, LiveCli, runCli } from "../_helpers/cli.ts";

const T0 = 1_767_225_600;
const changes = (events: Array<Record<string, unknown>>) =>
  events.filter((e) => e.type === "alert" || e.type === "recover").map((e) =>
    `${e.type} ${e.time} ${e.hits}`
  );

Deno.test("monitor follows a pattern's logs and one that appears later, as a replay of the merged lines", async () => {
  const dir = await Deno.makeTempDir({ prefix: "monilog-many-" });
  try {
    const names = ["www", "api", "static"].map((v) => `${dir}/${v}.access.log`);
    for (const n of names) await Deno.writeTextFile(n, "");
    const args = ["--json", "--window", "5", "--threshold", "5", "--late", "5", "--interval", "5"];
    const cli = new LiveCli([
      "monitor",
      ...args,
      "--from-start",
      "--by",
      "file",
      "--file",
      `${dir}/*.access.log`,
    ]);
    await cli.handlesStop();
    const merged: string[] = [];
    // 20 seconds of log time, one second per step: quiet, a surge, quiet again; a fourth log (the
    // shop's) appears at the eighth second.
    const perSecond = (s: number) => (s >= 6 && s < 12 ? 40 : 4);
    for (let s = 0; s < 20; s++) {
      if (s === 8) names.push(`${dir}/shop.access.log`);
      const lines = new Map<string, string[]>(names.map((n) => [n, []]));
      for (let i = 0; i < perSecond(s); i++) {
        const line = clfLine(T0 + s, `/p${i % 3}/x`);
        lines.get(names[i % names.length])!.push(line);
        merged.push(line);
      }
      for (const [n, ls] of lines) {
        await Deno.writeTextFile(n, ls.map((l) => l + "\n").join(""), { append: true });
      }
      await new Promise((r) => setTimeout(r, 400));
    }
    // A last line well after: the window drains in both runs.
    const last = clfLine(T0 + 40);
    await Deno.writeTextFile(names[0], last + "\n", { append: true });
    merged.push(last);
    await cli.waitFor("the recovery", (ev) => ev.some((e) => e.type === "recover"), 20_000);
    const status = await cli.stop("SIGTERM");
    equal(status.code, 0, cli.stderrLines.join("\n"));

    await Deno.writeTextFile(`${dir}/merged.log`, merged.join("\n") + "\n");
    const replay = await runCli(["monitor", "--once", ...args, "--file", `${dir}/merged.log`]);
    const replayed = replay.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const changesReplayed = changes(replayed);
    equal(changesReplayed.length, 2, replay.stdout);
    deepEqual(changes(cli.events), changesReplayed);
    const summary = cli.events.at(-1)!;
    equal(summary.hits, merged.length);
    equal(summary.hits, replayed.at(-1).hits);
    const byFile = summary.byFile as Array<{ file: string; hits: number }>;
    deepEqual(byFile.map((f) => f.file).sort(), [...names].sort());
    equal(byFile.reduce((n, f) => n + f.hits, 0), merged.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor --once reads repeated --file logs one after another, oldest first", async () => {
  const dir = await Deno.makeTempDir({ prefix: "monilog-many-" });
  try {
    const older = Array.from({ length: 30 }, (_, i) => clfLine(T0 + i));
    const newer = Array.from({ length: 30 }, (_, i) => clfLine(T0 + 30 + i));
    await Deno.writeTextFile(`${dir}/a.log.1`, older.join("\n") + "\n");
    await Deno.writeTextFile(`${dir}/a.log`, newer.join("\n") + "\n");
    const out = await runCli([
      ...["monitor", "--once", "--json", "--by", "file"],
      ...["--file", `${dir}/a.log.1`, "--file", `${dir}/a.log`],
    ]);
    equal(out.code, 0, out.stderr);
    const summary = JSON.parse(out.stdout.trim().split("\n").at(-1)!);
    deepEqual([summary.hits, summary.late, summary.skewed], [60, 0, 0]);
    deepEqual(summary.byFile, [
      { file: `${dir}/a.log`, hits: 30 },
      { file: `${dir}/a.log.1`, hits: 30 },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor refuses a pattern with wildcards in its directory, and - beside other logs", async () => {
  const bad = await runCli(["monitor", "--file", "/var/log/*/access.log"]);
  equal(bad.code, 2);
  match(
    bad.stderr,
    /^monilog: --file: "\/var\/log\/\*\/access.log": wildcards may only be in the file name/,
  );
  const stdin = await runCli(["monitor", "--file", "-", "--file", "a.log"]);
  equal(stdin.code, 2);
  match(stdin.stderr, /--file: - \(standard input\) cannot be read beside other logs/);
});
