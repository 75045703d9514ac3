/**
 * monilog's entry point: it parses the command line (each subcommand's options live in src/cli/), hands
 * the real outside world (src/cli/deno_runtime.ts: clock, terminal, signals) to the subcommand, whose
 * wiring builds the pipeline (src/pipeline/wiring.ts for `monitor`), and maps failures to exit codes:
 * 0 success, 1 runtime failure, 2 usage error. Nothing imports this file.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { VERSION } from "./src/version.ts";
import { EXIT_FAILURE, EXIT_USAGE, RuntimeFailure, UsageError } from "./src/errors.ts";
import { monitorCommand } from "./src/cli/monitor_command.ts";
import { notifyTestCommand } from "./src/cli/notify_test_command.ts";
import { rulesCommand } from "./src/cli/rules_command.ts";
import { generateCommand } from "./src/cli/generate_command.ts";
import { denoRuntime } from "./src/cli/deno_runtime.ts";
import { completionsCommand } from "./src/cli/completions_command.ts";
import { escapeControl } from "./src/sinks/escape.ts";
import { OutputClosed, writeStdout } from "./src/sinks/line_output.ts";

function buildProgram(): Command {
  const program = new Command("monilog")
    .description(
      "Watch a site's HTTP traffic from its access log: statistics, alerts and recoveries.",
    )
    .version(VERSION, "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Commander's own errors ("error: unknown option '--x'") go to stderr as one line; its
      // suggestion ("\n(Did you mean --y?)") joins that line instead of starting a second one, and
      // the arguments it quotes are shown with their control characters escaped.
      outputError: (text, write) =>
        write(
          escapeControl(text.trim().replace(/^error: /, "monilog: ").replace(/\s*\n\s*/g, " ")) +
            "\n",
        ),
      // The help has no colour to strip, and commander's own colour test reads CLICOLOR_FORCE, which
      // the monilog permission set does not grant: deciding here keeps --help from failing (or, on a
      // terminal, from asking for env access).
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // The help and the version on a full disk (`> /dev/full`): one line naming standard output.
      writeOut: (text) => writeStdout(text),
    });
  for (
    const sub of [
      monitorCommand(denoRuntime),
      generateCommand(),
      notifyTestCommand(denoRuntime),
      rulesCommand(),
      completionsCommand(() => program),
    ]
  ) {
    sub.copyInheritedSettings(program);
    program.addCommand(sub);
  }
  program.addHelpText(
    "after",
    "\nExamples:\n  monilog monitor --file /var/log/nginx/access.log --threshold 10\n" +
      "  monilog monitor --once --json --file yesterday.log\n" +
      "  monilog generate --rates 9 11 8 --durations 150 150 150 --output /tmp/access.log\n",
  );
  return program;
}

async function main(args: string[]): Promise<number> {
  const program = buildProgram();
  if (args.length === 0) {
    // No command is a usage error: the help goes to stderr, as with any other.
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(args, { from: "user" });
    return 0;
  } catch (err) {
    // The reader of standard output went away (`monilog --help | head -1`): it has what it wanted.
    if (err instanceof OutputClosed) return 0;
    if (err instanceof CommanderError) {
      // Help and version "errors" are commander's way of stopping after printing; they succeed.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    // These messages name paths and values the user gave, which may hold control characters.
    if (err instanceof UsageError) {
      console.error(`monilog: ${escapeControl(err.message)}`);
      return EXIT_USAGE;
    }
    if (err instanceof RuntimeFailure) {
      if (!err.reported) console.error(`monilog: ${escapeControl(err.message)}`);
      return EXIT_FAILURE;
    }
    // Anything else is a bug: show the stack so it can be reported.
    console.error("monilog: internal error:", err);
    return EXIT_FAILURE;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
