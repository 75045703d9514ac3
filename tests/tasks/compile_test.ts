/**
 * The compile task builds the executable with the shipped permission set, and the binary works. Where
 * Deno's runtime piece (denort) can be neither downloaded nor found through DENORT_BIN, compiling is not
 * possible: then the task must say so in one clear line, and the test of the binary shows as ignored.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { FIXTURES, REPO_ROOT } from "../_helpers/cli.ts";
import { outputFor } from "../../tasks/compile.ts";
import { VERSION } from "../../src/version.ts";

const decoder = new TextDecoder();

async function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(cmd, { args, cwd: REPO_ROOT, env: { TZ: "UTC", ...env } })
    .output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

// Compiled once, when the tests are collected: whether it worked decides which test runs.
const built = await run(Deno.execPath(), ["run", "-q", "-P=compile", "tasks/compile.ts"]);

Deno.test({
  name: "deno task compile says in one line why it cannot compile" +
    (built.code === 0 ? " (ignored: compiling works here)" : ""),
  ignore: built.code === 0,
  fn: () => {
    const lines = built.stderr.trimEnd().split("\n");
    equal(lines.length, 1, built.stderr);
    match(lines[0], /^compile: deno compile needs Deno's runtime piece \(denort\)/);
  },
});

// Deno's runtime piece cannot be downloaded nor installed on these machines (CI's included), so this
// one is ignored there whatever CI says; it runs wherever DENORT_BIN or the network makes it possible.
Deno.test({
  name: "the compiled monilog works" +
    (built.code === 0 ? "" : " (ignored: no denort here, so deno compile cannot build)"),
  ignore: built.code !== 0,
  fn: async () => {
    const bin = outputFor(undefined);
    const version = await run(bin, ["--version"]);
    equal(version.stdout.trim(), VERSION);
    const generated = await run(bin, [
      "generate",
      "-o",
      "-",
      "--speed",
      "0",
      "--seed",
      "1",
      "--exact",
      "--rates",
      "5",
      "--durations",
      "10",
    ]);
    equal(generated.stdout.trimEnd().split("\n").length, 50);
    const replay = await run(bin, [
      "monitor",
      "--once",
      "--json",
      "--file",
      `${FIXTURES}sample_csv.txt`,
    ]);
    equal(replay.code, 0, replay.stderr);
    match(replay.stdout, /"type":"alert","time":1549573956,"hits":1206/);

    // A log large enough for the parse workers, which the executable must carry (--include).
    const big = await Deno.makeTempFile({ prefix: "monilog-compiled-", suffix: ".log" });
    try {
      const gen = await run(bin, [
        ...["generate", "-o", big, "--format", "combined", "--speed", "0", "--seed", "2"],
        ...["--exact", "--rates", "200", "--durations", "600"],
      ]);
      equal(gen.code, 0, gen.stderr);
      const once = ["monitor", "--once", "--json", "--file", big];
      const single = await run(bin, [...once, "--jobs", "1"]);
      const parallel = await run(bin, [...once, "--jobs", "2"]);
      equal(parallel.code, 0, parallel.stderr);
      equal(parallel.stdout, single.stdout);
    } finally {
      await Deno.remove(big);
    }
  },
});

/** The names in `dir`, sorted, or undefined when it does not exist. */
async function listing(dir: string): Promise<string[] | undefined> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
}

Deno.test("deno task compile says in one line when DENORT_BIN names no file, and leaves no empty dist/", async () => {
  const dist = `${REPO_ROOT}dist`;
  const before = await listing(dist);
  const dir = await Deno.makeTempDir();
  const missing = `${dir}/no-denort`;
  try {
    const built = await run(Deno.execPath(), ["run", "-q", "-P=compile", "tasks/compile.ts"], {
      DENORT_BIN: missing,
    });
    equal(built.code, 1);
    equal(
      built.stderr,
      `compile: DENORT_BIN "${missing}": no such file or directory; it must name the denort ` +
        `binary of Deno ${Deno.version.deno}, or be unset for deno to download one\n`,
    );
    const after = await listing(dist);
    equal(after === undefined || after.length > 0, true, "an empty dist/ was left behind");
    // What dist/ held (an earlier build) is still there.
    deepEqual(after ?? [], before ?? []);
  } finally {
    await Deno.remove(dir);
  }
});
