/**
 * End-to-end: the real CLI with --tui under a real pseudo-terminal (tmux), following a log the test
 * writes to. The screen is read back as a person would see it: the rate, the ALERT state during a
 * surge, the recovery after it, a resize; then `q` (or SIGTERM, or an error) gives the terminal back —
 * main screen, cooked mode — with the summary (or the error) printed on it.
 */
import { equal, match } from "node:assert/strict";
import { clfLine, cliEnv, REPO_ROOT } from "../_helpers/cli.ts";
import { needs } from "../_helpers/requires.ts";
import { TmuxSession } from "../_helpers/tmux.ts";
import { runtimeArgs } from "../../tasks/runtime_flags.ts";

const T0 = 1_800_000_000;

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * Starts the dashboard on `log` in a tmux session (the monitor's pid goes to `dir`/pid). `input`:
 * what the monitor's standard input is (a shell redirection or a pipe into it).
 */
async function startDashboard(
  dir: string,
  log: string,
  size: { columns: number; rows: number },
  options: { extra?: string[]; input?: (monitor: string) => string } = {},
) {
  const monitor = [
    Deno.execPath(),
    ...["run", "-q", ...runtimeArgs(), "main.ts", "monitor", "--tui", "--from-start"],
    ...["--file", log, "--window", "10", "--threshold", "5", "--interval", "5", "--refresh", "0.2"],
    ...(options.extra ?? []),
  ].map(quote).join(" ");
  const run = options.input?.(monitor) ?? `${monitor} </dev/tty`;
  // The shell waits for the monitor, then says how it exited and how it left the terminal (stty),
  // and stays so that the screen can be read. Keys reach the monitor through its terminal.
  // (`cd` is a command of its own: `cd && monitor &` would background a subshell, not the monitor.)
  const script = `cd ${quote(REPO_ROOT)} || exit 1; ${run} & p=$!; echo $p > ${
    quote(`${dir}/pid`)
  }; wait $p; echo "EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo; echo END; sleep 600`;
  return await TmuxSession.start(script, size, cliEnv({ TERM: "xterm-256color" }));
}

/** Appends `perSecond` lines for each second of `[from, from + seconds)`. */
async function append(log: string, from: number, seconds: number, perSecond: number) {
  const lines: string[] = [];
  const paths = ["/api/user", "/api/cart", "/static/app.js", "/report"];
  for (let t = from; t < from + seconds; t++) {
    for (let i = 0; i < perSecond; i++) lines.push(clfLine(t, paths[i % paths.length]));
  }
  await Deno.writeTextFile(log, lines.join("\n") + "\n", { append: true });
}

Deno.test({
  ...needs("monitor --tui shows the rate, the alert and the recovery; q restores the terminal", [
    "tmux",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-tui-" });
    const log = `${dir}/access.log`;
    await Deno.writeTextFile(log, "");
    const tmux = await startDashboard(dir, log, { columns: 80, rows: 24 });
    try {
      await tmux.waitFor("the dashboard", /waiting for the first complete second/);
      equal(await tmux.display("#{alternate_on}"), "1");

      await append(log, T0, 10, 2);
      await tmux.waitFor("the normal rate", [
        /^ OK {2}\d+ hits in 10 s = \d+\.\d\d req\/s <= 5/m,
        /Requests\/s over the last 10 s/,
        /5 ┼/,
        /\/api +\d+ +\d+\.\d%/,
      ]);

      await append(log, T0 + 10, 10, 30);
      await tmux.waitFor("the alert", [
        /^ !!! ALERT !!! {2}since \d\d:\d\d:\d\d for \d+s .*= \d+\.\d\d req\/s > 5/m,
        /High traffic generated an alert - hits = \d+, triggered at/,
        /Alerts 1 raised, 1 active/,
      ]);

      await tmux.resize(160, 48);
      await tmux.waitFor("the redraw at 160x48", [
        /^monilog {2}.*log time \d{4}-/m,
        /^Top sections.{100,}Methods/m,
      ]);

      await append(log, T0 + 20, 30, 1);
      await tmux.waitFor("the recovery", [
        /^ OK .*recovered at \d\d:\d\d:\d\d/m,
        /Traffic recovered - hits = \d+, recovered at .*alert lasted/,
      ]);

      await tmux.send("?");
      await tmux.waitFor("the help", /│ q, Ctrl-C +quit/);
      await tmux.send("q");
      const screen = await tmux.waitFor("the exit", /^END$/m);
      match(screen, /EXIT=0/);
      match(screen, /^Summary$/m);
      match(screen, /alerts {4}1/);
      match(screen, /^icanon$/m);
      match(screen, /^echo$/m);
      equal(await tmux.display("#{alternate_on}"), "0");
      equal(await tmux.display("#{cursor_flag}"), "1");
    } finally {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    }
  }),
  sanitizeResources: false,
});

Deno.test({
  ...needs("monitor --tui gives the terminal back on SIGTERM, with the summary", [
    "tmux",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-tui-" });
    const log = `${dir}/access.log`;
    await append(log, T0, 10, 3);
    const tmux = await startDashboard(dir, log, { columns: 100, rows: 30 });
    try {
      await tmux.waitFor("the dashboard", /^ OK {2}\d+ hits in 10 s/m);
      const pid = Number((await Deno.readTextFile(`${dir}/pid`)).trim());
      Deno.kill(pid, "SIGTERM");
      const screen = await tmux.waitFor("the exit", /^END$/m);
      match(screen, /EXIT=0/);
      match(screen, /^Summary$/m);
      match(screen, /^icanon$/m);
      equal(await tmux.display("#{alternate_on}"), "0");
    } finally {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    }
  }),
  sanitizeResources: false,
});

Deno.test({
  ...needs("monitor --tui gives the terminal back after an error, then says it", [
    "tmux",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-tui-" });
    const log = `${dir}/access.log`;
    await Deno.writeTextFile(log, "");
    const tmux = await startDashboard(dir, log, { columns: 100, rows: 30 });
    try {
      await tmux.waitFor("the dashboard", /waiting for the first complete second/);
      const garbage = Array.from({ length: 30 }, (_, i) => `not a log line ${i}`);
      await Deno.writeTextFile(log, garbage.join("\n") + "\n", { append: true });
      const screen = await tmux.waitFor("the exit", /^END$/m);
      match(screen, /EXIT=1/);
      match(screen, /Cannot recognise the log format/);
      match(screen, /^icanon$/m);
      equal(await tmux.display("#{alternate_on}"), "0");
    } finally {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    }
  }),
  sanitizeResources: false,
});

Deno.test({
  ...needs("monitor --once --tui shows the finished replay until q, then the summary", [
    "tmux",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-tui-" });
    const log = `${dir}/access.log`;
    await append(log, T0, 20, 2);
    await append(log, T0 + 20, 20, 30);
    await append(log, T0 + 40, 30, 1);
    const tmux = await startDashboard(dir, log, { columns: 120, rows: 40 }, { extra: ["--once"] });
    try {
      await tmux.waitFor("the finished replay", [
        /replayed \(q quits\)/,
        /Alerts 1 raised/,
        /Traffic recovered - hits = \d+/,
      ]);
      // Still there a moment later: the replay waits for the user.
      await new Promise((r) => setTimeout(r, 500));
      match(await tmux.screen(), /replayed \(q quits\)/);
      await tmux.send("t");
      await tmux.waitFor("the run's tables", /\[run\]/);
      await tmux.send("C-c");
      const screen = await tmux.waitFor("the exit", /^END$/m);
      match(screen, /EXIT=0/);
      match(screen, /^Summary$/m);
      match(screen, /^icanon$/m);
    } finally {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    }
  }),
  sanitizeResources: false,
});

Deno.test({
  ...needs("monitor --tui --file - reads the log from a pipe and the keys from the terminal", [
    "tmux",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-tui-" });
    const log = `${dir}/access.log`;
    await append(log, T0, 10, 3);
    const tmux = await startDashboard(dir, "-", { columns: 100, rows: 30 }, {
      // The writer keeps the pipe open (blank lines, which are skipped) until the monitor is gone.
      input: (monitor) =>
        `{ cat ${quote(log)}; while printf '\\n'; do sleep 0.2; done; } 2>/dev/null | ${monitor}`,
    });
    try {
      await tmux.waitFor("the dashboard", /^stdin {2}clf {2}following/m);
      await tmux.send("q");
      const screen = await tmux.waitFor("the exit", /^END$/m);
      match(screen, /EXIT=0/);
      match(screen, /^Summary$/m);
      match(screen, /^icanon$/m);
    } finally {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    }
  }),
  sanitizeResources: false,
});

Deno.test("monitor --tui without a terminal is a usage error naming the reason", async () => {
  const { runCli } = await import("../_helpers/cli.ts");
  const r = await runCli(["monitor", "--tui", "--file", "/nonexistent/access.log"]);
  equal(r.code, 2);
  equal(r.stderr, "monilog: --tui needs a terminal: standard output is not a terminal\n");
  const bad = await runCli(["monitor", "--tui", "--refresh", "20"]);
  equal(bad.code, 2);
  match(bad.stderr, /--refresh/);
  const json = await runCli(["monitor", "--tui", "--json"]);
  equal(json.code, 2);
  equal(
    json.stderr,
    "monilog: --json with --tui needs --output PATH: standard output is the dashboard\n",
  );
});
