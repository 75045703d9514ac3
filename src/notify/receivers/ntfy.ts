/**
 * `--ntfy URL`: a POST to an ntfy topic (`https://ntfy.sh/my-topic`), which pushes it to a phone. The
 * body is the message; title, priority and tags go in headers, which must be plain ASCII (HTTP header
 * values), so anything else in a host or file name is replaced there (the body keeps it).
 */
import { postHttp } from "../delivery.ts";
import type { HttpTarget } from "../http_target.ts";
import { messageLines, messageTitle } from "../message.ts";
import type { Notification } from "../notification.ts";
import type { Deliverable, Receiver } from "../receiver.ts";

/** The request an ntfy topic receives. */
export function ntfyRequest(n: Notification): { body: string; headers: Record<string, string> } {
  return {
    body: messageLines(n).join("\n"),
    headers: {
      "content-type": "text/plain; charset=utf-8",
      title: asciiHeader(messageTitle(n)),
      priority: n.kind === "raised" ? "high" : "default",
      tags: n.kind === "raised"
        ? "rotating_light"
        : n.kind === "recovered"
        ? "white_check_mark"
        : "test_tube",
    },
  };
}

const NOT_HEADER_SAFE = /[^\x20-\x7e]/g;

function asciiHeader(text: string): string {
  return text.replace(NOT_HEADER_SAFE, "?");
}

/** An ntfy receiver. */
export function ntfyReceiver(target: HttpTarget, now: () => number): Receiver {
  return {
    name: target.name,
    send(n: Deliverable, signal: AbortSignal) {
      if (n.kind === "refresh") return Promise.resolve({ ok: true });
      const request = ntfyRequest(n);
      return postHttp(
        target.url,
        {
          body: request.body,
          headers: { ...target.headers, ...request.headers },
        },
        now,
        signal,
      );
    },
  };
}
