/**
 * The receiver flags of spec §8, shared by `monitor` and `notify-test`. Each is repeatable. Values
 * are checked in the action, not by the parser: its message for a bad value repeats the value, and
 * a receiver URL may hold a secret.
 */
import { UsageError } from "../errors.ts";
import { hasReceivers, RECEIVER_KINDS, type ReceiverFlags } from "../notify/receivers/kinds.ts";
import type { CliOption } from "./cli_spec.ts";

const HELP: Record<(typeof RECEIVER_KINDS)[number], [string, string]> = {
  alertmanager: ["url", "Alertmanager (API v2) to post alerts to, e.g. http://alertmanager:9093"],
  webhook: ["url", "URL to POST one JSON object per alert and recovery to"],
  slack: ["url", "Slack (or Mattermost) incoming-webhook URL"],
  ntfy: ["url", "ntfy topic URL (push to a phone), e.g. https://ntfy.sh/my-alerts"],
  pagerduty: ["key", "PagerDuty Events API v2 integration (routing) key"],
  email: ["smtp-url", "mail: smtp[s]://[user:pass@]host[:port]?from=A&to=B[,C]"],
};

/** The receiver options, each repeatable ("all may be repeated"). */
export const RECEIVER_OPTIONS: readonly CliOption[] = RECEIVER_KINDS.map((kind) => ({
  key: kind,
  value: HELP[kind][0],
  help: `${HELP[kind][1]} (repeatable)`,
  repeatable: true,
}));

/**
 * Reads the receiver flags from the parsed options and checks them (UsageError if bad). The
 * receivers' module (with the mail library) is loaded only when some are given.
 */
export async function receiverFlags(
  opts: Record<string, unknown>,
  pagerdutyUrl?: string,
): Promise<ReceiverFlags> {
  const flags = Object.fromEntries(
    RECEIVER_KINDS.map((k) => [k, (opts[k] as string[] | undefined) ?? []]),
  ) as unknown as ReceiverFlags;
  if (!hasReceivers(flags)) return flags;
  const { checkReceivers } = await import("../notify/receivers/mod.ts");
  const { ReceiverUrlError } = await import("../notify/http_target.ts");
  try {
    checkReceivers(flags, pagerdutyUrl);
  } catch (err) {
    if (err instanceof ReceiverUrlError) throw new UsageError(err.message);
    throw err;
  }
  return flags;
}
