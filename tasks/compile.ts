/**
 * `deno task compile [--target T|all]`: builds the self-contained executable with monilog's permission
 * set, so that what ships is granted exactly what the tests were run with.
 *
 * `deno compile` needs Deno's runtime piece (denort) for each target. Deno downloads it, or uses the
 * binary that DENORT_BIN names. Where neither is possible (no network to Deno's download site) this task
 * says so in one line and exits 1.
 */
import { runtimeArgs } from "./runtime_flags.ts";
import { VERSION } from "../src/version.ts";
import { describeIoError } from "../src/errors.ts";

/** The release targets: Linux x86-64/arm64, macOS x86-64/arm64, Windows x86-64. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
] as const;

const ROOT = new URL("../", import.meta.url).pathname;

/** Where the binary for `target` goes (`dist/monilog` for the host). */
export function outputFor(target: string | undefined): string {
  if (target === undefined) return `${ROOT}dist/monilog`;
  return `${ROOT}dist/monilog-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/**
 * Modules loaded only as workers: `deno compile` leaves them out unless named (the replay's parse
 * workers run in the executable too).
 */
export const WORKER_MODULES = ["src/replay/parse_worker.ts"];

/** The `deno compile` arguments for `target` (the host when undefined). */
export function compileArgs(target: string | undefined): string[] {
  const args = ["compile", "-q", ...runtimeArgs(), "--output", outputFor(target)];
  for (const worker of WORKER_MODULES) args.push("--include", `${ROOT}${worker}`);
  if (target !== undefined) args.push("--target", target);
  args.push(`${ROOT}main.ts`);
  return args;
}

/**
 * Why DENORT_BIN cannot be used, or undefined when it is unset or names a file. Checked before
 * `deno compile`, whose own report of a bad DENORT_BIN is a multi-line trace.
 */
export async function denortBinProblem(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    if ((await Deno.stat(path)).isFile) return undefined;
    return `compile: DENORT_BIN "${path}" is not a file; it must name the denort binary of ` +
      `Deno ${Deno.version.deno}`;
  } catch (err) {
    return `compile: DENORT_BIN "${path}": ${describeIoError(err)}; it must name the denort ` +
      `binary of Deno ${Deno.version.deno}, or be unset for deno to download one`;
  }
}

/** After a failed build: `dist/`, if the build created it and it stays empty, is not left behind. */
async function removeEmptyDist(): Promise<void> {
  // Not recursive: a dist/ that holds other builds (or an earlier good one) stays.
  await Deno.remove(`${ROOT}dist`).catch(() => {});
}

async function compile(target: string | undefined): Promise<boolean> {
  const problem = await denortBinProblem(Deno.env.get("DENORT_BIN"));
  if (problem !== undefined) console.error(problem);
  const ok = problem === undefined && await build(target);
  if (!ok) await removeEmptyDist();
  return ok;
}

/** Runs `deno compile` for `target` and checks what it built; false (said in one line) if not usable. */
async function build(target: string | undefined): Promise<boolean> {
  const output = outputFor(target);
  const args = compileArgs(target);
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "inherit",
    stderr: "piped",
    env: { RUST_BACKTRACE: "0" },
  }).output();
  if (result.code === 0) {
    // A host build can be run: a DENORT_BIN that is not a denort (Deno itself, say) builds a file
    // that ignores monilog and acts as plain Deno. Say so instead of shipping it.
    if (target === undefined && !await runsAsMonilog(output)) {
      console.error(
        `compile: ${output.slice(ROOT.length)} does not run as monilog ${VERSION}; ` +
          `DENORT_BIN must name the denort binary of Deno ${Deno.version.deno}, not deno itself`,
      );
      // Removed, so that nothing picks it up as a release.
      await Deno.remove(output).catch(() => {});
      return false;
    }
    console.log(`built ${output.slice(ROOT.length)}`);
    return true;
  }
  const err = new TextDecoder().decode(result.stderr);
  if (/denort|dl\.deno\.land|error sending request/i.test(err) && !Deno.env.get("DENORT_BIN")) {
    console.error(
      "compile: deno compile needs Deno's runtime piece (denort) and could not download it; " +
        "set DENORT_BIN to a denort binary of this Deno version, or build where the network is open",
    );
  } else {
    console.error(err.trim());
  }
  return false;
}

/** True when the executable at `path` answers `--version` with monilog's version. */
async function runsAsMonilog(path: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(path, { args: ["--version"], stderr: "null" }).output();
    return new TextDecoder().decode(out.stdout).trim() === VERSION;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--target");
  const wanted = i >= 0 ? Deno.args[i + 1] : undefined;
  if (i >= 0 && wanted !== "all" && !(TARGETS as readonly string[]).includes(wanted ?? "")) {
    console.error(`compile: --target: expected all or one of: ${TARGETS.join(", ")}`);
    Deno.exit(2);
  }
  const targets = wanted === "all" ? [...TARGETS] : [wanted];
  for (const target of targets) {
    if (!await compile(target)) Deno.exit(1);
  }
}
