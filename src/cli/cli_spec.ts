/**
 * The command line as data: each subcommand's options, argument, help and examples. The parser
 * (cli_app.ts, on @stricli/core) and the shell completions (completions.ts) are both built from it,
 * so an option exists everywhere as soon as it is listed here. A command's action is loaded only
 * when it runs: `monilog generate` does not load the monitor, nor `--version` either.
 */

/** A value parser: returns the value, or throws an Error whose message says what is accepted. */
export type ValueParser<T = unknown> = (value: string) => T;

/** One option of a subcommand. */
export interface CliOption {
  /** The parsed options' key (camelCase); on the command line `--kebab-case`. */
  key: string;
  /** One-letter alias (`f` for `-f`). */
  short?: string;
  /** The value's name in the help (`path`, `n`); absent for a switch, which takes no value. */
  value?: string;
  help: string;
  /** Turns the text into the value; without it the value is the text. */
  parse?: ValueParser;
  /** The only values accepted. */
  choices?: readonly string[];
  /** The value when the option is not given (shown in the help). */
  default?: string | number;
  /** May be given many times; the values come as an array in order. */
  repeatable?: boolean;
  /**
   * Also takes the words that follow it, up to the next option (`--rates 9 11 8`), as the spec's
   * `--rates R...` reads. Implies repeatable.
   */
  spaced?: boolean;
  /** Must be given. */
  required?: boolean;
  /** Its value names a file (completed as one). */
  path?: boolean;
}

/** A subcommand's one positional argument. */
export interface CliArgument {
  /** Its name in the help. */
  value: string;
  help: string;
  choices?: readonly string[];
  /** May be left out. */
  optional?: boolean;
}

/** What a subcommand does with its parsed options and argument. */
export type CliAction = (options: Record<string, unknown>, argument?: string) => Promise<void>;

/** A subcommand. */
export interface CliCommand {
  name: string;
  /** One sentence: the commands list and the completions show it. */
  description: string;
  /** Lines of `monilog …` shown under "Examples:" in its help. */
  examples: readonly string[];
  options: readonly CliOption[];
  argument?: CliArgument;
  /** Loads the action (a dynamic import, so that what a command needs is loaded only for it). */
  load: () => Promise<CliAction>;
}

/** The program as a whole: its name, version, one-line description and examples. */
export interface CliProgram {
  name: string;
  version: string;
  description: string;
  examples: readonly string[];
  commands: readonly CliCommand[];
}

/** `--kebab-case` for a camelCase key. */
export function longFlag(key: string): string {
  return "--" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
}
