/**
 * `--help` as text, from the tables of cli_spec.ts: usage, description, one row per option (its
 * flags and value, what it does, its choices and default) wrapped to the terminal's width, and
 * examples. Stricli has a help of its own, but it lays every description out on one line, which on an
 * 80-column terminal wraps into a block nobody reads at 3 a.m.
 */
import {
  type CliArgument,
  type CliCommand,
  type CliOption,
  type CliProgram,
  longFlag,
} from "./cli_spec.ts";

/** The width help is wrapped to when it is not going to a terminal. */
export const HELP_WIDTH = 100;

interface Row {
  left: string;
  text: string;
}

/** The program's help: its commands and its own options. */
export function programHelp(program: CliProgram, width = HELP_WIDTH): string {
  const commands: Row[] = program.commands.map((c) => ({
    left: c.argument ? `${c.name} ${argumentWord(c.argument)}` : `${c.name} [options]`,
    text: c.description,
  }));
  commands.push({ left: "help [command]", text: "show the help of a command" });
  return [
    `Usage: ${program.name} [options] [command]`,
    "",
    wrap(program.description, width, 0),
    "",
    "Options:",
    table(
      [
        { left: "-V, --version", text: "print the version and exit" },
        { left: "-h, --help", text: "show help" },
      ],
      width,
    ),
    "",
    "Commands:",
    table(commands, width),
    "",
    examples(program.examples),
  ].join("\n");
}

/** A command's help. */
export function commandHelp(program: CliProgram, command: CliCommand, width = HELP_WIDTH): string {
  const argument = command.argument ? ` ${argumentWord(command.argument)}` : "";
  const rows = command.options.map(optionRow);
  rows.push({ left: "-h, --help", text: "show help" });
  const parts = [
    `Usage: ${program.name} ${command.name} [options]${argument}`,
    "",
    wrap(command.description, width, 0),
    "",
  ];
  if (command.argument) {
    parts.push(
      "Arguments:",
      table([{ left: command.argument.value, text: argumentText(command) }], width),
      "",
    );
  }
  parts.push("Options:", table(rows, width), "", examples(command.examples));
  return parts.join("\n");
}

/** `<shell>`, or `[shell]` when it may be left out. */
function argumentWord(a: CliArgument): string {
  return a.optional ? `[${a.value}]` : `<${a.value}>`;
}

function argumentText(command: CliCommand): string {
  const a = command.argument!;
  return a.choices ? `${a.help} (choices: ${a.choices.join(", ")})` : a.help;
}

function optionRow(o: CliOption): Row {
  const flags = (o.short ? `-${o.short}, ` : "    ") + longFlag(o.key) +
    (o.value ? ` <${o.value}>` : "");
  const notes: string[] = [];
  if (o.choices) notes.push(`choices:\u00a0${o.choices.join(", ")}`);
  if (o.default !== undefined) notes.push(`default:\u00a0${o.default}`);
  if (o.required) notes.push("required");
  return { left: flags, text: notes.length > 0 ? `${o.help} (${notes.join("; ")})` : o.help };
}

/** Two columns: the left one as wide as its widest cell (up to a third of the width). */
function table(rows: Row[], width: number): string {
  const left = Math.min(Math.max(...rows.map((r) => r.left.length)), Math.floor(width / 3));
  const indent = 2 + left + 2;
  return rows.map((r) => {
    const head = `  ${r.left}`;
    const text = wrap(r.text, width, indent);
    // A left cell wider than the column puts its text on the next line.
    if (r.left.length > left) return `${head}\n${" ".repeat(indent)}${text}`;
    return head.padEnd(indent) + text;
  }).join("\n");
}

/** `text` wrapped at spaces to `width`, continuation lines indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const room = Math.max(20, width - indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  // A no-break space keeps "default: 10" on one line.
  return lines.join("\n" + " ".repeat(indent)).replaceAll("\u00a0", " ");
}

function examples(list: readonly string[]): string {
  return `Examples:\n${list.map((e) => `  ${e}`).join("\n")}\n`;
}
