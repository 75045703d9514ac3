/**
 * `monitor --webhook` end to end: the real CLI, a real HTTP receiver that answers 500 for a while,
 * then 503 with `Retry-After: 5`, then 200. The schedule runs 100 times faster through the
 * MONILOG_NOTIFY_TIME_SCALE knob (base 10 ms, at most every 300 ms after 600 ms of failing); the
 * receiver's Retry-After is kept to the second.
 */
import { deepEqual, equal } from "node:assert/strict";
import { FIXTURES, LiveCli, runCli } from "../../_helpers/cli.ts";
import { HttpRecorder } from "../../_helpers/http_recorder.ts";
import { EPISODE_OPTIONS, oneEpisodeLog } from "./_logs.ts";

Deno.test("monitor --webhook: one raised and one recovered through 500s and a Retry-After", async () => {
  let firstAt = 0;
  let limited = false;
  const server = new HttpRecorder(() => {
    firstAt ||= Date.now();
    if (Date.now() - firstAt < 1500) return { status: 500 };
    if (!limited) {
      limited = true;
      return { status: 503, headers: { "retry-after": "5" } };
    }
    return { status: 200 };
  });
  const t0 = Math.floor(Date.now() / 1000) - 3600;
  const log = await oneEpisodeLog(t0);
  const cli = new LiveCli(
    [
      "monitor",
      "--file",
      log,
      "--from-start",
      "--json",
      ...EPISODE_OPTIONS,
      "--webhook",
      `${server.url}/hook`,
    ],
    { MONILOG_NOTIFY_TIME_SCALE: "0.01" },
  );
  try {
    await server.waitFor("the recovery", () => server.accepted().length === 2, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const accepted = server.accepted() as Array<Record<string, unknown>>;
    deepEqual(accepted.map((b) => b.type), ["alert", "recover"]);
    equal(accepted[0].episode, accepted[1].episode);
    equal(accepted[0].file, log);
    equal(accepted[0].host, Deno.hostname());
    equal(accepted[0].threshold, 5);
    equal(String(accepted[0].text).startsWith("High traffic generated an alert - hits = "), true);
    // Every try of the raise came before the recovery's first.
    const kinds = server.requests.map((r) => JSON.parse(r.body).type);
    equal(kinds.lastIndexOf("alert") < kinds.indexOf("recover"), true, kinds.join(" "));
    equal(kinds.filter((k) => k === "recover").length, 1);
    // The timeline of the raise's tries.
    const at = server.requests.filter((r) => JSON.parse(r.body).type === "alert").map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    console.log(`webhook tries (ms after the first): ${at.map((t) => t - at[0]).join(", ")}`);
    console.log(`statuses: ${server.requests.map((r) => r.status).join(", ")}`);
    // Backoff grows; once failing for 600 ms (a minute, scaled), tries are 300 ms (30 s) apart.
    for (let i = 0; i < gaps.length - 1; i++) {
      if (at[i] - at[0] >= 600) equal(gaps[i] >= 295, true, `gap ${i}: ${gaps}`);
    }
    equal(gaps.at(-1)! >= 5000, true, `Retry-After: 5 kept: ${gaps}`);
    equal(gaps.at(-1)! < 8000, true, `and not much more: ${gaps}`);
    await cli.waitForStderr(
      "the failure line",
      (l) => l.some((x) => x.includes("delivered after")),
    );
    const said = cli.stderrLines.filter((l) => l.includes("webhook 127.0.0.1"));
    equal(said.length, 2, said.join("\n"));
    equal(said[0].includes("delivery failed (HTTP 500); retrying"), true);
    equal(said[1].endsWith(`delivered after ${at.length} tries`), true, said[1]);
  } finally {
    await cli.stop();
    await server.close();
    await Deno.remove(log);
  }
});

Deno.test("monitor --webhook: at exit, a bounded wait, then one line naming what stayed undelivered", async () => {
  const server = new HttpRecorder(() => ({ status: 502 }));
  const t0 = Math.floor(Date.now() / 1000) - 3600;
  const log = await oneEpisodeLog(t0);
  const cli = new LiveCli(
    [
      "monitor",
      "--file",
      log,
      "--once",
      "--notify-replay",
      "--json",
      ...EPISODE_OPTIONS,
      "--webhook",
      `${server.url}/x`,
    ],
  );
  try {
    const started = Date.now();
    const status = await cli.exited();
    const took = Date.now() - started;
    equal(status.code, 0);
    equal(took < 9000, true, `exit took ${took} ms`);
    const left = cli.stderrLines.filter((l) => l.includes("left undelivered"));
    equal(left.length, 1, cli.stderrLines.join("\n"));
    equal(
      /^monilog: webhook 127\.0\.0\.1:\d+: 2 notifications left undelivered: raised at \S+, recovered at \S+ \(last try: HTTP 502\)$/
        .test(left[0]),
      true,
      left[0],
    );
    equal(server.accepted().length, 0);
    equal(server.requests.length >= 2, true);
  } finally {
    await server.close();
    await Deno.remove(log);
  }
});

Deno.test("monitor --webhook: a receiver that never answers holds up neither reading nor exit", async () => {
  const server = new HttpRecorder(() => ({ status: 0 }));
  try {
    const started = Date.now();
    const { code, stdout, stderr } = await runCli([
      "monitor",
      "--once",
      "--notify-replay",
      "--json",
      "--file",
      `${FIXTURES}sample_csv.txt`,
      "--webhook",
      `${server.url}/hang`,
    ]);
    const took = Date.now() - started;
    equal(code, 0, stderr);
    const events = stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    deepEqual(events.filter((e) => e.type !== "stats").map((e) => e.type), [
      "alert",
      "recover",
      "alert",
      "recover",
      "summary",
    ]);
    // The bounded wait (5 s) and no more, though the one try in flight would wait 10 s.
    equal(took < 9000, true, `took ${took} ms`);
    equal(server.requests.length, 1, "one try in flight, nothing piled up behind it");
    const left = stderr.split("\n").filter((l) => l.includes("left undelivered"));
    equal(left.length, 1, stderr);
    equal(
      left[0].includes(": 4 notifications left undelivered: raised at 2019-02-07T21:12:36+00:00"),
      true,
      left[0],
    );
  } finally {
    await server.close();
  }
});
