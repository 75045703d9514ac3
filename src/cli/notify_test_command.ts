/** `monilog notify-test`: the receiver flags of `monitor`, and one test message to each. */
import { RuntimeFailure, UsageError } from "../errors.ts";
import { hasReceivers } from "../notify/receivers/kinds.ts";
import { RECEIVER_OPTIONS, receiverFlags } from "./receiver_options.ts";
import type { CliCommand } from "./cli_spec.ts";

/** The `notify-test` subcommand. */
export const NOTIFY_TEST_COMMAND: CliCommand = {
  name: "notify-test",
  description: "Send one test message to every receiver given (the same flags as monitor) and " +
    "say, for each, whether it arrived; exits 1 if any failed.",
  options: [
    {
      key: "file",
      short: "f",
      value: "path",
      path: true,
      default: "/tmp/access.log",
      help: "log named in the message, as monitor would name it",
    },
    ...RECEIVER_OPTIONS,
  ],
  examples: [
    "monilog notify-test --alertmanager http://localhost:9093",
    "monilog notify-test --email 'smtp://mail.example.com:587?from=monilog@example.com&to=ops@example.com'",
  ],
  load: () => Promise.resolve(notifyTest),
};

async function notifyTest(opts: Record<string, unknown>): Promise<void> {
  const { denoRuntime } = await import("./deno_runtime.ts");
  const rt = await denoRuntime();
  const flags = await receiverFlags(opts, rt.notify?.pagerdutyUrl);
  if (!hasReceivers(flags)) {
    throw new UsageError(
      "notify-test: give at least one receiver: --alertmanager, --webhook, --slack, --ntfy, " +
        "--pagerduty or --email",
    );
  }
  const { buildReceivers } = await import("../notify/receivers/mod.ts");
  const { outcomeLine, sendTests } = await import("../notify/notify_test.ts");
  const host = rt.notify?.hostname() ?? "localhost";
  const receivers = buildReceivers(flags, {
    now: () => rt.clock.now(),
    hostname: host,
    pagerdutyUrl: rt.notify?.pagerdutyUrl,
  });
  const outcomes = await sendTests(
    receivers,
    { host, file: opts.file as string },
    rt.clock.now(),
  );
  for (const o of outcomes) rt.stdout.writeLine(outcomeLine(o));
  const failed = outcomes.filter((o) => !o.result.ok).length;
  if (failed > 0) {
    rt.stderr(`monilog: notify-test: ${failed} of ${outcomes.length} receivers failed`);
    throw new RuntimeFailure("notify-test failed", true);
  }
}
