import { deepEqual, equal, match } from "node:assert/strict";
import { type CliOutcome, runCommandLine } from "../../src/cli/cli_app.ts";
import type { CliProgram } from "../../src/cli/cli_spec.ts";
import { numberOption } from "../../src/cli/option_parsers.ts";

let ran: Record<string, unknown> | undefined;
let argument: string | undefined;

const PROGRAM: CliProgram = {
  name: "tool",
  version: "1.2.3",
  description: "Does things.",
  examples: [],
  commands: [
    {
      name: "run",
      description: "Runs.",
      options: [
        { key: "file", short: "f", value: "path", repeatable: true, help: "a file" },
        { key: "rates", value: "r", spaced: true, parse: numberOption({ min: 0 }), help: "rates" },
        { key: "window", value: "s", parse: numberOption({ min: 1 }), default: 120, help: "w" },
        { key: "fromStart", help: "from the start" },
        { key: "mode", value: "m", choices: ["a", "b"], default: "a", help: "mode" },
        { key: "need", value: "n", required: true, help: "needed" },
      ],
      examples: [],
      load: () =>
        Promise.resolve((o: Record<string, unknown>, a?: string) => {
          ran = o;
          argument = a;
          if (o.need === "boom") return Promise.reject(new Error("boom"));
          return Promise.resolve();
        }),
    },
    {
      name: "shell",
      description: "Picks a shell.",
      options: [],
      argument: { value: "shell", help: "which", choices: ["bash", "zsh"] },
      examples: [],
      load: () =>
        Promise.resolve((_o: Record<string, unknown>, a?: string) => {
          argument = a;
          return Promise.resolve();
        }),
    },
  ],
};

async function cli(...args: string[]): Promise<{ outcome: CliOutcome; out: string }> {
  ran = undefined;
  argument = undefined;
  let out = "";
  const outcome = await runCommandLine(PROGRAM, args, (t) => out += t);
  return { outcome, out };
}

function usage(outcome: CliOutcome): string {
  equal(outcome.kind, "usage", JSON.stringify(outcome));
  return (outcome as { message: string }).message;
}

Deno.test("options arrive parsed, with their defaults, repeats and spaced values", async () => {
  const { outcome } = await cli(
    ...["run", "-f", "a", "--file=b", "--rates", "1", "2.5", "--from-start", "--need", "x"],
  );
  equal(outcome.kind, "done");
  deepEqual(ran, {
    file: ["a", "b"],
    rates: [1, 2.5],
    window: 120,
    fromStart: true,
    mode: "a",
    need: "x",
  });
});

Deno.test("a bad flag, value or command is one line naming it", async () => {
  equal(
    usage((await cli("run", "--widow", "3", "--need", "x")).outcome),
    "unknown option '--widow' (Did you mean --window?)",
  );
  // Only a near miss is offered as a correction.
  equal(usage((await cli("run", "--bogus", "--need", "x")).outcome), "unknown option '--bogus'");
  equal(usage((await cli("runn")).outcome), "unknown command 'runn' (Did you mean run?)");
  equal(
    usage((await cli("--versio")).outcome),
    "unknown option '--versio' (Did you mean --version?)",
  );
  equal(
    usage((await cli("run", "--window", "0", "--need", "x")).outcome),
    "option '--window <s>' argument '0' is invalid. expected a number >= 1.",
  );
  match(usage((await cli("run", "--mode", "c", "--need", "x")).outcome), /choices are a, b\.$/);
  equal(usage((await cli("run")).outcome), "required option '--need <n>' not specified");
  equal(usage((await cli("run", "--need")).outcome), "option '--need <n>' argument missing");
  equal(
    usage((await cli("run", "--need", "x", "--window", "2", "--window", "3")).outcome),
    "option '--window <s>' given twice ('2', then '3')",
  );
  equal(usage((await cli("run", "--need", "x", "extra")).outcome), "unexpected argument 'extra'");
  match(
    usage((await cli("shell", "tcsh")).outcome),
    /'tcsh' is invalid\. expected one of bash, zsh/,
  );
  equal(usage((await cli("help", "nope")).outcome), "unknown command 'nope'");
  equal(ran, undefined, "no action ran");
});

Deno.test("an action's error comes back as it was thrown", async () => {
  const { outcome } = await cli("run", "--need", "boom");
  equal(outcome.kind, "failed");
  equal((outcome as { error: Error }).error.message, "boom");
});

Deno.test("help and the version are printed wherever they are asked for", async () => {
  for (const args of [["--help"], ["-h"], ["help"], ["help", "--help"]]) {
    const { outcome, out } = await cli(...args);
    equal(outcome.kind, "done");
    match(out, /^Usage: tool \[options\] \[command\]/);
  }
  for (const args of [["run", "--help"], ["run", "--need", "x", "-h"], ["help", "run"]]) {
    const { outcome, out } = await cli(...args);
    equal(outcome.kind, "done", args.join(" "));
    match(out, /^Usage: tool run \[options\]/);
    equal(ran, undefined);
  }
  equal((await cli("--version")).out, "1.2.3\n");
  equal((await cli("-V")).out, "1.2.3\n");
  await cli("shell", "zsh");
  equal(argument, "zsh");
});
