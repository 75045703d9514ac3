import { equal, match } from "node:assert/strict";
import { commandHelp, programHelp } from "../../src/cli/help_text.ts";
import type { CliProgram } from "../../src/cli/cli_spec.ts";

const PROGRAM: CliProgram = {
  name: "tool",
  version: "1.0.0",
  description: "Does things.",
  examples: ["tool run --count 3"],
  commands: [{
    name: "run",
    description: "Runs the thing with a description long enough to need wrapping at forty columns.",
    options: [
      { key: "count", short: "c", value: "n", default: 1, help: "how many times to run it" },
      { key: "dryRun", help: "say what would run" },
      { key: "mode", value: "m", choices: ["fast", "slow"], default: "fast", help: "pace" },
    ],
    examples: ["tool run -c 2"],
    load: () => Promise.resolve(() => Promise.resolve()),
  }],
};

Deno.test("a command's help lists its options with their values, choices and defaults", () => {
  const text = commandHelp(PROGRAM, PROGRAM.commands[0]);
  match(text, /^Usage: tool run \[options\]\n/);
  match(text, /^ {2}-c, --count <n> +how many times to run it \(default: 1\)$/m);
  match(text, /^ {6}--dry-run +say what would run$/m);
  match(text, /--mode <m> +pace \(choices: fast, slow; default: fast\)$/m);
  match(text, /^ {2}-h, --help +show help$/m);
  match(text, /\nExamples:\n {2}tool run -c 2\n$/);
});

Deno.test("help is wrapped to the width, continuation lines under the text column", () => {
  const text = commandHelp(PROGRAM, PROGRAM.commands[0], 40);
  for (const line of text.split("\n")) {
    // Examples are commands to copy: they are not wrapped.
    if (!line.startsWith("  tool ")) equal(line.length <= 40, true, line);
  }
  match(text, /^Runs the thing with a description long\nenough/m);
  // "default: 1" stays on one line.
  equal(text.includes("default:\n"), false);
});

Deno.test("the program's help lists its commands, help and --version", () => {
  const text = programHelp(PROGRAM);
  match(text, /^Usage: tool \[options\] \[command\]\n/);
  match(text, /^ {2}-V, --version +print the version and exit$/m);
  match(text, /^ {2}run \[options\] +Runs the thing/m);
  match(text, /^ {2}help \[command\] +show the help of a command$/m);
});
