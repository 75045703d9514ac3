/**
 * The words every receiver shares: a title and the lines of a message, with spec §3's alert or
 * recovery line (which carries the hits, the rate, the threshold and the time in the display zone),
 * the host and the file. Pure; each receiver adds its own framing (JSON, mail, markup).
 */
import { alertLine, recoverLine } from "../sinks/text_format.ts";
import { formatLogTime } from "../sinks/time_format.ts";
import { round2 } from "../sinks/json_format.ts";
import type { Notification } from "./notification.ts";

/** A one-line title: a mail's subject, a push notification's title. */
export function messageTitle(n: Notification): string {
  switch (n.kind) {
    case "raised":
      return `High traffic on ${n.host}: ${round2(n.event.rate)} req/s > ${n.event.threshold}`;
    case "recovered":
      return `Traffic recovered on ${n.host}: ${
        round2(n.event.rate)
      } req/s <= ${n.event.threshold}`;
    case "test":
      return `monilog test notification from ${n.host}`;
  }
}

/** The spec's line for the event (or the test message's). */
export function messageLine(n: Notification): string {
  switch (n.kind) {
    case "raised":
      return alertLine(n.event);
    case "recovered":
      return recoverLine(n.event);
    case "test":
      return `Test notification from monilog, sent at ${formatLogTime(n.time)}: ` +
        "this receiver will hear of alerts and recoveries";
  }
}

/** The message body, line by line. */
export function messageLines(n: Notification): string[] {
  return [messageLine(n), `host: ${n.host}`, `file: ${n.file}`, `episode: ${n.episode}`];
}

/** Names a queued notification in messages on stderr: "raised at 2026-12-01T22:00:00+00:00". */
export function notificationLabel(n: Notification): string {
  return `${n.kind} at ${formatLogTime(n.kind === "test" ? n.time : n.event.time)}`;
}
