/**
 * monilog's entry point: it parses the command line (each subcommand's options live in src/cli/, as
 * data), runs the subcommand, whose action is loaded only then (src/cli/monitor_action.ts hands the
 * real outside world to the wiring, src/pipeline/wiring.ts), and maps failures to exit codes: 0
 * success, 1 runtime failure, 2 usage error. Nothing imports this file.
 */
import { VERSION } from "./src/version.ts";
import { EXIT_FAILURE, EXIT_USAGE, RuntimeFailure, UsageError } from "./src/errors.ts";
import type { CliProgram } from "./src/cli/cli_spec.ts";
import { runCommandLine } from "./src/cli/cli_app.ts";
import { programHelp } from "./src/cli/help_text.ts";
import { MONITOR_COMMAND } from "./src/cli/monitor_command.ts";
import { GENERATE_COMMAND } from "./src/cli/generate_command.ts";
import { NOTIFY_TEST_COMMAND } from "./src/cli/notify_test_command.ts";
import { RULES_COMMAND } from "./src/cli/rules_command.ts";
import { completionsCommand } from "./src/cli/completions_command.ts";
import { escapeControl } from "./src/sinks/escape.ts";
import { OutputClosed, writeStdout } from "./src/sinks/line_output.ts";

const PROGRAM: CliProgram = {
  name: "monilog",
  version: VERSION,
  description:
    "Watch a site's HTTP traffic from its access log: statistics, alerts and recoveries.",
  examples: [
    "monilog monitor --file /var/log/nginx/access.log --threshold 10",
    "monilog monitor --once --json --file yesterday.log",
    "monilog generate --rates 9 11 8 --durations 150 150 150 --output /tmp/access.log",
  ],
  commands: [
    MONITOR_COMMAND,
    GENERATE_COMMAND,
    NOTIFY_TEST_COMMAND,
    RULES_COMMAND,
    completionsCommand(() => PROGRAM),
  ],
};

async function main(args: string[]): Promise<number> {
  try {
    if (args.length === 0) {
      // No command is a usage error: the help goes to stderr, as with any other.
      console.error(programHelp(PROGRAM, columns(Deno.stderr)).trimEnd());
      return EXIT_USAGE;
    }
    const outcome = await runCommandLine(PROGRAM, args, writeStdout, columns(Deno.stdout));
    if (outcome.kind === "usage") {
      // The arguments it quotes are shown with their control characters escaped.
      console.error(`monilog: ${escapeControl(outcome.message)}`);
      return EXIT_USAGE;
    }
    if (outcome.kind === "failed") throw outcome.error;
    return 0;
  } catch (err) {
    // The reader of standard output went away (`monilog --help | head -1`): it has what it wanted.
    if (err instanceof OutputClosed) return 0;
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

/** The terminal's width when `stream` is one (the help is wrapped to it). */
function columns(stream: { isTerminal(): boolean }): number | undefined {
  if (!stream.isTerminal()) return undefined;
  try {
    return Deno.consoleSize().columns;
  } catch {
    return undefined;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
