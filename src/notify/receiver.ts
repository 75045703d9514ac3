/** The port every receiver implements: one try at delivering one notification. */
import type { DeliveryResult } from "./delivery.ts";
import type { Notification, RaisedNotification } from "./notification.ts";

/** Alertmanager's "still firing" re-post while an episode is open. */
export interface RefreshNotification {
  kind: "refresh";
  raised: RaisedNotification;
}

/** What an outbox hands a receiver. */
export type Deliverable = Notification | RefreshNotification;

/** A place notifications go: Alertmanager, a webhook, Slack, ntfy, PagerDuty, mail. */
export interface Receiver {
  /** Kind and host only ("webhook hooks.example.com"): never the secret parts of its URL. */
  readonly name: string;
  /**
   * When set, the open episode is re-sent this often (ms of machine time) while it lasts: Alertmanager
   * resolves an alert it has not heard of for a while.
   */
  readonly repeatMs?: number;
  /** One try; never throws. */
  send(n: Deliverable, signal: AbortSignal): Promise<DeliveryResult>;
  /** Releases connections (a mail transport's pool). */
  close?(): void;
}
