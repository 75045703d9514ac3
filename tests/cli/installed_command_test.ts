/**
 * The `monilog` command as a user gets it: `npm pack` of the repository and `npm install -g` of that
 * tarball into a temporary prefix (its dependencies, Deno included, from npm's cache or the registry),
 * then `monilog` run from another directory on relative paths, and stopped with a signal.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { VERSION } from "../../src/version.ts";
import { clfLine, cliEnv, REPO_ROOT } from "../_helpers/cli.ts";
import { needs } from "../_helpers/requires.ts";

const decoder = new TextDecoder();

/** Runs `command args…` in `cwd` to completion; fails with its output if it exits non-zero. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  const out = await new Deno.Command(command, {
    args,
    cwd,
    env: cliEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = decoder.decode(out.stdout);
  if (!out.success) {
    throw new Error(
      `${command} ${args.join(" ")}: exit ${out.code}\n${decoder.decode(out.stderr)}`,
    );
  }
  return stdout;
}

/** `npm install -g` into `prefix`, offline when npm's cache has everything (as after `npm ci`). */
function npmInstallGlobal(prefix: string, what: string, cwd: string): Promise<string> {
  return run("npm", [
    "install",
    "--global",
    "--prefix",
    prefix,
    what,
    "--prefer-offline",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
  ], cwd);
}

/** What a process is running and what it started: from /proc, through cat (Deno asks all access). */
async function processInfo(
  pid: number,
): Promise<{ exe: string; args: string[]; children: string }> {
  const cwd = "/";
  const exe = (await run("readlink", [`/proc/${pid}/exe`], cwd)).trim();
  const args = (await run("cat", [`/proc/${pid}/cmdline`], cwd)).split("\0").filter((a) => a);
  const children = (await run("cat", [`/proc/${pid}/task/${pid}/children`], cwd)).trim();
  return { exe, args, children };
}

Deno.test(
  needs(
    "npm install -g gives a monilog command: one process, the caller's paths",
    ["npm"],
    (t) => withInstalled(t),
  ),
);

/** Packs the repository, installs the tarball into a temporary prefix and uses the command. */
async function withInstalled(t: Deno.TestContext): Promise<void> {
  // A space in the prefix: the launcher quotes every path it builds.
  const tmp = await Deno.makeTempDir({ prefix: "monilog-install-" });
  try {
    const prefix = `${tmp}/global prefix`;
    const packed =
      (await run("npm", ["pack", "--pack-destination", tmp, "--loglevel=error"], REPO_ROOT))
        .trim().split("\n").at(-1)!;
    await npmInstallGlobal(prefix, `${tmp}/${packed}`, tmp);
    const monilog = `${prefix}/bin/monilog`;
    // The user's own directory, with its log at a relative path.
    const home = `${tmp}/home`;
    await Deno.mkdir(`${home}/logs`, { recursive: true });
    const t0 = Math.floor(Date.now() / 1000) - 60;
    const lines = Array.from({ length: 30 }, (_, i) => clfLine(t0 + i * 2));
    await Deno.writeTextFile(`${home}/logs/access.log`, lines.join("\n") + "\n");

    await t.step("--version", async () => {
      equal((await run(monilog, ["--version"], home)).trim(), VERSION);
    });

    await t.step(
      "a replay reads and writes paths relative to the caller's directory",
      async () => {
        const out = await run(
          monilog,
          ["monitor", "--once", "--file", "logs/access.log", "--output", "report.log"],
          home,
        );
        match(out, /^Summary$/m);
        match(out, / 30 hits /);
        equal((await Deno.readTextFile(`${home}/report.log`)).trimEnd(), out.trimEnd());
      },
    );

    await t.step("SIGTERM to the process started stops the monitor with its summary", async () => {
      const out = await followThenTerminate(monilog, home);
      match(out, /^Summary$/m);
      match(out, / 30 hits /);
    });

    await t.step("a clone linked with npm install -g DIR runs from the clone", async () => {
      const linked = `${tmp}/linked`;
      await npmInstallGlobal(linked, REPO_ROOT, tmp);
      equal(
        await Deno.realPath(`${linked}/lib/node_modules/monilog`),
        await Deno.realPath(REPO_ROOT),
      );
      equal((await run(`${linked}/bin/monilog`, ["--version"], home)).trim(), VERSION);
    });
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

/**
 * Starts `monilog monitor` following `logs/access.log` in `home`, checks that the pid it got is the
 * monitor itself, sends it SIGTERM and returns what it printed.
 */
async function followThenTerminate(monilog: string, home: string): Promise<string> {
  const child = new Deno.Command(monilog, {
    args: ["monitor", "--from-start", "--file", "logs/access.log"],
    cwd: home,
    env: cliEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = new Response(child.stdout).text();
  const stderr: string[] = [];
  const reading = (async () => {
    let rest = "";
    for await (const chunk of child.stderr) {
      rest += decoder.decode(chunk, { stream: true });
      stderr.push(...rest.split("\n").slice(0, -1));
      rest = rest.slice(rest.lastIndexOf("\n") + 1);
    }
  })();
  try {
    // The format is named once lines were read: by then the monitor has its signal handlers.
    const deadline = Date.now() + 20_000;
    while (
      !stderr.some((l) => l.includes("looks like clf")) && Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    equal(stderr.some((l) => l.includes("looks like clf")), true, stderr.join("\n"));
    if (Deno.build.os === "linux") {
      // The pid we started is Deno running main.ts itself, not a wrapper with Deno as its child.
      const info = await processInfo(child.pid);
      match(info.exe, /\/node_modules\/@deno\/[^/]+\/deno$/);
      equal(info.args.at(-4), "monitor");
      match(
        info.args.find((a) => a.endsWith("/main.ts")) ?? "",
        /^file:\/\/.*\/monilog\/main\.ts$/,
      );
      equal(info.children, "");
    }
  } finally {
    // Stops it whatever the checks found, so that a failure leaves nothing running.
    child.kill("SIGTERM");
  }
  const status = await child.status;
  await reading;
  const out = await stdout;
  equal(status.code, 0, stderr.join("\n"));
  deepEqual(
    stderr.filter((l) => !l.startsWith("monilog: following ") && !l.includes("looks like")),
    [],
  );
  return out;
}

Deno.test(needs("the launcher is portable POSIX sh (shellcheck)", ["shellcheck"], async () => {
  const out = await new Deno.Command("shellcheck", {
    args: ["--shell=sh", `${REPO_ROOT}bin/monilog`],
    stdout: "piped",
  }).output();
  equal(out.code, 0, decoder.decode(out.stdout));
}));
