/**
 * The receiver flags of spec §8 and the receivers they make. Used by `monitor` and `notify-test`
 * alike, so both accept the same flags and check them the same way.
 */
import { type HttpTarget, httpTarget, ReceiverUrlError } from "../http_target.ts";
import type { Receiver } from "../receiver.ts";
import { ALERTMANAGER_REPEAT_MS, alertmanagerReceiver } from "./alertmanager.ts";
import { emailReceiver, type EmailTarget, emailTarget } from "./email.ts";
import { ntfyReceiver } from "./ntfy.ts";
import { PAGERDUTY_EVENTS_URL, pagerdutyReceiver } from "./pagerduty.ts";
import { slackReceiver } from "./slack.ts";
import { webhookReceiver } from "./webhook.ts";
import type { ReceiverFlags } from "./kinds.ts";

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

/** One receiver flag's value, checked: what buildReceivers needs to make it. */
type ReceiverSpec =
  | { kind: "alertmanager" | "webhook" | "slack" | "ntfy"; target: HttpTarget }
  | { kind: "pagerduty"; key: string; endpoint: string }
  | { kind: "email"; target: EmailTarget };

/**
 * Checks every receiver flag; throws ReceiverUrlError (a usage error) on the first bad one, naming the
 * flag and never the value (it may hold a secret).
 */
export function checkReceivers(flags: ReceiverFlags, pagerdutyUrl?: string): ReceiverSpec[] {
  const specs: ReceiverSpec[] = [];
  for (const kind of ["alertmanager", "webhook", "slack", "ntfy"] as const) {
    for (const v of flags[kind]) specs.push({ kind, target: httpTarget(`--${kind}`, kind, v) });
  }
  for (const key of flags.pagerduty) {
    if (!/^[A-Za-z0-9_+=-]+$/.test(key)) {
      throw new ReceiverUrlError("--pagerduty: expected an integration (routing) key");
    }
    const endpoint = pagerdutyUrl ?? PAGERDUTY_EVENTS_URL;
    httpTarget("MONILOG_PAGERDUTY_URL", "pagerduty", endpoint);
    specs.push({ kind: "pagerduty", key, endpoint });
  }
  for (const v of flags.email) specs.push({ kind: "email", target: emailTarget(v) });
  return specs;
}

/** Checks every receiver flag and builds its receiver. No connection is opened here. */
export function buildReceivers(flags: ReceiverFlags, env: ReceiverEnvironment): Receiver[] {
  return checkReceivers(flags, env.pagerdutyUrl).map((spec) => {
    switch (spec.kind) {
      case "alertmanager":
        return alertmanagerReceiver(
          spec.target,
          env.now,
          env.alertmanagerRepeatMs ?? ALERTMANAGER_REPEAT_MS,
        );
      case "webhook":
        return webhookReceiver(spec.target, env.now);
      case "slack":
        return slackReceiver(spec.target, env.now);
      case "ntfy":
        return ntfyReceiver(spec.target, env.now);
      case "pagerduty":
        return pagerdutyReceiver(spec.key, spec.endpoint, env.now);
      case "email":
        return emailReceiver(spec.target, env.hostname);
    }
  });
}
