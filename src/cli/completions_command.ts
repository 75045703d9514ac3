/** `monilog completions SHELL`: prints the completion script for bash, zsh or fish. */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { completionScript, describeCommands, SHELLS } from "./completions.ts";
import { writeStdout } from "../sinks/line_output.ts";

/** Builds the `completions` subcommand; `program` gives the tree to complete. */
export function completionsCommand(program: () => CommandUnknownOpts) {
  return new Command("completions")
    .description("Print a shell completion script (bash, zsh or fish).")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(SHELLS))
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  source <(monilog completions bash)      # in ~/.bashrc\n" +
        "  source <(monilog completions zsh)       # in ~/.zshrc\n" +
        "  monilog completions fish | source       # in ~/.config/fish/config.fish\n",
    )
    .action((shell) => {
      writeStdout(completionScript(shell, describeCommands(program())).trimEnd() + "\n");
    });
}
