/**
 * The command line parsed by @stricli/core from the tables of cli_spec.ts: help, version, "did you
 * mean", value parsing. Stricli was chosen over commander because it imports nothing from Node:
 * commander's node:fs and node:child_process woke Deno's Node-compatibility layer, ~37 ms of every
 * start, most of what `monitor --once` of a small file cost. What it reports goes back to main.ts as
 * data: a usage error's one line, or the error an action threw, so that exit codes and messages stay
 * decided in one place.
 */
import {
  ArgumentParseError,
  buildApplication,
  buildCommand,
  buildRouteMap,
  formatMessageForArgumentScannerError,
  run,
  text_en,
} from "@stricli/core";
import {
  type CliArgument,
  type CliCommand,
  type CliOption,
  type CliProgram,
  longFlag,
} from "./cli_spec.ts";
import { expandSpaced } from "./spaced_values.ts";
import { commandHelp, programHelp } from "./help_text.ts";

/** How a command line ended. */
export type CliOutcome =
  /** The action ran (or help or the version was printed). */
  | { kind: "done" }
  /** The action threw `error`. */
  | { kind: "failed"; error: unknown }
  /** A bad flag, value or command: one line saying what (without the program's name). */
  | { kind: "usage"; message: string };

/** Where help and the version go (standard output; it may throw on a full disk or a closed pipe). */
export type WriteOut = (text: string) => void;

/**
 * Parses `args` and runs the command they name. Help and the version are answered here, from the
 * tables (help_text.ts), before Stricli sees the words; `width` is the terminal's, for the help.
 */
export async function runCommandLine(
  program: CliProgram,
  args: readonly string[],
  writeOut: WriteOut,
  width?: number,
): Promise<CliOutcome> {
  const asked = helpAsked(program, args);
  if (asked !== undefined) {
    if (asked.kind !== "text") return asked;
    writeOut(asked.text(width));
    return { kind: "done" };
  }
  const app = buildApp(program, args);
  const box: { error?: unknown; failed: boolean } = { failed: false };
  const problems: string[] = [];
  const proc = {
    stdout: { write: writeOut },
    // Stricli writes only its parse errors here (actions' own output does not pass through it).
    stderr: { write: (text: string) => void problems.push(text.trim()) },
    env: {},
    exitCode: undefined as number | string | null | undefined,
  };
  const context = { process: proc, box };
  await run(app, expandSpaced(args, spacedFlags(program, args[0])), context as never);
  if (box.failed) return { kind: "failed", error: box.error };
  if (problems.length > 0) return { kind: "usage", message: problems[0] };
  return { kind: "done" };
}

/** What `args` ask of help or the version, if they do; `undefined` when they name a command to run. */
function helpAsked(
  program: CliProgram,
  args: readonly string[],
): { kind: "text"; text: (width?: number) => string } | CliOutcome | undefined {
  const [first, second] = args;
  if (first === "--version" || first === "-V" || first === "-v") {
    return { kind: "text", text: () => `${program.version}\n` };
  }
  if (
    first === "--help" || first === "-h" ||
    (first === "help" && (second === undefined || second.startsWith("-")))
  ) {
    return { kind: "text", text: (w) => programHelp(program, w) };
  }
  const name = first === "help" ? second : first;
  const command = program.commands.find((c) => c.name === name);
  if (first === "help" && command === undefined) {
    return { kind: "usage", message: `unknown command '${second}'` };
  }
  const words = first === "help" ? ["--help"] : args.slice(1);
  const end = words.indexOf("--");
  const own = end < 0 ? words : words.slice(0, end);
  if (command && (own.includes("--help") || own.includes("-h"))) {
    return { kind: "text", text: (w) => commandHelp(program, command, w) };
  }
  return undefined;
}

/** The long flags of `command` that take spaced values (`--rates 9 11 8`). */
function spacedFlags(program: CliProgram, command: string | undefined): Set<string> {
  const found = program.commands.find((c) => c.name === command);
  return new Set(found?.options.filter((o) => o.spaced).map((o) => longFlag(o.key)) ?? []);
}

