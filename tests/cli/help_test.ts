/**
 * `--help` through the real CLI, with the shipped permission set and neither NO_COLOR nor FORCE_COLOR
 * set (as most users run it): every way of asking for help works, lists every option of the spec's
 * tables and shows examples.
 */
import { equal, match } from "node:assert/strict";
import { runCli } from "../_helpers/cli.ts";

const SPEC = new URL("../../../shared/spec/monilog.md", import.meta.url);

/** The flags (`--window`, `-f`, …) in the option table under the spec's `### {command}` heading. */
async function specFlags(command: string): Promise<string[]> {
  const spec = await Deno.readTextFile(SPEC);
  const table = spec.split(`### ${command}\n`)[1].split("\n\n").map((p) => p.trim())
    .find((p) => p.startsWith("|"))!;
  const firstCells = table.split("\n").slice(2).map((row) => row.split("|")[1]);
  return firstCells.flatMap((cell) => cell.match(/--?[a-z][a-z-]*/g) ?? []);
}

function checkHelp(text: string, flags: string[], what: string): void {
  match(text, /^Usage: monilog/, what);
  for (const flag of flags) {
    match(text, new RegExp(`(^|[ ,])${flag}[ ,<]`, "m"), `${what}: ${flag}`);
  }
  match(text, /\nExamples:\n {2}monilog /, what);
}

Deno.test("monilog monitor --help and monilog help monitor list every option of the spec, with examples", async () => {
  const flags = await specFlags("monitor");
  equal(flags.includes("--idle-timeout"), true, "the spec's table was read");
  for (const args of [["monitor", "--help"], ["monitor", "-h"], ["help", "monitor"]]) {
    const { code, stdout, stderr } = await runCli(args);
    equal(code, 0, `${args.join(" ")}: ${stderr}`);
    equal(stderr, "", args.join(" "));
    checkHelp(stdout, flags, args.join(" "));
  }
});

Deno.test("monilog generate --help lists every option of the spec, with examples", async () => {
  const flags = await specFlags("generate");
  equal(flags.includes("--durations"), true, "the spec's table was read");
  const { code, stdout, stderr } = await runCli(["generate", "--help"]);
  equal(code, 0, stderr);
  equal(stderr, "");
  checkHelp(stdout, flags, "generate --help");
});

Deno.test("monilog --help lists the commands and --version, with examples", async () => {
  const { code, stdout, stderr } = await runCli(["--help"]);
  equal(code, 0, stderr);
  equal(stderr, "");
  checkHelp(stdout, ["--help", "--version"], "--help");
  for (const command of ["monitor", "generate", "help"]) {
    match(stdout, new RegExp(`^ {2}${command} `, "m"));
  }
});

Deno.test("monilog with no arguments prints the help on stderr and exits 2", async () => {
  const { code, stdout, stderr } = await runCli([]);
  equal(code, 2, stderr);
  equal(stdout, "");
  checkHelp(stderr, ["--help", "--version"], "no arguments");
  match(stderr, /^ {2}monitor /m);
});
