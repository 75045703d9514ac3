/** `deno task simulate`, run as the task runs it, with a faster clock so the test stays short. */
import { equal, match } from "node:assert/strict";
import { cliEnv, REPO_ROOT } from "../_helpers/cli.ts";
import { needs } from "../_helpers/requires.ts";
import { TmuxSession } from "../_helpers/tmux.ts";

async function simulate(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-P=simulate", "tasks/simulate.ts", ...args],
    cwd: REPO_ROOT,
    env: cliEnv(env),
    clearEnv: true,
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("simulate shows traffic, an alert and its recovery, and keeps the report where it was started", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "monilog-simulate-test-" }));
  try {
    // `deno task` runs in the project directory and says where the user was in INIT_CWD.
    const { code, stdout, stderr } = await simulate(["--speed", "150", "--idle-timeout", "1"], {
      INIT_CWD: dir,
    });
    equal(code, 0, stderr);
    match(
      stderr,
      /expect the alert about 1.3 s in \(log time \+198 s\) and the recovery about 2.4 s in \(log time \+359 s\)/,
    );
    match(stdout, /\d+ hits/);
    const alert = /^High traffic generated an alert - hits = \d+, triggered at \S+/m.exec(stdout);
    const recovery = /^Traffic recovered - hits = \d+, recovered at \S+/m.exec(stdout);
    equal(alert !== null && recovery !== null && alert.index < recovery.index, true, stdout);

    const names: string[] = [];
    for await (const e of Deno.readDir(dir)) names.push(e.name);
    equal(names.length, 1, names.join(" "));
    match(names[0], /^simulation-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.log$/);
    const report = `${dir}/${names[0]}`;
    match(stderr, new RegExp(`simulate: the monitor's report is in ${report}\\n$`));
    const kept = await Deno.readTextFile(report);
    equal(kept.includes(alert![0]) && kept.includes(recovery![0]), true, kept);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("simulate rejects a bad setting with exit 2 and one line naming it", async () => {
  const table: Array<[string[], RegExp]> = [
    [["--rates", "5", "20", "--durations", "100"], /--durations: expected as many values as/],
    [["--speed", "0"], /--speed.*a number >= 1/],
    [["--format", "xml"], /--format.*clf, combined, vhost_common, vhost_combined, csv/],
  ];
  for (const [args, pattern] of table) {
    const { code, stdout, stderr } = await simulate(args);
    equal(code, 2, args.join(" "));
    equal(stdout, "");
    const lines = stderr.trimEnd().split("\n");
    equal(lines.length, 1, stderr);
    match(lines[0], /^simulate: /);
    match(lines[0], pattern);
  }
});

Deno.test({
  ...needs("simulate shows the dashboard on a terminal, through the alert to the recovery", [
    "tmux",
  ], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-simulate-tui-" });
    const script = `cd '${REPO_ROOT}' || exit 1; '${Deno.execPath()}' run -q -P=simulate ` +
      `tasks/simulate.ts --speed 50 --idle-timeout 1 --report '${dir}/report.log'; ` +
      `echo "EXIT=$?"; sleep 600`;
    const tmux = await TmuxSession.start(script, { columns: 100, rows: 30 }, cliEnv());
    try {
      await tmux.waitFor("the dashboard", /q quit {2}\? help/);
      await tmux.waitFor("the alert", /^ !!! ALERT !!! {2}since/m);
      await tmux.waitFor("the recovery", /Traffic recovered - hits = \d+/);
      const end = await tmux.waitFor("the end", /EXIT=\d+/);
      match(end, /EXIT=0/);
      match(end, /^Summary$/m);
      match(end, /simulate: the monitor's report is in /);
      match(await Deno.readTextFile(`${dir}/report.log`), /High traffic generated an alert/);
    } finally {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    }
  }),
  sanitizeResources: false,
});