/** What a running command sees as `this`: the box for its failure. */
interface RunContext {
  box: { error?: unknown; failed: boolean };
}

function buildApp(program: CliProgram, args: readonly string[]) {
  const routes: Record<string, unknown> = {};
  for (const command of program.commands) routes[command.name] = buildOne(command);
  // Help and the version never reach Stricli (helpAsked answers them): its docs are the briefs.
  const map = buildRouteMap({ routes: routes as never, docs: { brief: program.description } });
  return buildApplication(map, {
    name: program.name,
    scanner: {
      caseStyle: "allow-kebab-for-camel",
      // A letter left out, one added, or one wrong beside one left out: "did you mean" only then
      // (Stricli's own threshold, 7, offered --jobs for --bogus).
      distanceOptions: {
        threshold: 3,
        weights: { insertion: 1, deletion: 3, substitution: 2, transposition: 0 },
      },
    },
    documentation: { caseStyle: "convert-camel-to-kebab", disableAnsiColor: true },
    localization: { loadText: () => ({ ...text_en, ...usageText(program, args) }) },
  });
}

function buildOne(command: CliCommand) {
  const flags: Record<string, unknown> = {};
  const aliases: Record<string, string> = {};
  for (const o of command.options) {
    flags[o.key] = flagParameter(o);
    if (o.short) aliases[o.short] = o.key;
  }
  return buildCommand({
    docs: { brief: command.description },
    parameters: {
      flags: flags as never,
      aliases: aliases as never,
      positional: command.argument
        ? { kind: "tuple", parameters: [positional(command.argument)] } as never
        : { kind: "tuple", parameters: [] } as never,
    },
    async func(this: RunContext, options: Record<string, unknown>, argument?: string) {
      try {
        const action = await command.load();
        await action(options, argument);
      } catch (error) {
        this.box.failed = true;
        this.box.error = error;
      }
    },
  } as never);
}

function positional(a: CliArgument) {
  return {
    brief: a.help,
    placeholder: a.value,
    optional: a.optional ?? false,
    parse: a.choices ? choiceParser(a.choices) : (s: string) => s,
  };
}

function choiceParser(choices: readonly string[]) {
  return (value: string) => {
    if (!choices.includes(value)) throw new Error(`expected one of ${choices.join(", ")}.`);
    return value;
  };
}

/** One of our options as a Stricli flag. */
function flagParameter(o: CliOption): unknown {
  const brief = o.help;
  if (o.value === undefined) {
    return { kind: "boolean", brief, optional: true, withNegated: false };
  }
  const many = Boolean(o.repeatable || o.spaced);
  const shared = {
    brief,
    placeholder: o.value,
    variadic: many,
    ...(o.default !== undefined
      ? { default: many ? [String(o.default)] : String(o.default) }
      : { optional: !o.required }),
  };
  return o.choices && !o.parse
    ? { kind: "enum", values: o.choices, ...shared }
    : { kind: "parsed", parse: o.parse ?? ((s: string) => s), ...shared };
}

/** The option of any command that Stricli names `name` (`window`, `fromStart`, `from-start`). */
function findOption(program: CliProgram, name: string): CliOption | undefined {
  const flag = longFlag(name);
  for (const c of program.commands) {
    const o = c.options.find((x) => longFlag(x.key) === flag);
    if (o) return o;
  }
  return undefined;
}

/** The option `name` (as Stricli names it) with its value's name: `'--window <s>'`. */
function optionName(program: CliProgram, name: string): string {
  const o = findOption(program, name);
  const flag = longFlag(name);
  return o?.value ? `'${flag} <${o.value}>'` : `'${flag}'`;
}

