/** `--once` notifies nobody unless `--notify-replay`; `notify-test` reports each receiver. */
import { deepEqual, equal } from "node:assert/strict";
import { FIXTURES, runCli } from "../../_helpers/cli.ts";
import { HttpRecorder } from "../../_helpers/http_recorder.ts";

const SAMPLE = `${FIXTURES}sample_csv.txt`;

Deno.test("monitor --once with alerts sends nothing; with --notify-replay it sends them", async () => {
  const server = new HttpRecorder();
  try {
    const quiet = await runCli([
      "monitor",
      "--once",
      "--json",
      "--file",
      SAMPLE,
      "--webhook",
      `${server.url}/a`,
    ]);
    equal(quiet.code, 0, quiet.stderr);
    equal(quiet.stdout.includes('"type":"alert"'), true, "the log has alerts");
    equal(server.requests.length, 0);
    equal(
      quiet.stderr.includes(
        "monilog: --once: notifications are not sent for a replay (add --notify-replay)",
      ),
      true,
      quiet.stderr,
    );
    const sent = await runCli([
      "monitor",
      "--once",
      "--notify-replay",
      "--json",
      "--file",
      SAMPLE,
      "--webhook",
      `${server.url}/a`,
    ]);
    equal(sent.code, 0, sent.stderr);
    const bodies = server.accepted() as Array<Record<string, unknown>>;
    console.log(`webhook got: ${bodies.map((b) => `${b.type} ${b.time} ${b.hits}`).join(", ")}`);
    deepEqual(bodies.map((b) => [b.type, b.time, b.hits]), [
      ["alert", 1549573956, 1206],
      ["recover", 1549574043, 1198],
      ["alert", 1549574163, 1218],
      ["recover", 1549574302, 1196],
    ]);
    equal(bodies[0].episode, bodies[1].episode);
    equal(bodies[2].episode === bodies[0].episode, false);
  } finally {
    await server.close();
  }
});

Deno.test("notify-test sends one test message to each receiver and says how each went", async () => {
  const good = new HttpRecorder();
  const bad = new HttpRecorder(() => ({ status: 500 }));
  try {
    const { code, stdout, stderr } = await runCli([
      "notify-test",
      "--webhook",
      `${good.url}/hook`,
      "--slack",
      `${bad.url}/services/SECRET`,
    ]);
    equal(code, 1);
    deepEqual(stdout.trimEnd().split("\n"), [
      `ok      webhook ${good.url.slice(7)}`,
      `failed  slack ${bad.url.slice(7)}: HTTP 500`,
    ]);
    equal(stderr.trimEnd(), "monilog: notify-test: 1 of 2 receivers failed");
    equal((stdout + stderr).includes("SECRET"), false);
    const [body] = good.accepted() as Array<Record<string, unknown>>;
    equal(body.type, "test");
    equal(body.host, Deno.hostname());
    equal(good.requests.length, 1);
    const ok = await runCli(["notify-test", "--webhook", `${good.url}/hook`]);
    equal(ok.code, 0, ok.stderr);
  } finally {
    await good.close();
    await bad.close();
  }
});

Deno.test("a bad receiver flag exits 2 naming the flag, never its value", async () => {
  for (
    const args of [
      ["--webhook", "hooks.example.com/SECRET"],
      ["--alertmanager", "ftp://SECRET@am/"],
      ["--email", "smtp://u:SECRET@mail?to=a@b"],
      ["--pagerduty", "SECRET KEY"],
    ]
  ) {
    const { code, stderr } = await runCli(["monitor", "--once", "--file", SAMPLE, ...args]);
    equal(code, 2, stderr);
    equal(stderr.startsWith(`monilog: ${args[0]}: `), true, stderr);
    equal(stderr.includes("SECRET"), false, stderr);
    equal(stderr.trimEnd().split("\n").length, 1);
  }
});

Deno.test("monitor --pagerduty: trigger and resolve per episode, one dedup_key each, at MONILOG_PAGERDUTY_URL", async () => {
  const server = new HttpRecorder(() => ({ status: 202 }));
  try {
    const { code, stderr } = await runCli(
      ["monitor", "--once", "--notify-replay", "--file", SAMPLE, "--pagerduty", "R0UT1NGKEY"],
      { env: { MONILOG_PAGERDUTY_URL: `${server.url}/v2/enqueue`, TZ: "Asia/Kolkata" } },
    );
    equal(code, 0, stderr);
    const events = server.accepted() as Array<Record<string, unknown>>;
    deepEqual(events.map((e) => e.event_action), ["trigger", "resolve", "trigger", "resolve"]);
    equal(events[0].dedup_key, events[1].dedup_key);
    equal(events[2].dedup_key, events[3].dedup_key);
    equal(events[0].dedup_key === events[2].dedup_key, false);
    for (const e of events) equal(e.routing_key, "R0UT1NGKEY");
    const payload = events[0].payload as Record<string, unknown>;
    // The line in the display zone (TZ): 21:12:36 UTC is 02:42:36 the next day in India.
    equal(
      payload.summary,
      "High traffic generated an alert - hits = 1206, triggered at 2019-02-08T02:42:36+05:30 " +
        "(10.05 req/s > 10 over 120 s)",
    );
    equal(payload.source, Deno.hostname());
    equal(payload.component, SAMPLE);
    equal(server.requests.every((r) => r.path === "/v2/enqueue"), true);
  } finally {
    await server.close();
  }
});
