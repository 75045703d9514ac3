/**
 * Spec §5's worked cases through the real CLI: a lone line stamped 2100 or 1970, a clock put back an
 * hour for ten minutes, a quiet gap of 100,000 s — in a replay and while following, with the same
 * events.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { clfLine, FIXTURES, LiveCli, runCli } from "../_helpers/cli.ts";

type Event = Record<string, unknown>;

const changes = (events: Event[]) =>
  events.filter((e) => e.type === "alert" || e.type === "recover").map((e) =>
    `${e.type} ${e.time} ${e.hits}`
  );

/** `perSecond` CLF lines a second for `seconds` seconds from `t0`. */
function traffic(t0: number, perSecond: number, seconds: number): string[] {
  const lines: string[] = [];
  for (let s = 0; s < seconds; s++) for (let i = 0; i < perSecond; i++) lines.push(clfLine(t0 + s));
  return lines;
}

async function withFile(text: string, fn: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "monilog-skew-" });
  try {
    await Deno.writeTextFile(`${dir}/access.log`, text);
    await fn(`${dir}/access.log`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const SPEC_EVENTS = [
  "alert 1549573956 1206",
  "recover 1549574043 1198",
  "alert 1549574163 1218",
  "recover 1549574302 1196",
];

for (const [year, stamp] of [["2100", 4102444800], ["1970", 0]] as const) {
  Deno.test(`monitor --once on sample_csv.txt with a line stamped ${year} gives spec §3's events, skewed 1`, async () => {
    const lines = (await Deno.readTextFile(`${FIXTURES}sample_csv.txt`)).split("\n");
    lines.splice(2400, 0, `"10.0.0.9","-","apache",${stamp},"GET /api/user HTTP/1.0",200,1234`);
    await withFile(lines.join("\n"), async (path) => {
      const out = await runCli(["monitor", "--once", "--json", "--file", path]);
      equal(out.code, 0, out.stderr);
      const events = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
      deepEqual(changes(events), SPEC_EVENTS);
      const summary = events.at(-1);
      deepEqual([summary.hits, summary.skewed], [4830, 1]);
      equal(events.filter((e) => e.type === "stats").reduce((n, e) => n + e.skewed, 0), 1);
      match(out.stderr, new RegExp(`line 2401 of "${path}" is stamped ${year}-01-01T00:00:00`));
    });
  });
}

/** Replays `lines`, then follows them written in `parts`; returns both runs' events and stderr. */
async function replayAndFollow(parts: string[][], args: string[]) {
  let replay: { events: Event[]; stderr: string } | undefined;
  await withFile(parts.flat().join("\n") + "\n", async (path) => {
    const out = await runCli(["monitor", "--once", "--json", "--file", path, ...args]);
    equal(out.code, 0, out.stderr);
    replay = {
      events: out.stdout.trim().split("\n").map((l) => JSON.parse(l)),
      stderr: out.stderr,
    };
  });
  let follow: { events: Event[]; stderr: string } | undefined;
  await withFile("", async (path) => {
    // From the start of the (empty) file: what is written before the follower opens it counts too.
    const cli = new LiveCli(["monitor", "--json", "--from-start", "--file", path, ...args]);
    await cli.handlesStop();
    for (const part of parts) {
      await Deno.writeTextFile(path, part.join("\n") + "\n", { append: true });
      // Each part is read before the next is written: the monitor sees the jump as it happens.
      await cli.waitFor("the part read", (ev) => ev.some((e) => e.type === "stats"), 20_000)
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
    }
    await cli.stop("SIGTERM");
    follow = { events: cli.events, stderr: cli.stderrLines.join("\n") };
  });
  return { replay: replay!, follow: follow! };
}

const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

Deno.test("monitor re-bases once when the log's clock steps back an hour for ten minutes", async () => {
  // 12 req/s (above 10 over 120 s) across the step: the alert stays; then 1 req/s: it recovers.
  const parts = [
    traffic(T0, 12, 300),
    traffic(T0 + 300 - 3600, 12, 300),
    traffic(T0 + 600 - 3600, 1, 300),
  ];
  const { replay, follow } = await replayAndFollow(parts, []);
  for (const [how, run] of [["replay", replay], ["follow", follow]] as const) {
    const events = run.events;
    deepEqual(changes(events).map((c) => c.split(" ")[0]), ["alert", "recover"], how);
    // From the newest line before the step (T0+299) to the first after it (T0+300-3600).
    equal((run.stderr.match(/log time jumps back 59m59s/g) ?? []).length, 1, run.stderr);
    // Reports go on in the new time: intervals after the step.
    const afterStep = events.filter((e) => e.type === "stats" && (e.start as number) < T0);
    equal(afterStep.length >= 50, true, `${how}: ${afterStep.length} intervals after the step`);
    const summary = events.at(-1)!;
    equal(summary.hits, 300 * 12 + 300 * 12 + 300, how);
    equal(summary.skewed, 0, how);
  }
  deepEqual(changes(follow.events), changes(replay.events));
});

Deno.test("monitor keeps the exact events of a 100,000 s quiet gap, replayed or followed", async () => {
  // 25 req/s for 60 s: above 1200 over 120 s from t+48; the window drains to 1200 at t+131.
  const t1 = T0 + 100_000;
  // A last line 200 s later drains the second window, as in spec §3's examples.
  const parts = [traffic(T0, 25, 60), [...traffic(t1, 25, 60), clfLine(t1 + 200)]];
  const { replay, follow } = await replayAndFollow(parts, []);
  const expected = [
    `alert ${T0 + 48} 1225`,
    `recover ${T0 + 131} 1200`,
    `alert ${t1 + 48} 1225`,
    `recover ${t1 + 131} 1200`,
  ];
  deepEqual(changes(replay.events), expected);
  deepEqual(changes(follow.events), expected);
  equal(replay.events.at(-1)!.skewed, 0);
});

Deno.test("monitor says once how late the elastic sample's lines are, and the --late that counts them", async () => {
  const log = `${FIXTURES}clf/elastic/apache_logs`;
  const plain = await runCli(["monitor", "--once", "--json", "--file", log]);
  equal(plain.code, 0, plain.stderr);
  const said = plain.stderr.split("\n").filter((l) => l.includes("came after their interval"));
  equal(said.length, 1, plain.stderr);
  match(said[0], /up to 59 s behind the newest line: --late 59 would count them/);
  // The counters add up: what the intervals counted plus what missed them is every line.
  const events = plain.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const stats = events.filter((e) => e.type === "stats");
  const sum = (key: string) => stats.reduce((n, e) => n + e[key], 0);
  equal(sum("hits") + sum("late"), 10_000);
  equal(events.at(-1).unreported, sum("late"));

  // With the --late it suggests, every 10 s report matches a count made here from the timestamps.
  const counted = await runCli(["monitor", "--once", "--json", "--late", "59", "--file", log]);
  const reports = counted.stdout.trim().split("\n").map((l) => JSON.parse(l))
    .filter((e) => e.type === "stats" && e.hits > 0);
  const months: Record<string, number> = { May: 4 };
  const buckets = new Map<number, number>();
  for (const line of (await Deno.readTextFile(log)).split("\n")) {
    const m = /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) \+0000\]/.exec(line);
    if (!m) continue;
    const t = Date.UTC(+m[3], months[m[2]], +m[1], +m[4], +m[5], +m[6]) / 1000;
    const start = Math.floor(t / 10) * 10;
    buckets.set(start, (buckets.get(start) ?? 0) + 1);
  }
  equal(reports.length, buckets.size);
  for (const r of reports) equal(r.hits, buckets.get(r.start), `interval ${r.start}`);
  equal(reports.reduce((n, r) => n + r.late, 0), 0);
});
