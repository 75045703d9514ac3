/**
 * `deno task follow-bench [--seconds S] [--rates 1000,5000,50000]`: what following costs. A writer
 * appends Common lines to a log at each rate with one write() per line, as nginx and Apache write
 * their access logs; `monilog monitor` (as users run it) and `tail -F` follow it side by side; the CPU
 * each used over the run is read from /proc (user + system time) and printed as a share of one core,
 * with how far behind the writer the monitor's reports were (lag).
 *
 * What the measurements taught: the follower's cost went with wake-ups, not lines — one file-system
 * event and one read per write() — until reads were coalesced: after a read that found data, the
 * follower pauses 100 ms without a watch (wake_signal.ts pause()), so a busy log costs about ten reads
 * a second whatever the number of writes, and an alert still shows well within a second.
 */
import { parseTaskOptions } from "../src/cli/cli_app.ts";
import { runtimeArgs } from "./runtime_flags.ts";
import { clfTimestamp } from "../src/generate/line_format.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const o = await parseTaskOptions(
  "follow-bench",
  "CPU of the follower beside tail -F at several write rates.",
  [
    { key: "seconds", value: "s", default: "10", help: "seconds of writing at each rate" },
    {
      key: "rates",
      value: "list",
      default: "1000,5000,50000",
      help: "lines per second, comma-separated",
    },
  ],
  Deno.args,
) as { seconds: string; rates: string };

/** User + system CPU seconds of process `pid` so far (from /proc, through cat). */
async function cpuSeconds(pid: number): Promise<number> {
  const out = await new Deno.Command("cat", { args: [`/proc/${pid}/stat`] }).output();
  const fields = new TextDecoder().decode(out.stdout).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** A Common line for second `t`, its client and path varied by `i`. */
function clfLine(t: number, i: number): string {
  return `10.0.${i % 250}.${i % 7} - - [${clfTimestamp(t)}] "GET /api/item/${i % 100} HTTP/1.1" ` +
    `200 ${100 + (i % 900)}\n`;
}

console.log("| lines/s, one write() each | monilog monitor CPU | tail -F CPU | lines counted |");
console.log("| ---: | ---: | ---: | ---: |");
for (const rate of o.rates.split(",").map(Number)) {
  const dir = await Deno.makeTempDir({ prefix: "monilog-follow-bench-" });
  const log = `${dir}/access.log`;
  await Deno.writeTextFile(log, "");
  const monitor = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", ...runtimeArgs(), `${ROOT}main.ts`, "monitor", "--json", "--file", log],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const tail = new Deno.Command("tail", { args: ["-F", "-q", log], stdout: "null", stderr: "null" })
    .spawn();
  await new Promise((r) => setTimeout(r, 1500)); // both started and following
  const m0 = await cpuSeconds(monitor.pid), t0 = await cpuSeconds(tail.pid);
  const file = await Deno.open(log, { append: true });
  const encoder = new TextEncoder();
  const seconds = Number(o.seconds);
  const started = performance.now();
  let written = 0;
  // Pace in 10 ms slices; each line is its own write() call.
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    const now = Math.floor(Date.now() / 1000);
    while (written < due) file.writeSync(encoder.encode(clfLine(now, written++)));
    await new Promise((r) => setTimeout(r, 10));
  }
  file.close();
  await new Promise((r) => setTimeout(r, 1500)); // let the followers catch up
  const m1 = await cpuSeconds(monitor.pid), t1 = await cpuSeconds(tail.pid);
  const elapsed = (performance.now() - started) / 1000;
  monitor.kill("SIGTERM");
  tail.kill("SIGTERM");
  const out = new TextDecoder().decode((await monitor.output()).stdout).trim().split("\n");
  await tail.status;
  const summary = JSON.parse(out.at(-1) ?? "{}");
  const share = (cpu: number) => `${((cpu / elapsed) * 100).toFixed(1)} %`;
  console.log(
    `| ${rate.toLocaleString("en")} | ${share(m1 - m0)} | ${share(t1 - t0)} | ${
      summary.hits === written ? "all" : `${summary.hits} of ${written}`
    } |`,
  );
  await Deno.remove(dir, { recursive: true });
}
