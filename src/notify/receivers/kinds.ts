/**
 * The receiver flags' names and values, apart from the receivers themselves: the command line reads
 * them without loading the notifiers (mail among them), which a run without receivers never needs.
 */

/** The receiver flags, each repeatable, as given. */
export interface ReceiverFlags {
  alertmanager: string[];
  webhook: string[];
  slack: string[];
  ntfy: string[];
  pagerduty: string[];
  email: string[];
}

/** The receiver kinds, in the order flags are documented. */
export const RECEIVER_KINDS = [
  "alertmanager",
  "webhook",
  "slack",
  "ntfy",
  "pagerduty",
  "email",
] as const;

/** True when any receiver flag was given. */
export function hasReceivers(flags: ReceiverFlags): boolean {
  return RECEIVER_KINDS.some((k) => flags[k].length > 0);
}
