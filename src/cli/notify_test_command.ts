/** `monilog notify-test`: the receiver flags of `monitor`, and one test message to each. */
import { Command } from "@commander-js/extra-typings";
import { RuntimeFailure, UsageError } from "../errors.ts";
import { buildReceivers, hasReceivers } from "../notify/receivers/mod.ts";
import { outcomeLine, sendTests } from "../notify/notify_test.ts";
import type { MonitorRuntime } from "../pipeline/monitor_config.ts";
import { receiverFlags, receiverOptions } from "./receiver_options.ts";

/** Builds the `notify-test` subcommand. */
export function notifyTestCommand(runtime: () => MonitorRuntime): Command {
  const command = new Command("notify-test")
    .description(
      "Send one test message to every receiver given (the same flags as monitor) and say, for " +
        "each, whether it arrived; exits 1 if any failed.",
    )
    .option(
      "-f, --file <path>",
      "log named in the message, as monitor would name it",
      "/tmp/access.log",
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  monilog notify-test --alertmanager http://localhost:9093\n" +
        "  monilog notify-test --email 'smtp://mail.example.com:587?from=monilog@example.com&to=ops@example.com'\n",
    )
    .action(async (opts) => {
      const rt = runtime();
      const flags = receiverFlags(opts as Record<string, unknown>, rt.notify?.pagerdutyUrl);
      if (!hasReceivers(flags)) {
        throw new UsageError(
          "notify-test: give at least one receiver: --alertmanager, --webhook, --slack, --ntfy, " +
            "--pagerduty or --email",
        );
      }
      const host = rt.notify?.hostname() ?? "localhost";
      const receivers = buildReceivers(flags, {
        now: () => rt.clock.now(),
        hostname: host,
        pagerdutyUrl: rt.notify?.pagerdutyUrl,
      });
      const outcomes = await sendTests(receivers, { host, file: opts.file }, rt.clock.now());
      for (const o of outcomes) rt.stdout.writeLine(outcomeLine(o));
      const failed = outcomes.filter((o) => !o.result.ok).length;
      if (failed > 0) {
        rt.stderr(`monilog: notify-test: ${failed} of ${outcomes.length} receivers failed`);
        throw new RuntimeFailure("notify-test failed", true);
      }
    });
  for (const option of receiverOptions()) command.addOption(option);
  return command;
}
