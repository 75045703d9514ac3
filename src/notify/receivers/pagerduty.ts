/**
 * `--pagerduty KEY`: PagerDuty Events API v2. A raise triggers and a recovery resolves, both with the
 * episode id as `dedup_key`, so PagerDuty keeps one incident per episode whatever is re-sent. The
 * endpoint can be pointed elsewhere (a test's server, a proxy) with MONILOG_PAGERDUTY_URL.
 */
import { round2 } from "../../sinks/json_format.ts";
import { postHttp } from "../delivery.ts";
import { messageLine, messageLines } from "../message.ts";
import type { Notification } from "../notification.ts";
import type { Deliverable, Receiver } from "../receiver.ts";

/** Events API v2. */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

/** The events PagerDuty receives for `n` (a test triggers and at once resolves an info event). */
export function pagerdutyBodies(n: Notification, key: string): Array<Record<string, unknown>> {
  const resolve = { routing_key: key, event_action: "resolve", dedup_key: n.episode };
  if (n.kind === "recovered") return [resolve];
  const time = n.kind === "test" ? n.time : n.event.time;
  const trigger = {
    routing_key: key,
    event_action: "trigger",
    dedup_key: n.episode,
    client: "monilog",
    payload: {
      // PagerDuty cuts summaries at 1024 characters.
      summary: messageLine(n).slice(0, 1024),
      source: n.host,
      severity: n.kind === "test" ? "info" : "error",
      component: n.file,
      group: "monilog",
      class: n.kind === "test" ? "test" : "high traffic",
      timestamp: new Date(time * 1000).toISOString(),
      custom_details: n.kind === "test" ? { message: messageLines(n).join("\n") } : {
        hits: n.event.hits,
        rate: round2(n.event.rate),
        threshold: n.event.threshold,
        window: n.event.window,
        file: n.file,
      },
    },
  };
  return n.kind === "test" ? [trigger, resolve] : [trigger];
}

/** A PagerDuty receiver; `endpoint` is the Events API URL. */
export function pagerdutyReceiver(
  key: string,
  endpoint: string,
  now: () => number,
): Receiver {
  return {
    name: `pagerduty ${new URL(endpoint).host}`,
    async send(n: Deliverable, signal: AbortSignal) {
      if (n.kind === "refresh") return { ok: true };
      for (const body of pagerdutyBodies(n, key)) {
        const result = await postHttp(
          endpoint,
          {
            body: JSON.stringify(body),
            headers: { "content-type": "application/json" },
          },
          now,
          signal,
        );
        if (!result.ok) return result;
      }
      return { ok: true };
    },
  };
}
