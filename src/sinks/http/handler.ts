/**
 * The web server's request handler: authorisation, routing, and the response of each route, over a
 * small backend interface that the HTTP sink implements (so tests can also drive it without a socket).
 * Every request gets an answer from this function: a bad one a 4xx, never an exception.
 */
import { authorize } from "./auth.ts";
import { route } from "./router.ts";
import { DATA_CSP, page } from "./page.ts";
import { METRICS_CONTENT_TYPE } from "./metrics.ts";
import type { SseClient } from "./sse_client.ts";

/** What the handler reads from the sink. */
export interface Backend {
  /** The bearer token asked for, if any. */
  readonly token: string | undefined;
  /** `/api/state` as JSON text; undefined before the first view. */
  stateJson(): string | undefined;
  /** `/api/series` as JSON text. */
  seriesJson(): string;
  /** `/metrics` text; undefined before the first view. */
  metricsText(): string | undefined;
  /** True while the source is being read. */
  reading(): boolean;
  /** A new `/events` client, resuming after `Last-Event-ID` if it sent one. */
  connect(lastEventId: string | null): SseClient;
}

const COMMON = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Answers one request. */
export async function handle(request: Request, backend: Backend): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, "bad request target");
  }
  const auth = authorize(request, url, backend.token);
  if (auth.kind === "denied") {
    return plain(401, "unauthorized: send Authorization: Bearer <token>", {
      "www-authenticate": 'Bearer realm="monilog"',
    });
  }
  const routed = route(request.method, url);
  if (routed.kind === "error") {
    return plain(
      routed.status,
      routed.message,
      routed.status === 405 ? { allow: "GET, HEAD" } : {},
    );
  }
  if (auth.kind === "adopt") {
    return new Response(null, {
      status: 303,
      headers: { ...COMMON, location: auth.location, "set-cookie": auth.cookie },
    });
  }
  const head = request.method === "HEAD";
  switch (routed.route) {
    case "page": {
      const p = await page();
      return body(head, p.html, "text/html; charset=utf-8", p.csp);
    }
    case "state": {
      const json = backend.stateJson();
      if (json === undefined) return plain(503, "no view of the log yet", { "retry-after": "1" });
      return body(head, json, "application/json");
    }
    case "series":
      return body(head, backend.seriesJson(), "application/json");
    case "metrics": {
      const text = backend.metricsText();
      if (text === undefined) return plain(503, "no view of the log yet", { "retry-after": "1" });
      return body(head, text, METRICS_CONTENT_TYPE);
    }
    case "healthz":
      return backend.reading()
        ? plain(200, "reading")
        : plain(503, "not reading: the input has ended");
    case "events": {
      const headers = {
        ...COMMON,
        "content-type": "text/event-stream",
        "content-security-policy": DATA_CSP,
        // Proxies (nginx) must pass the stream on as it comes.
        "x-accel-buffering": "no",
      };
      if (head) return new Response(null, { headers });
      // The browser going away cancels the stream, and the client drops itself then. (Not
      // request.signal: Deno aborts it as soon as the response has begun.)
      const client = backend.connect(request.headers.get("last-event-id"));
      return new Response(client.stream, { headers });
    }
  }
}

function body(head: boolean, text: string, type: string, csp = DATA_CSP): Response {
  return new Response(head ? null : text, {
    headers: { ...COMMON, "content-type": type, "content-security-policy": csp },
  });
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: {
      ...COMMON,
      "content-type": "text/plain; charset=utf-8",
      "content-security-policy": DATA_CSP,
      ...extra,
    },
  });
}
