/**
 * The torture run: a writer with a unique id on every line (its size field), random rotations of every
 * kind — rename, copy-then-truncate, delete and re-create, a file that lives a few milliseconds at the
 * path — and random `kill -9` of the monitor, each time started again with the same --state. At the
 * end the last run's summary must have counted every line exactly once: as many hits as lines
 * written, and the sum of the ids as bytes (a line lost or counted twice changes both); and the
 * runs' events together are those of an uninterrupted replay of the lines as written — the same
 * alerts and recoveries, the same hits in every complete interval. logrotate's
 * own race (lines written between its copy and its truncate) is kept out: this writer pauses for
 * them, as the issue describes.
 *
 * In CI a short form (45 s of every kind mixed); `deno task torture` the long form (300 s, or
 * MONILOG_TORTURE_SECONDS), and MONILOG_TORTURE_KINDS picks the kinds (`;` between runs, `,`
 * between the kinds of one run); MONILOG_TORTURE_SEED replays a run's draws.
 */
import { deepEqual, equal } from "node:assert/strict";
import { clfLine, LiveCli, runCli } from "../_helpers/cli.ts";

const SECONDS = Number(
  Deno.env.get("MONILOG_TORTURE_SECONDS") ?? (Deno.env.get("MONILOG_TORTURE_LONG") ? "300" : "45"),
);
const KNOWN_KINDS = ["rename", "copytruncate", "recreate", "brief", "kill"];
/** The kinds of each run (see above). */
const RUNS = (Deno.env.get("MONILOG_TORTURE_KINDS") ?? KNOWN_KINDS.join(",")).split(";").map((k) =>
  k.split(",")
);
// A mistyped setting must not make a run that tortures nothing and passes.
if (!(SECONDS > 0)) throw new Error(`MONILOG_TORTURE_SECONDS: not a number of seconds`);
for (const kind of RUNS.flat()) {
  if (!KNOWN_KINDS.includes(kind)) {
    throw new Error(`MONILOG_TORTURE_KINDS: unknown kind "${kind}" (${KNOWN_KINDS.join(", ")})`);
  }
}

/** A 10 s window over 100 req/s: busy spells raise the alert, quiet ones let it recover. */
const ALERT_OPTIONS = ["--window", "10", "--threshold", "100"];
const SPELL_MS = 8000;

