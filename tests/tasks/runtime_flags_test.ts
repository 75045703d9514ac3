/**
 * What is tested is what ships: one permission set and one set of V8 flags, used by the run tasks, the
 * CLI tests, simulate, bench and compile.
 */
import { deepEqual, equal } from "node:assert/strict";
import { PERMISSION_SET, runtimeArgs, V8_FLAGS } from "../../tasks/runtime_flags.ts";
import { compileArgs } from "../../tasks/compile.ts";
import { VERSION } from "../../src/version.ts";
import { REPO_ROOT, runCli } from "../_helpers/cli.ts";

const config = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}deno.json`));
const pkg = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}package.json`));

Deno.test("the run tasks, the command, the CLI tests and the compile task run monilog the same way", async () => {
  equal(PERMISSION_SET, "monilog");
  deepEqual(runtimeArgs(), [`-P=${PERMISSION_SET}`, `--v8-flags=${V8_FLAGS}`, "--no-prompt"]);
  // The tasks run in the clone's directory: they step into the caller's (INIT_CWD) so that relative
  // paths mean what the user meant, and name the clone's config and main.ts from there.
  for (const task of ["monitor", "generate"]) {
    equal(
      config.tasks[task],
      `ROOT="$(pwd)" && cd "$INIT_CWD" && deno run -q ${runtimeArgs().join(" ")} ` +
        `--config "$ROOT/deno.json" "$ROOT/main.ts" ${task}`,
    );
  }
  // The installed command (bin/monilog, a shell script) execs Deno with the same arguments.
  const launcher = (await Deno.readTextFile(`${REPO_ROOT}${pkg.bin.monilog}`)).replace(
    /\\\n\s*/g,
    "",
  );
  const exec = launcher.split("\n").filter((line) => line.startsWith("exec "));
  deepEqual(exec, [
    `exec "$deno" run -q ${runtimeArgs().join(" ")} --no-lock --config "$pkg/deno.json" ` +
    `"file://$main" "$@"`,
  ]);
  const args = compileArgs(undefined);
  for (const arg of runtimeArgs()) equal(args.includes(arg), true, args.join(" "));
  // The CLI tests' helper, simulate and bench import runtimeArgs() (tests/_helpers/cli.ts).
});

Deno.test("the npm package installs the command with its Deno and everything main.ts needs", async () => {
  equal(pkg.version, VERSION);
  deepEqual(pkg.bin, { monilog: "bin/monilog" });
  // A global install leaves devDependencies out: Deno itself and every library that main.ts and src/
  // import are dependencies.
  const imported = new Set(["deno"]);
  for (const file of await sourceFiles()) {
    for (const m of (await Deno.readTextFile(file)).matchAll(/\bfrom "([^".][^"]*)"/g)) {
      if (m[1].startsWith("node:")) continue;
      imported.add(m[1].startsWith("@") ? m[1].split("/", 2).join("/") : m[1].split("/")[0]);
    }
  }
  equal(imported.has("@stricli/core"), true, [...imported].join(" "));
  for (const name of imported) equal(typeof pkg.dependencies[name], "string", name);
  for (const file of pkg.files) await Deno.stat(`${REPO_ROOT}${file}`);
  const mode = (await Deno.stat(`${REPO_ROOT}bin/monilog`)).mode ?? 0o755;
  equal(mode & 0o111, 0o111, "bin/monilog is executable");
});

Deno.test("monilog's permission set grants files, a few variables, the network and the host name", () => {
  // net: --http listens on the port the user names, and the alert receivers (spec §8) post to the
  // URLs the user gives; sys hostname: every notification names its host. The two MONILOG_NOTIFY /
  // PAGERDUTY variables are the notifiers' test knobs (README).
  deepEqual(config.permissions[PERMISSION_SET], {
    read: true,
    write: true,
    env: [
      "TZ",
      "NO_COLOR",
      "FORCE_COLOR",
      "TERM",
      "CI",
      "COLUMNS",
      "MONILOG_HTTP_TOKEN",
      "MONILOG_NOTIFY_TIME_SCALE",
      "MONILOG_PAGERDUTY_URL",
    ],
    net: true,
    sys: ["hostname"],
  });
});

Deno.test("a monitor denied access to a file prints one clear line and exits non-zero", async () => {
  // /proc files need more than file access under Deno: outside the grant, like a narrowed install.
  const { code, stderr } = await runCli(["monitor", "--once", "--file", "/proc/self/status"]);
  equal(code, 1);
  const lines = stderr.trimEnd().split("\n");
  equal(lines.length, 1, stderr);
  equal(
    lines[0],
    'monilog: Cannot read log file "/proc/self/status": outside what monilog\'s permission set allows',
  );
});

/** main.ts and every TypeScript file under src/. */
async function sourceFiles(): Promise<string[]> {
  const files = [`${REPO_ROOT}main.ts`];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(`${dir}/${entry.name}`);
      else if (entry.name.endsWith(".ts")) files.push(`${dir}/${entry.name}`);
    }
  };
  await walk(`${REPO_ROOT}src`);
  return files;
}
