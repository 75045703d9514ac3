/** The `monitor` command through the real CLI: replay results, usage errors and I/O errors. */
import { deepEqual, equal, match } from "node:assert/strict";
import { clfLine, FIXTURES, LiveCli, runCli } from "../_helpers/cli.ts";
import { FULL_DISK_IGNORED, withFullDisk } from "../_helpers/full_disk.ts";

const SAMPLE_CSV = `${FIXTURES}sample_csv.txt`;

function parseEvents(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test("monitor --once --json on sample_csv.txt gives the spec's alerts and first interval", async () => {
  const { code, stdout, stderr } = await runCli([
    "monitor",
    "--once",
    "--json",
    "--threshold",
    "10",
    "--file",
    SAMPLE_CSV,
  ]);
  equal(code, 0, stderr);
  const events = parseEvents(stdout);
  const changes = events.filter((e) => e.type === "alert" || e.type === "recover");
  deepEqual(changes.map((e) => [e.type, e.time, e.hits]), [
    ["alert", 1549573956, 1206],
    ["recover", 1549574043, 1198],
    ["alert", 1549574163, 1218],
    ["recover", 1549574302, 1196],
  ]);
  deepEqual(changes[0], {
    type: "alert",
    time: 1549573956,
    hits: 1206,
    rate: 10.05,
    threshold: 10,
    window: 120,
  });
  equal(changes[1].rate, 9.98);
  const first = events.find((e) => e.type === "stats" && e.start === 1549573860)!;
  equal(first.end, 1549573870);
  equal(first.hits, 89);
  equal(first.bytes, 109824);
  deepEqual(first.sections, [{ section: "/api", hits: 58 }, { section: "/report", hits: 31 }]);
  deepEqual(first.status, { "200": 75, "404": 10, "500": 4 });
  equal(first.invalid, 0);
  equal(first.late, 0);
  const before = events.find((e) => e.type === "stats")!;
  deepEqual([before.start, before.end, before.hits], [1549573850, 1549573860, 1]);
  const summary = events.at(-1)!;
  equal(summary.type, "summary");
  deepEqual(
    [summary.start, summary.end, summary.hits, summary.invalid, summary.late],
    [1549573859, 1549574341, 4830, 0, 0],
  );
  equal((summary.alerts as unknown[]).length, 4);
});

Deno.test("monitor --once on the exactly-at-threshold fixture raises no alert", async () => {
  const { code, stdout } = await runCli([
    "monitor",
    "--once",
    "--json",
    "--file",
    `${FIXTURES}csv/sample_with_only_high_traffic_alarms.csv`,
  ]);
  equal(code, 0);
  const events = parseEvents(stdout);
  equal(events.filter((e) => e.type === "alert").length, 0);
  equal(events.at(-1)!.hits, 1201);
});

Deno.test("monitor --once parses a last line that has no final newline", async () => {
  // logmon's high-traffic.txt: 12 CLF lines, no newline after the last one.
  const { code, stdout } = await runCli([
    "monitor",
    "--once",
    "--json",
    "--file",
    `${FIXTURES}clf/logmon/input/high-traffic.txt`,
  ]);
  equal(code, 0);
  const summary = parseEvents(stdout).at(-1)!;
  equal(summary.hits, 12);
  equal(summary.invalid, 0);
});

Deno.test("monitor --file - reads standard input", async () => {
  const lines = [clfLine(1_600_000_000), clfLine(1_600_000_001), "garbage line", ""].join("\n");
  const { code, stdout } = await runCli(["monitor", "--file", "-", "--json"], { stdin: lines });
  equal(code, 0);
  const summary = parseEvents(stdout).at(-1)!;
  deepEqual([summary.hits, summary.invalid], [2, 1]);
});

/** What `p` resolves to, or "late" if it takes more than `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((r) => timer = setTimeout(() => r("late"), ms));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The exit status of `cli`, or, past `ms`, a failure (the process is killed, not left behind). */
async function exitWithin(cli: LiveCli, ms: number, signal?: Deno.Signal) {
  const status = await within(signal ? cli.stop(signal) : cli.exited(), ms);
  if (status === "late") {
    await cli.stop("SIGKILL");
    throw new Error(`monitor did not exit within ${ms} ms: ${cli.stderrLines.join(" | ")}`);
  }
  return status;
}

/**
 * Opens `pipe` for writing, which waits for a reader as a real writer does. Past `ms` without one
 * (a monitor that failed early), opens the reading end itself to end the wait, and fails.
 */
async function openWriter(pipe: string, ms: number): Promise<Deno.FsFile> {
  const opening = Deno.open(pipe, { write: true });
  const writer = await within(opening, ms);
  if (writer !== "late") return writer;
  (await Deno.open(pipe, { read: true })).close();
  (await opening).close();
  throw new Error(`nobody opened ${pipe} for reading within ${ms} ms`);
}

Deno.test("monitor --file PIPE reads a named pipe to its writers' end, as tail -F would", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const pipe = `${dir}/access.pipe`;
    equal((await new Deno.Command("mkfifo", { args: [pipe] }).output()).code, 0);
    // Following (no --once): a pipe cannot be sought to its end nor rotated, so it is read as a stream.
    const cli = new LiveCli(["monitor", "--file", pipe, "--json"]);
    const writer = await openWriter(pipe, 10_000);
    const text = [clfLine(1_600_000_000), clfLine(1_600_000_001), "garbage line", ""].join("\n");
    await writer.write(new TextEncoder().encode(text));
    writer.close();
    const status = await exitWithin(cli, 15_000);
    equal(status.code, 0, cli.stderrLines.join("\n"));
    const summary = cli.events.at(-1)!;
    deepEqual([summary.type, summary.hits, summary.invalid], ["summary", 2, 1]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor waiting for a named pipe's writer stops at SIGTERM with its summary", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const pipe = `${dir}/access.pipe`;
    equal((await new Deno.Command("mkfifo", { args: [pipe] }).output()).code, 0);
    const cli = new LiveCli(["monitor", "--file", pipe, "--json"]);
    // No writer ever comes: the monitor waits in the pipe's open until it is told to stop.
    await cli.handlesStop();
    const status = await exitWithin(cli, 10_000, "SIGTERM");
    equal(status.code, 0);
    equal(cli.events.at(-1)?.type, "summary");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor never writes a log's control characters to the terminal", async () => {
  const evil = clfLine(1_600_000_000, "/\x1b]0;pwned\x07/x") + "\n";
  const { code, stdout } = await runCli(["monitor", "--file", "-", "--format", "clf"], {
    stdin: evil,
  });
  equal(code, 0);
  equal(stdout.includes("\x1b"), false);
  equal(stdout.includes("\x07"), false);
  match(stdout, /\/\\x1b\]0;pwned\\x07 1/);
});

