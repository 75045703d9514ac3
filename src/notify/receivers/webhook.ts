/**
 * `--webhook URL`: one POST of one JSON object per alert and recovery — the `--json` event plus `host`,
 * `file`, `episode` and the spec's line as `text` — so that any HTTP endpoint can take it. An
 * `Idempotency-Key` header lets a receiver drop the duplicate a lost answer can cause.
 */
import { round2 } from "../../sinks/json_format.ts";
import { postHttp } from "../delivery.ts";
import type { HttpTarget } from "../http_target.ts";
import { messageLine } from "../message.ts";
import type { Notification } from "../notification.ts";
import type { Deliverable, Receiver } from "../receiver.ts";

/** The JSON object a webhook receives. */
export function webhookBody(n: Notification): Record<string, unknown> {
  const where = { host: n.host, file: n.file, episode: n.episode, text: messageLine(n) };
  switch (n.kind) {
    case "raised":
      return { ...n.event, rate: round2(n.event.rate), ...where };
    case "recovered":
      return { ...n.event, rate: round2(n.event.rate), raisedAt: n.raisedAt, ...where };
    case "test":
      return { type: "test", time: n.time, ...where };
  }
}

/** A webhook receiver. */
export function webhookReceiver(target: HttpTarget, now: () => number): Receiver {
  return {
    name: target.name,
    send(n: Deliverable, signal: AbortSignal) {
      if (n.kind === "refresh") return Promise.resolve({ ok: true });
      return postHttp(
        target.url,
        {
          body: JSON.stringify(webhookBody(n)),
          headers: {
            ...target.headers,
            "content-type": "application/json",
            "idempotency-key": `${n.episode}-${n.kind}`,
          },
        },
        now,
        signal,
      );
    },
  };
}
