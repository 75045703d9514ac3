/**
 * `--slack URL`: a Slack incoming webhook, `{"text": …}` (Mattermost, Rocket.Chat and others take the
 * same). Slack reads `<`, `>` and `&` as markup, so they are escaped as its documentation asks.
 */
import { postHttp } from "../delivery.ts";
import type { HttpTarget } from "../http_target.ts";
import { messageLine } from "../message.ts";
import type { Notification } from "../notification.ts";
import type { Deliverable, Receiver } from "../receiver.ts";

const ICON = { raised: ":rotating_light:", recovered: ":white_check_mark:", test: ":wave:" };

/** The message Slack receives. */
export function slackBody(n: Notification): { text: string } {
  return {
    text: `${ICON[n.kind]} ${slackEscape(messageLine(n))}\n` +
      `host \`${slackEscape(n.host)}\` · file \`${slackEscape(n.file)}\``,
  };
}

/** Escapes Slack's three control characters. */
export function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A Slack (or compatible) incoming-webhook receiver. */
export function slackReceiver(target: HttpTarget, now: () => number): Receiver {
  return {
    name: target.name,
    send(n: Deliverable, signal: AbortSignal) {
      if (n.kind === "refresh") return Promise.resolve({ ok: true });
      return postHttp(
        target.url,
        {
          body: JSON.stringify(slackBody(n)),
          headers: { ...target.headers, "content-type": "application/json" },
        },
        now,
        signal,
      );
    },
  };
}