Deno.test("monitor rejects a bad flag or value with exit 2 and one line naming it", async () => {
  const table: Array<[string[], RegExp]> = [
    [["--threshold", "abc"], /--threshold/],
    [["--threshold", "-1"], /--threshold/],
    [["--window", "0"], /--window/],
    [["--interval", "1.5"], /--interval/],
    [["--format", "xml"], /--format.*auto, clf, combined, vhost_common, vhost_combined, csv/],
    [["--bogus"], /--bogus/],
    [["--late", "x"], /--late/],
  ];
  for (const [args, pattern] of table) {
    const { code, stderr, stdout } = await runCli(["monitor", ...args]);
    equal(code, 2, args.join(" "));
    const lines = stderr.trimEnd().split("\n");
    equal(lines.length, 1, `${args.join(" ")}: ${stderr}`);
    match(lines[0], pattern);
    equal(stdout, "");
  }
});

Deno.test("monitor names the file and the reason when it cannot read the log", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const missing = await runCli(["monitor", "--once", "--file", `${dir}/nope.log`]);
    equal(missing.code, 1);
    match(missing.stderr, new RegExp(`"${dir}/nope.log": no such file or directory`));
    const directory = await runCli(["monitor", "--once", "--file", dir]);
    equal(directory.code, 1);
    match(directory.stderr, new RegExp(`"${dir}": is a directory`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor names the output file and the reason when it cannot write it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const asDir = await runCli(["monitor", "--once", "--file", SAMPLE_CSV, "--output", dir]);
    equal(asDir.code, 1);
    match(asDir.stderr, new RegExp(`output file "${dir}": is a directory`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "monitor --output on a disk that fills up: one line, whole lines, the summary on stdout" +
    FULL_DISK_IGNORED.suffix,
  ignore: FULL_DISK_IGNORED.ignore,
  fn: async () => {
    for (const json of [false, true]) {
      const ran = await withFullDisk(async (dir) => {
        const output = `${dir}/report-${json ? "json" : "text"}.log`;
        const full = await runCli([
          "monitor",
          "--once",
          ...(json ? ["--json"] : []),
          "--file",
          SAMPLE_CSV,
          "--output",
          output,
        ]);
        equal(full.code, 1);
        deepEqual(full.stderr.trimEnd().split("\n"), [
          `monilog: "${SAMPLE_CSV}" looks like csv`,
          `monilog: Cannot write output file "${output}": no space left on device`,
        ]);
        // Standard output is healthy: it has the whole report and the summary.
        if (json) equal(parseEvents(full.stdout).at(-1)!.type, "summary");
        else match(full.stdout, /^Summary\n/m);
        // The file has what fitted, in whole lines: a cut one was taken back.
        const written = await Deno.readTextFile(output);
        equal(written.length > 0 && written.endsWith("\n"), true, written.slice(-80));
        equal(full.stdout.startsWith(written), true);
        if (json) parseEvents(written);
      });
      equal(ran, true, "mount a 4 KiB tmpfs");
    }
  },
});

Deno.test("monitor --output appends the same report lines, without colour", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = `${dir}/report.log`;
    await Deno.writeTextFile(out, "previous run\n");
    const { code, stdout } = await runCli([
      "monitor",
      "--once",
      "--file",
      SAMPLE_CSV,
      "--output",
      out,
    ], { env: { FORCE_COLOR: "1" } });
    equal(code, 0);
    const written = await Deno.readTextFile(out);
    equal(written, "previous run\n" + stdout);
    equal(written.includes("\x1b"), false);
    match(
      written,
      /High traffic generated an alert - hits = 1206, triggered at 2019-02-07T21:12:36\+00:00/,
    );
    match(written, /Traffic recovered - hits = 1198, recovered at 2019-02-07T21:14:03\+00:00/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor says clearly when a file matches no known format", async () => {
  const { code, stderr } = await runCli(["monitor", "--file", "-", "--once"], {
    stdin: "hello\nworld\nthis is not a log\n",
  });
  equal(code, 1);
  match(stderr, /Cannot recognise the log format of standard input/);
});

Deno.test("monilog keeps a mistyped flag's suggestion on the one line that names it", async () => {
  const table: Array<[string[], string]> = [
    [
      ["monitor", "--thresold", "3"],
      "monilog: unknown option '--thresold' (Did you mean --threshold?)",
    ],
    [["generate", "--rate", "3"], "monilog: unknown option '--rate' (Did you mean --rates?)"],
    [["monitr"], "monilog: unknown command 'monitr' (Did you mean monitor?)"],
  ];
  for (const [args, line] of table) {
    const { code, stdout, stderr } = await runCli(args);
    equal(code, 2, args.join(" "));
    equal(stderr, `${line}\n`);
    equal(stdout, "");
  }
});

Deno.test("monitor rejects values beyond the documented upper bounds, naming the range", async () => {
  const table: Array<[string[], RegExp]> = [
    [["--window", "10000000000"], /--window.*a whole number from 1 to 604800\.$/],
    [["--window", "604801"], /--window.*from 1 to 604800/],
    [["--interval", "1000000000"], /--interval.*a whole number from 1 to 604800\.$/],
    [["--top", "1001"], /--top.*a whole number from 1 to 1000\.$/],
    [["--late", "3601"], /--late.*a whole number from 0 to 3600\.$/],
  ];
  for (const [args, pattern] of table) {
    // A log that cannot be read stops at once a run that wrongly took the value (exit 1, with
    // another message), instead of letting it follow /tmp/access.log for ever.
    const { code, stderr, stdout } = await runCli([
      ...["monitor", ...args, "--once", "--file", "/nonexistent-monilog-dir/access.log"],
    ]);
    equal(code, 2, args.join(" "));
    equal(stderr.trimEnd().split("\n").length, 1, stderr);
    match(stderr.trimEnd(), pattern);
    equal(stdout, "");
  }
  // The bounds themselves are accepted.
  const edge = await runCli([
    ...["monitor", "--once", "--json", "--file", SAMPLE_CSV],
    ...["--window", "604800", "--interval", "604800", "--top", "1000", "--late", "3600"],
  ]);
  equal(edge.code, 0, edge.stderr);
  equal(parseEvents(edge.stdout).at(-1)!.hits, 4830);
});

Deno.test("monitor prints no summary when the log cannot be read at all", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const table: string[][] = [
      ["--once", "--file", `${dir}/nope.log`],
      ["--once", "--json", "--file", `${dir}/nope.log`],
      ["--once", "--file", dir],
      ["--file", dir],
      ["--json", "--file", dir],
    ];
    for (const args of table) {
      const { code, stdout, stderr } = await runCli(["monitor", ...args]);
      equal(code, 1, args.join(" "));
      equal(stdout, "", args.join(" "));
      match(stderr.trimEnd().split("\n").at(-1)!, /^monilog: Cannot read log file ".*": /);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor still prints its summary when the log fails after lines were read", async () => {
  const dir = await Deno.makeTempDir();
  const log = `${dir}/access.log`;
  try {
    await Deno.writeTextFile(
      log,
      [0, 1, 2, 3, 4].map((i) => clfLine(1_600_000_000 + i)).join("\n") + "\n",
    );
    const cli = new LiveCli(["monitor", "--file", log, "--from-start", "--json"]);
    await cli.waitForStderr(
      "the format detected",
      (lines) => lines.some((l) => l.includes("looks like clf")),
    );
    // The path becomes a directory: the follower cannot read it any more.
    await Deno.remove(log);
    await Deno.mkdir(log);
    const status = await cli.exited();
    equal(status.code, 1, cli.stderrLines.join("\n"));
    const summary = cli.events.at(-1)!;
    deepEqual([summary.type, summary.hits, summary.start, summary.end], [
      "summary",
      5,
      1_600_000_000,
      1_600_000_005,
    ]);
    match(cli.stderrLines.at(-1)!, /^monilog: Cannot read log file ".*": is a directory$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor escapes control characters of the log's path in its notices", async () => {
  const dir = await Deno.makeTempDir();
  const log = `${dir}/e\x1b[31mvil.log`;
  try {
    await Deno.writeTextFile(log, clfLine(1_600_000_000) + "\n");
    const shown = `"${dir}/e\\x1b[31mvil.log"`;
    const once = await runCli(["monitor", "--once", "--file", log]);
    equal(once.code, 0, once.stderr);
    equal(once.stderr, `monilog: ${shown} looks like clf\n`);
    const follow = await runCli(["monitor", "--file", log, "--from-start", "--idle-timeout", "1"]);
    equal(follow.code, 0, follow.stderr);
    equal(follow.stderr.includes("\x1b"), false, follow.stderr);
    match(follow.stderr, new RegExp(`^monilog: following ${escapeRegExp(shown)};`, "m"));
    match(follow.stderr, new RegExp(`^monilog: ${escapeRegExp(shown)} looks like clf$`, "m"));
    // And in the one line of a failure.
    await Deno.remove(log);
    const missing = await runCli(["monitor", "--once", "--file", log]);
    equal(missing.code, 1);
    equal(missing.stderr, `monilog: Cannot read log file ${shown}: no such file or directory\n`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor says how many unrecognised lines it looked at, singular or plural", async () => {
  const one = await runCli(["monitor", "--file", "-", "--once"], { stdin: "hello\n" });
  equal(one.code, 1);
  match(one.stderr, /standard input: its first line matches none of the formats /);
  const three = await runCli(["monitor", "--file", "-", "--once"], { stdin: "a\nb\nc\n" });
  equal(three.code, 1);
  match(three.stderr, /standard input: its first 3 lines match none of the formats /);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

Deno.test("monitor fails with one line when a named format accepts none of the first lines", async () => {
  const combined = `${FIXTURES}clf/elastic/apache_logs`;
  for (
    const [args, named] of [
      [["--format", "csv"], "--format csv"],
      [["--format", "w3c"], "--format w3c"],
      [["--log-format", "$remote_addr [$time_local] $status $request_time"], "--log-format"],
    ] as const
  ) {
    const out = await runCli(["monitor", "--once", "--file", combined, ...args]);
    equal(out.code, 1, named);
    const lines = out.stderr.trimEnd().split("\n");
    equal(lines.length, 1, out.stderr);
    match(
      lines[0],
      new RegExp(
        `^monilog: Cannot read "${combined}": ${named} accepts none of the first 20 lines of the log; the first is: 83\\.149\\.9\\.216 - - \\[17/May/2015`,
      ),
    );
    equal(out.stdout, "", "no summary of nothing");
  }
});

Deno.test("monitor says once when a named format rejects most of the first lines", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // Two Common lines in three, one garbage line with a control character.
    let text = "";
    for (let i = 0; i < 1500; i++) {
      text += i % 3 === 0 ? clfLine(1_600_000_000 + i) + "\n" : `garbage \x1b[31m ${i}\n`;
    }
    await Deno.writeTextFile(`${dir}/a.log`, text);
    const out = await runCli(["monitor", "--once", "--format", "clf", "--file", `${dir}/a.log`]);
    equal(out.code, 0);
    const said = out.stderr.split("\n").filter((l) => l.includes("rejected"));
    deepEqual(said, [
      `monilog: "${dir}/a.log": --format clf rejected 666 of the first 1000 lines; is it the ` +
      `log's format? (the first rejected: garbage \\x1b[31m 1)`,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("monitor counts a vhost_combined log's requests for their clients, with a vhosts table", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const log = `${dir}/vhosts.log`;
    const gen = await runCli([
      ...["generate", "--format", "vhost_combined", "--rates", "20", "--durations", "60"],
      ...["--speed", "0", "--seed", "4", "--exact", "-o", log],
    ]);
    equal(gen.code, 0, gen.stderr);
    const out = await runCli(["monitor", "--once", "--json", "--file", log]);
    equal(out.code, 0, out.stderr);
    match(out.stderr, /looks like vhost_combined/);
    const summary = JSON.parse(out.stdout.trim().split("\n").at(-1)!);
    equal(summary.hits, 1200);
    // Clients are addresses, never the virtual host that served them.
    for (const c of summary.clients) match(c.client, /^\d+\.\d+\.\d+\.\d+$/);
    deepEqual(summary.vhosts.map((v: { vhost: string }) => v.vhost).sort(), [
      "api.example.com:443",
      "static.example.com:80",
      "www.example.com:443",
    ]);
    equal(summary.vhosts.reduce((n: number, v: { hits: number }) => n + v.hits, 0), 1200);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