/** The wording of usage errors: one line each, naming the option and what it accepts. */
function usageText(program: CliProgram, args: readonly string[]) {
  const suggest = (corrections: readonly string[], dashes: string) =>
    corrections.length > 0 ? ` (Did you mean ${dashes}${corrections[0].replaceAll("`", "")}?)` : "";
  const reason = (exc: unknown) => {
    const text = exc instanceof Error ? exc.message : String(exc);
    return /[.?!]$/.test(text) ? text : `${text}.`;
  };
  return {
    noCommandRegisteredForInput: ({ input, corrections }: {
      input: string;
      corrections: readonly string[];
    }) =>
      input.startsWith("-")
        // At the top, `--versio` is a mistyped option rather than a command.
        ? `unknown option '${input}'${rootSuggestion(input)}`
        : `unknown command '${input}'${suggest(corrections, "")}`,
    exceptionWhileParsingArguments: (exc: unknown) => {
      if (exc instanceof ArgumentParseError) {
        const name = exc.externalFlagNameOrPlaceholder;
        return findOption(program, name) !== undefined
          ? `option ${optionName(program, name)} argument '${exc.input}' is invalid. ${
            reason(exc.exception)
          }`
          : `argument '<${name}>': '${exc.input}' is invalid. ${reason(exc.exception)}`;
      }
      return formatMessageForArgumentScannerError(exc as never, {
        FlagNotFoundError: (e) =>
          `unknown option '--${e.input}'${
            suggest(e.corrections.map((c) => longFlag(c).slice(2)), "--")
          }`,
        AliasNotFoundError: (e) => `unknown option '-${e.input}'`,
        EnumValidationError: (e) =>
          `option ${
            optionName(program, e.externalFlagName)
          } argument '${e.input}' is invalid. Allowed choices are ${e.values.join(", ")}.`,
        // Stricli says the same of a flag left out and of one given without its value.
        UnsatisfiedFlagError: (e) => {
          const flag = longFlag(e.externalFlagName);
          const short = findOption(program, e.externalFlagName)?.short;
          return args.some((a) => a === flag || a.startsWith(`${flag}=`) || a === `-${short}`)
            ? `option ${optionName(program, e.externalFlagName)} argument missing`
            : `required option ${optionName(program, e.externalFlagName)} not specified`;
        },
        UnexpectedFlagError: (e) =>
          `option ${
            optionName(program, e.externalFlagName)
          } given twice ('${e.previousInput}', then '${e.input}')`,
        UnexpectedPositionalError: (e) => `unexpected argument '${e.input}'`,
        UnsatisfiedPositionalError: (e) => `missing argument '<${e.placeholder}>'`,
        InvalidNegatedFlagSyntaxError: (e) =>
          `option '${longFlag(e.externalFlagName)}' takes no value`,
      });
    },
  };
}

/**
 * The options of a task script (`deno task simulate`, `deno task bench`), parsed as a subcommand's
 * are: `--help` prints its help and exits 0; a usage error prints `{name}: message` and exits 2.
 */
export async function parseTaskOptions(
  name: string,
  description: string,
  options: readonly CliOption[],
  args: readonly string[],
): Promise<Record<string, unknown>> {
  let parsed: Record<string, unknown> | undefined;
  const task: CliCommand = {
    name,
    description,
    options,
    examples: [`deno task ${name}`],
    load: () => Promise.resolve((o) => Promise.resolve(void (parsed = o))),
  };
  const program = { name: "deno task", version: "", description, examples: [], commands: [task] };
  const outcome = await runCommandLine(program, [name, ...args], (text) => {
    Deno.stdout.writeSync(new TextEncoder().encode(text));
  });
  if (outcome.kind === "usage") {
    console.error(`${name}: ${outcome.message}`);
    Deno.exit(2);
  }
  if (outcome.kind === "failed") throw outcome.error;
  if (parsed === undefined) Deno.exit(0); // --help
  return parsed;
}

/** The program's own options a mistyped one may mean: those that begin as it does. */
function rootSuggestion(input: string): string {
  const head = input.replace(/^-+/, "").slice(0, 2);
  const match = ["--help", "--version"].find((o) => head.length > 0 && o.slice(2).startsWith(head));
  return match ? ` (Did you mean ${match}?)` : "";
}
