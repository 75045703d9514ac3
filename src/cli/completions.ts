/**
 * Shell completion scripts for bash, zsh and fish, generated from the command tree itself, so a new
 * option is completed as soon as it exists. The description of the tree is pure data; each shell's
 * renderer is a pure function of it.
 */
import { type CliOption, type CliProgram, longFlag } from "./cli_spec.ts";

/** The shells monilog completes for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@linkcode SHELLS}. */
export type Shell = typeof SHELLS[number];

/** An option as completion needs it. */
export interface OptionSpec {
  short?: string;
  long: string;
  description: string;
  /** The option takes a value. */
  takesValue: boolean;
  /** The values it accepts, when they are a fixed list. */
  choices?: readonly string[];
  /** Its value is a path. */
  isPath: boolean;
}

/** A subcommand as completion needs it. */
export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Fixed values of its first positional argument, if any. */
  argumentChoices?: readonly string[];
}

/** The help option every command has. */
const HELP_OPTION: OptionSpec = {
  short: "-h",
  long: "--help",
  description: "show help",
  takesValue: false,
  isPath: false,
};

/** Describes the subcommands of `program`, each with its help option. */
export function describeCommands(program: CliProgram): CommandSpec[] {
  return program.commands.map((cmd) => ({
    name: cmd.name,
    description: cmd.description,
    options: [...cmd.options.map(describeOption), HELP_OPTION],
    argumentChoices: cmd.argument?.choices,
  }));
}

function describeOption(o: CliOption): OptionSpec {
  return {
    short: o.short ? `-${o.short}` : undefined,
    long: longFlag(o.key),
    description: o.help,
    takesValue: o.value !== undefined,
    choices: o.choices,
    isPath: Boolean(o.path),
  };
}

/** Returns the completion script for `shell`. */
export function completionScript(shell: Shell, commands: CommandSpec[]): string {
  switch (shell) {
    case "bash":
      return bashScript(commands);
    case "zsh":
      return zshScript(commands);
    case "fish":
      return fishScript(commands);
  }
}

function flagsOf(o: OptionSpec): string[] {
  return o.short ? [o.short, o.long] : [o.long];
}

function bashScript(commands: CommandSpec[]): string {
  const cases = commands.map((c) => {
    const valueCases = c.options.filter((o) => o.takesValue).map((o) => {
      const reply = o.choices
        ? `COMPREPLY=( $(compgen -W "${o.choices.join(" ")}" -- "$cur") )`
        : o.isPath
        ? `COMPREPLY=( $(compgen -f -- "$cur") )`
        : "COMPREPLY=()";
      return `        ${flagsOf(o).join("|")}) ${reply}; return ;;`;
    });
    const words = c.argumentChoices?.join(" ") ?? c.options.flatMap(flagsOf).join(" ");
    return [
      `    ${c.name})`,
      `      case "$prev" in`,
      ...valueCases,
      `      esac`,
      `      COMPREPLY=( $(compgen -W "${words}" -- "$cur") ) ;;`,
    ].join("\n");
  });
  return `# bash completion for monilog. Load it with:  source <(monilog completions bash)
_monilog() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${
    commands.map((c) => c.name).join(" ")
  } --help --version" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join("\n")}
  esac
}
complete -o default -F _monilog monilog
`;
}

/** Quotes text for a zsh _arguments spec inside single quotes. */
function zshText(text: string): string {
  return text.replace(/'/g, "'\\''").replace(/([[\]:])/g, "\\$1");
}

function zshScript(commands: CommandSpec[]): string {
  const described = commands.map((c) => `    '${c.name}:${zshText(c.description)}'`).join("\n");
  const cases = commands.map((c) => {
    const specs = c.options.map((o) => {
      const exclusive = o.short ? `'(${o.short} ${o.long})'{${o.short},${o.long}}` : `'${o.long}`;
      const open = o.short ? "'" : "";
      const action = !o.takesValue
        ? ""
        : o.choices
        ? `:value:(${o.choices.join(" ")})`
        : o.isPath
        ? ":path:_files"
        : ":value: ";
      return `        ${exclusive}${open}[${zshText(o.description)}]${action}'`;
    });
    if (c.argumentChoices) specs.push(`        '1:${c.name}:(${c.argumentChoices.join(" ")})'`);
    return `    ${c.name})\n      _arguments \\\n${specs.join(" \\\n")} ;;`;
  });
  return `#compdef monilog
# zsh completion for monilog. Load it with:  source <(monilog completions zsh)
# (or save it as _monilog in a directory of your $fpath)
_monilog() {
  local -a subcommands
  subcommands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' subcommands
    return
  fi
  shift words
  (( CURRENT-- ))
  case $words[1] in
${cases.join("\n")}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _monilog "$@"
else
  compdef _monilog monilog
fi
`;
}

/** Quotes text for fish inside single quotes. */
function fishText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}

function fishScript(commands: CommandSpec[]): string {
  const lines = [
    "# fish completion for monilog. Load it with:  monilog completions fish | source",
    "complete -c monilog -f",
    ...commands.map((c) =>
      `complete -c monilog -n __fish_use_subcommand -a ${c.name} -d '${fishText(c.description)}'`
    ),
  ];
  for (const c of commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of c.options) {
      let line = `complete -c monilog ${when}`;
      if (o.short) line += ` -s ${o.short.slice(1)}`;
      line += ` -l ${o.long.slice(2)}`;
      if (o.choices) line += ` -x -a '${o.choices.join(" ")}'`;
      else if (o.isPath) line += " -r -F";
      else if (o.takesValue) line += " -x";
      lines.push(`${line} -d '${fishText(o.description)}'`);
    }
    if (c.argumentChoices) {
      lines.push(`complete -c monilog ${when} -x -a '${c.argumentChoices.join(" ")}'`);
    }
  }
  return lines.join("\n") + "\n";
}
