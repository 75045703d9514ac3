/** `monilog completions SHELL`: prints the completion script for bash, zsh or fish. */
import { completionScript, describeCommands, type Shell, SHELLS } from "./completions.ts";
import type { CliCommand, CliProgram } from "./cli_spec.ts";
import { writeStdout } from "../sinks/line_output.ts";

/** The `completions` subcommand; `program` gives the tree to complete. */
export function completionsCommand(program: () => CliProgram): CliCommand {
  return {
    name: "completions",
    description: "Print a shell completion script (bash, zsh or fish).",
    options: [],
    argument: { value: "shell", help: "the shell to complete for", choices: SHELLS },
    examples: [
      "source <(monilog completions bash)      # in ~/.bashrc",
      "source <(monilog completions zsh)       # in ~/.zshrc",
      "monilog completions fish | source       # in ~/.config/fish/config.fish",
    ],
    load: () =>
      Promise.resolve(async (_options, shell) => {
        writeStdout(
          completionScript(shell as Shell, describeCommands(program())).trimEnd() + "\n",
        );
        await Promise.resolve();
      }),
  };
}
