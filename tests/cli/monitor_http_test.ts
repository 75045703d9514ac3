/** `monitor --http` from the user's seat: its options, and the server of a finished replay. */
import { equal, match, ok } from "node:assert/strict";
import { LiveCli, runCli } from "../_helpers/cli.ts";
import { needs } from "../_helpers/requires.ts";
import { jsonLine } from "../sinks/http/_json_log.ts";
import { pageUrl } from "../sinks/http/_web_cli.ts";

Deno.test("monitor --http with a bad address or token is a usage error naming the flag", async () => {
  for (
    const [args, message] of [
      [["--http", "abc"], /--http .*"abc" is not \[HOST:\]PORT/],
      [["--http", "70000"], /--http .*port 70000 is out of range/],
      [["--http-token", "x"], /--http-token needs --http/],
      [["--http", "0", "--http-token", "a b"], /--http-token: expected printable ASCII/],
      [["--http", "0", "--metrics-sections", "0"], /--metrics-sections/],
    ] as Array<[string[], RegExp]>
  ) {
    const { code, stderr } = await runCli(["monitor", "--once", ...args]);
    equal(code, 2, args.join(" "));
    equal(stderr.trimEnd().split("\n").length, 1, stderr);
    match(stderr, message);
  }
});

Deno.test("monitor --http on a port in use fails in one line, before reading", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (taken.addr as Deno.NetAddr).port;
    const { code, stdout, stderr } = await runCli(["monitor", "--once", "--http", String(port)]);
    equal(code, 1);
    equal(stdout, "");
    equal(
      stderr,
      `monilog: Cannot listen on 127.0.0.1:${port} for --http: the address is already in use\n`,
    );
  } finally {
    taken.close();
  }
});

/** A finished replay held by --once --http, with its token from MONILOG_HTTP_TOKEN. */
async function heldReplay(token: string) {
  const dir = await Deno.makeTempDir({ prefix: "monilog-http-" });
  const log = `${dir}/access.log`;
  const t0 = 1_767_225_600; // 2026-01-01
  const lines: string[] = [];
  for (let s = 0; s < 600; s++) {
    const n = s >= 200 && s < 350 ? 14 : 3;
    for (let i = 0; i < n; i++) {
      lines.push(jsonLine(t0 + s, { path: `/s${i % 4}/x`, status: i % 7 === 6 ? 404 : 200 }));
    }
  }
  await Deno.writeTextFile(log, lines.join("\n") + "\n");
  const cli = new LiveCli(
    ["monitor", "--once", "--file", log, "--format", "json", "--json", "--http", "127.0.0.1:0"],
    { MONILOG_HTTP_TOKEN: token },
  );
  const url = await pageUrl(cli);
  await cli.waitForStderr("the end of the replay", (l) => l.some((x) => /replay done/.test(x)));
  return { cli, url, dir };
}

Deno.test("monitor --once --http keeps serving the whole replay until Ctrl-C", async () => {
  const { cli, url, dir } = await heldReplay("tok");
  try {
    const auth = { authorization: "Bearer tok" };
    const unauth = await fetch(`${url}/api/state`);
    await unauth.body?.cancel();
    equal(unauth.status, 401);
    const state = await (await fetch(`${url}/api/state`, { headers: auth })).json();
    equal(state.source.ended, true);
    equal(state.run.hits, 450 * 3 + 150 * 14);
    equal(state.alertCount, 1);
    const series = await (await fetch(`${url}/api/series`, { headers: auth })).json();
    equal(series.series.hits.reduce((a: number, b: number) => a + b, 0), state.run.hits);
    equal(series.spans.length, 1);
    const health = await fetch(`${url}/healthz`, { headers: auth });
    equal(await health.text(), "not reading: the input has ended\n");
    // The summary went out on stdout, and the server is still there.
    ok(cli.events.some((e) => e.type === "summary"));
  } finally {
    const status = await cli.stop("SIGINT");
    equal(status.code, 0, cli.stderrLines.join("\n"));
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test(
  needs("monitor --http: /metrics passes promtool, and Prometheus scrapes the state's rate", [
    "promtool",
    "prometheus",
  ], async () => {
    const { cli, url, dir } = await heldReplay("scrape-me");
    let prometheus: Deno.ChildProcess | undefined;
    try {
      const auth = { authorization: "Bearer scrape-me" };
      const metrics = await (await fetch(`${url}/metrics`, { headers: auth })).text();
      const lint = new Deno.Command("promtool", {
        args: ["check", "metrics"],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const w = lint.stdin.getWriter();
      await w.write(new TextEncoder().encode(metrics));
      await w.close();
      const linted = await lint.output();
      const decoder = new TextDecoder();
      equal(decoder.decode(linted.stdout) + decoder.decode(linted.stderr), "");
      equal(linted.code, 0);

      const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const promPort = (free.addr as Deno.NetAddr).port;
      free.close();
      const target = new URL(url).host;
      await Deno.writeTextFile(
        `${dir}/prometheus.yml`,
        [
          "global:",
          "  scrape_interval: 1s",
          "scrape_configs:",
          "  - job_name: monilog",
          "    authorization:",
          "      credentials: scrape-me",
          "    static_configs:",
          `      - targets: ["${target}"]`,
        ].join("\n") + "\n",
      );
      prometheus = new Deno.Command("prometheus", {
        args: [
          `--config.file=${dir}/prometheus.yml`,
          `--storage.tsdb.path=${dir}/tsdb`,
          `--web.listen-address=127.0.0.1:${promPort}`,
        ],
        stdout: "null",
        stderr: "null",
      }).spawn();
      const query =
        `http://127.0.0.1:${promPort}/api/v1/query?query=monilog_window_requests_per_second`;
      let scraped: number | undefined;
      const deadline = Date.now() + 30_000;
      while (scraped === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        try {
          const body = await (await fetch(query)).json();
          const value = body?.data?.result?.[0]?.value?.[1];
          if (value !== undefined) scraped = Number(value);
        } catch {
          // Not up yet.
        }
      }
      const state = await (await fetch(`${url}/api/state`, { headers: auth })).json();
      equal(scraped, state.window.rate);
    } finally {
      try {
        prometheus?.kill("SIGTERM");
        await prometheus?.status;
      } catch {
        // Already gone.
      }
      const status = await cli.stop("SIGINT");
      equal(status.code, 0, cli.stderrLines.join("\n"));
      await Deno.remove(dir, { recursive: true });
    }
  }),
);
