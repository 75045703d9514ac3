/**
 * `--alertmanager URL`: Alertmanager's API v2 (`POST /api/v2/alerts`). Alertmanager keeps an alert
 * firing only while it hears of it, so an open episode is re-posted every 30 s, each time with an
 * `endsAt` four re-posts ahead (as Prometheus does): a monilog that dies leaves an alert that resolves
 * by itself two minutes later, and one that lives keeps it firing whatever the `resolve_timeout`.
 * The recovery posts the same labels with `endsAt` now. Labels are `alertname`, `host` and `file`:
 * Alertmanager groups and dedups on them.
 */
import { postHttp } from "../delivery.ts";
import type { HttpTarget } from "../http_target.ts";
import { messageLine, messageLines } from "../message.ts";
import type { Deliverable, Receiver } from "../receiver.ts";
import { round2 } from "../../sinks/json_format.ts";

/** The alert's name in Alertmanager. */
export const ALERT_NAME = "MonilogHighTraffic";
/** The test alert's name. */
export const TEST_ALERT_NAME = "MonilogNotifyTest";
/** Re-post interval of spec §8. */
export const ALERTMANAGER_REPEAT_MS = 30_000;

/** The alerts array Alertmanager receives for `n` at machine time `nowMs`. */
export function alertmanagerBody(
  n: Deliverable,
  nowMs: number,
  repeatMs: number,
): Array<Record<string, unknown>> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const horizon = iso(nowMs + 4 * repeatMs);
  if (n.kind === "test") {
    return [{
      labels: { alertname: TEST_ALERT_NAME, host: n.host, file: n.file },
      annotations: { summary: messageLine(n), description: messageLines(n).join("\n") },
      startsAt: iso(nowMs),
      // Long enough to be routed and seen, short enough to clear itself.
      endsAt: iso(nowMs + 60_000),
    }];
  }
  const raised = n.kind === "refresh" ? n.raised : n;
  const labels = { alertname: ALERT_NAME, host: raised.host, file: raised.file };
  const e = raised.event;
  // Log time may run ahead of the machine clock (a log stamped in the future); Alertmanager must not
  // be told an alert starts or ends later than now.
  const startsAt = iso(Math.min(e.time * 1000, nowMs));
  const annotations = {
    summary: messageLine(n.kind === "refresh" ? n.raised : n),
    description: messageLines(n.kind === "refresh" ? n.raised : n).join("\n"),
    episode: raised.episode,
    hits: String(e.hits),
    rate: String(round2(e.rate)),
    threshold: String(e.threshold),
    window: String(e.window),
  };
  if (n.kind === "recovered") {
    return [{
      labels,
      annotations,
      startsAt,
      endsAt: iso(Math.max(Math.min(n.event.time * 1000, nowMs), Date.parse(startsAt))),
    }];
  }
  return [{ labels, annotations, startsAt, endsAt: horizon }];
}

/** The API URL for a base URL (`http://am:9093`) or for the API URL itself. */
export function alertsUrl(url: string): string {
  const u = new URL(url);
  if (!u.pathname.endsWith("/api/v2/alerts")) {
    u.pathname = `${u.pathname.replace(/\/+$/, "")}/api/v2/alerts`;
  }
  return u.href;
}

/** An Alertmanager receiver. */
export function alertmanagerReceiver(
  target: HttpTarget,
  now: () => number,
  repeatMs = ALERTMANAGER_REPEAT_MS,
): Receiver {
  const url = alertsUrl(target.url);
  return {
    name: target.name,
    repeatMs,
    send(n: Deliverable, signal: AbortSignal) {
      return postHttp(
        url,
        {
          body: JSON.stringify(alertmanagerBody(n, now(), repeatMs)),
          headers: { ...target.headers, "content-type": "application/json" },
        },
        now,
        signal,
      );
    },
  };
}
