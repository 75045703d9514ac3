/**
 * The receiver flags of spec §8 and the receivers they make. Used by `monitor` and `notify-test`
 * alike, so both accept the same flags and check them the same way.
 */
import { type HttpTarget, httpTarget, ReceiverUrlError } from "../http_target.ts";
import type { Receiver } from "../receiver.ts";
import { ALERTMANAGER_REPEAT_MS, alertmanagerReceiver } from "./alertmanager.ts";
import { emailReceiver, emailTarget } from "./email.ts";
import { ntfyReceiver } from "./ntfy.ts";
import { PAGERDUTY_EVENTS_URL, pagerdutyReceiver } from "./pagerduty.ts";
import { slackReceiver } from "./slack.ts";
import { webhookReceiver } from "./webhook.ts";

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

/** What receivers need from the outside world. */
export interface ReceiverEnvironment {
  now: () => number;
  /** The host name, for mail greetings. */
  hostname: string;
  /** Overrides PagerDuty's endpoint (MONILOG_PAGERDUTY_URL). */
  pagerdutyUrl?: string;
  /** Alertmanager's re-post interval, ms. */
  alertmanagerRepeatMs?: number;
}

/** True when any receiver flag was given. */
export function hasReceivers(flags: ReceiverFlags): boolean {
  return RECEIVER_KINDS.some((k) => flags[k].length > 0);
}

/**
 * Checks every receiver flag and builds its receiver; throws ReceiverUrlError (a usage error) on the
 * first bad one. No connection is opened here.
 */
export function buildReceivers(flags: ReceiverFlags, env: ReceiverEnvironment): Receiver[] {
  const http = (flag: string, value: string): HttpTarget => httpTarget(`--${flag}`, flag, value);
  const pagerdutyUrl = env.pagerdutyUrl ?? PAGERDUTY_EVENTS_URL;
  if (flags.pagerduty.length > 0) {
    http("MONILOG_PAGERDUTY_URL", pagerdutyUrl);
  }
  return [
    ...flags.alertmanager.map((v) =>
      alertmanagerReceiver(
        http("alertmanager", v),
        env.now,
        env.alertmanagerRepeatMs ?? ALERTMANAGER_REPEAT_MS,
      )
    ),
    ...flags.webhook.map((v) => webhookReceiver(http("webhook", v), env.now)),
    ...flags.slack.map((v) => slackReceiver(http("slack", v), env.now)),
    ...flags.ntfy.map((v) => ntfyReceiver(http("ntfy", v), env.now)),
    ...flags.pagerduty.map((key) => {
      if (!/^[A-Za-z0-9_+=-]+$/.test(key)) {
        throw new ReceiverUrlError("--pagerduty: expected an integration (routing) key");
      }
      return pagerdutyReceiver(key, pagerdutyUrl, env.now);
    }),
    ...flags.email.map((v) => emailReceiver(emailTarget(v), env.hostname)),
  ];
}
