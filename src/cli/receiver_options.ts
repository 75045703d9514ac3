/**
 * The receiver flags of spec §8 as commander options, shared by `monitor` and `notify-test`. Each is
 * repeatable. Values are checked in the action, not by commander: commander's message for a bad
 * value repeats the value, and a receiver URL may hold a secret.
 */
import { Option } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import { ReceiverUrlError } from "../notify/http_target.ts";
import { checkReceivers, RECEIVER_KINDS, type ReceiverFlags } from "../notify/receivers/mod.ts";

const HELP: Record<(typeof RECEIVER_KINDS)[number], [string, string]> = {
  alertmanager: ["<url>", "Alertmanager (API v2) to post alerts to, e.g. http://alertmanager:9093"],
  webhook: ["<url>", "URL to POST one JSON object per alert and recovery to"],
  slack: ["<url>", "Slack (or Mattermost) incoming-webhook URL"],
  ntfy: ["<url>", "ntfy topic URL (push to a phone), e.g. https://ntfy.sh/my-alerts"],
  pagerduty: ["<key>", "PagerDuty Events API v2 integration (routing) key"],
  email: ["<smtp-url>", "mail: smtp[s]://[user:pass@]host[:port]?from=A&to=B[,C]"],
};

/** The receiver options, each repeatable ("all may be repeated"). */
export function receiverOptions(): Option[] {
  return RECEIVER_KINDS.map((kind) => {
    const [arg, help] = HELP[kind];
    return new Option(`--${kind} ${arg}`, `${help} (repeatable)`).argParser(
      (value: string, previous: unknown) => [...((previous as string[] | undefined) ?? []), value],
    ) as unknown as Option;
  });
}

/** Reads the receiver flags from commander's parsed options and checks them (UsageError if bad). */
export function receiverFlags(opts: Record<string, unknown>, pagerdutyUrl?: string): ReceiverFlags {
  const flags = Object.fromEntries(
    RECEIVER_KINDS.map((k) => [k, (opts[k] as string[] | undefined) ?? []]),
  ) as unknown as ReceiverFlags;
  try {
    checkReceivers(flags, pagerdutyUrl);
  } catch (err) {
    if (err instanceof ReceiverUrlError) throw new UsageError(err.message);
    throw err;
  }
  return flags;
}