/** A small seeded generator, so that a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const KINDS of RUNS) {
  Deno.test({
    name: `monilog --state counts every line once through ${SECONDS} s of ${KINDS.join(", ")}`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const seed = Number(Deno.env.get("MONILOG_TORTURE_SEED") ?? Date.now() % 100_000);
      const rand = random(seed);
      const dir = await Deno.makeTempDir({ prefix: "monilog-torture-" });
      const log = `${dir}/access.log`;
      await Deno.writeTextFile(log, "");
      const start = () =>
        new LiveCli([
          ...["monitor", "--json", "--from-start", "--state", `${dir}/state`, "--file", log],
          // A late allowance as long as a restart: lines read after one are in order.
          ...["--late", "30", ...ALERT_OPTIONS],
        ]);
      // A copy-then-truncate of lines the follower has not reached yet, before it even opened the
      // file, cannot be seen (nothing it read changed): rotations start once it reads.
      const reading = (m: LiveCli) =>
        m.waitForStderr("the first lines read", (ls) => ls.some((l) => l.includes("looks like")));
      let monitor = start();
      /** Every run's events, in order: a run killed after its last checkpoint is gone on with. */
      const runs: LiveCli[] = [monitor];
      /** Every line, as written: what an uninterrupted replay reads. */
      const written: string[] = [];
      await monitor.handlesStop();
      const t0 = Math.floor(Date.now() / 1000);
      written.push(clfLine(t0, "/first", 200, 1));
      await Deno.writeTextFile(log, written[0] + "\n", { append: true });
      let id = 1;
      let sum = 1;
      await reading(monitor);
      const kinds: Record<string, number> = {};
      let truncations = 0;
      // Copy-then-truncate only a second or more after the last rotation of any kind, as logrotate
      // spaces them (by days): the follower has read what came since. One right after another, on
      // a file it has read nothing of yet (its offset 0), cannot be told from the file.
      let lastRotation = 0;
      let rotated = 0;
      /** Shifts access.log.N to .N+1, logrotate-style, and returns the name for the newest copy. */
      const shift = async () => {
        for (let n = rotated; n >= 1; n--) await Deno.rename(`${log}.${n}`, `${log}.${n + 1}`);
        rotated++;
        return `${log}.1`;
      };
      const write = async (path: string, lines: number) => {
        let text = "";
        const t = Math.floor(Date.now() / 1000);
        for (let i = 0; i < lines; i++) {
          id++;
          sum += id;
          const line = clfLine(t, `/t${id % 7}/x`, 200, id);
          written.push(line);
          text += line + "\n";
        }
        await Deno.writeTextFile(path, text, { append: true });
      };
      try {
        const end = Date.now() + SECONDS * 1000;
        while (Date.now() < end) {
          // Busy and quiet spells (about 350 and 25 lines a second) take the alert up and down.
          const busy = Math.floor((Date.now() - t0 * 1000) / SPELL_MS) % 2 === 0;
          await write(log, busy ? 5 + Math.floor(rand() * 40) : 1 + Math.floor(rand() * 3));
          const r = rand();
          // One step in five rotates or kills, the kind drawn among those asked for.
          const kind = r < 0.2 ? KINDS[Math.floor((r / 0.2) * KINDS.length)] : "";
          if (kind !== "") kinds[kind] = (kinds[kind] ?? 0) + 1;
          if (kind === "kill") {
            await monitor.stop("SIGKILL");
            await write(log, 20); // written while no monitor runs
            monitor = start();
            runs.push(monitor);
            await monitor.handlesStop();
            await reading(monitor);
            truncations = 0; // a new process says its own
          } else if (kind === "rename") {
            await Deno.rename(log, await shift());
            await Deno.writeTextFile(log, "");
            lastRotation = Date.now();
          } else if (kind === "copytruncate" && Date.now() - lastRotation > 1000) {
            // The writer pauses between logrotate's copy and its truncate (the inherent race).
            await Deno.copyFile(log, await shift());
            await Deno.truncate(log, 0);
            // Truncations come a rotation period apart, as logrotate makes them: the next one after
            // this one was seen. (Two within one look, the second before anything after the first
            // was read, leave the follower at offset 0 with nothing it read changed: that second
            // copy cannot be told from the file.)
            const seen = ++truncations;
            await monitor.waitForStderr(
              "the truncation seen",
              (ls) => ls.filter((l) => l.includes("was truncated")).length >= seen,
              10_000,
            ).catch(() => {});
            lastRotation = Date.now();
          } else if (kind === "recreate") {
            await Deno.rename(log, await shift()); // then "deleted" under its rotated name
            await Deno.writeTextFile(log, "");
            lastRotation = Date.now();
          } else if (kind === "brief") {
            // A file at the path for a few milliseconds: renamed in, written, renamed away.
            await Deno.rename(log, await shift());
            await write(log, 20);
            await Deno.rename(log, await shift());
            await Deno.writeTextFile(log, "");
            lastRotation = Date.now();
          }
          await sleep(20 + rand() * 80);
        }
        // Let the last run catch up: every line read, then stop it for its summary.
        const total = id;
        await monitor.waitFor(
          "the last lines read",
          (ev) => ev.some((e) => e.type === "stats" && (e.end as number) > 0),
          20_000,
        ).catch(() => {});
        await sleep(3000);
        const status = await monitor.stop("SIGTERM");
        equal(status.code, 0, monitor.stderrLines.join("\n"));
        const summary = monitor.events.at(-1)!;
        equal(summary.type, "summary");
        const said = `seed ${seed}, ${
          JSON.stringify(kinds)
        }, invalid ${summary.invalid}, skewed ${summary.skewed}, files ${
          JSON.stringify(summary.files)
        }; stderr: ${monitor.stderrLines.slice(-5).join(" | ")}`;
        equal(summary.hits, total, `hits ${summary.hits} of ${total}: ${said}`);
        equal(summary.bytes, sum, `bytes (the sum of the ids) ${summary.bytes} of ${sum}: ${said}`);
        equal(summary.invalid, 0, said);

        // The events of all runs, each interval as last reported (a run killed after its last
        // checkpoint reported some that the next one reported again), against a replay.
        const all = `${dir}/as-written.txt`;
        await Deno.writeTextFile(all, written.join("\n") + "\n");
        const replay = await runCli([
          ...["monitor", "--once", "--json", "--late", "30", ...ALERT_OPTIONS, "--file", all],
        ]);
        equal(replay.code, 0, replay.stderr);
        const expected = replay.stdout.trim().split("\n").map((l) => JSON.parse(l));
        const live = runs.flatMap((m) => m.events);
        const changes = (events: Array<Record<string, unknown>>) => [
          ...new Set(
            events.filter((e) => e.type === "alert" || e.type === "recover").map((e) =>
              `${e.type} ${e.time}`
            ),
          ),
        ];
        deepEqual(changes(live), changes(expected), said);
        const intervals = (events: Array<Record<string, unknown>>) => {
          const hits = new Map<number, number>();
          for (const e of events) {
            if (e.type === "stats" && !e.partial) hits.set(e.start as number, e.hits as number);
          }
          return hits;
        };
        const liveHits = intervals(live);
        const last = Math.max(...liveHits.keys());
        // The live runs' last complete interval may come after the replay's (the replay ends at
        // its last line); every interval before it must agree.
        const mismatched = [...intervals(expected)].filter(([start, hits]) =>
          start < last && liveHits.get(start) !== hits
        ).map(([start, hits]) => `${start}: ${liveHits.get(start)} against ${hits}`);
        deepEqual(mismatched, [], said);
        console.log(
          `torture: ${total} lines counted once each, ${liveHits.size} intervals and ` +
            `${changes(expected).join(", ")} as in a replay; ${
              JSON.stringify(kinds)
            }; seed ${seed}`,
        );
      } finally {
        await monitor.stop("SIGKILL").catch(() => {});
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
