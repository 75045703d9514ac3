import { deepEqual, equal } from "node:assert/strict";
import { describeNetworkError, httpResult, postHttp } from "../../src/notify/delivery.ts";
import { HttpRecorder } from "../_helpers/http_recorder.ts";

const now = Date.parse("2026-12-01T22:00:00Z");

Deno.test("httpResult() retries 408, 425, 429 and 5xx, and no other 4xx", () => {
  for (const s of [200, 202, 204]) {
    deepEqual(httpResult(new Response(null, { status: s }), now), { ok: true });
  }
  for (const s of [408, 425, 429, 500, 502, 503]) {
    equal(
      httpResult(new Response(null, { status: s }), now).ok === false &&
        (httpResult(new Response(null, { status: s }), now) as { retry: boolean }).retry,
      true,
      `${s}`,
    );
  }
  for (const s of [400, 401, 403, 404, 413]) {
    deepEqual(httpResult(new Response(null, { status: s }), now), {
      ok: false,
      retry: false,
      reason: `HTTP ${s}`,
    });
  }
  deepEqual(
    httpResult(new Response(null, { status: 429, headers: { "retry-after": "5" } }), now),
    { ok: false, retry: true, reason: "HTTP 429", retryAfterMs: 5000 },
  );
});

Deno.test("postHttp() posts the body and headers, and reports a refused connection", async () => {
  const server = new HttpRecorder((_, i) => ({ status: i === 0 ? 503 : 200 }));
  try {
    const first = await postHttp(`${server.url}/x`, { body: "{}", headers: { a: "b" } }, Date.now);
    deepEqual(first, { ok: false, retry: true, reason: "HTTP 503" });
    deepEqual(await postHttp(`${server.url}/x`, { body: "{}", headers: {} }, Date.now), {
      ok: true,
    });
    equal(server.requests[0].headers.a, "b");
    equal(server.requests[0].method, "POST");
  } finally {
    await server.close();
  }
  const down = await postHttp(
    `http://127.0.0.1:${closedPort()}/`,
    { body: "", headers: {} },
    Date.now,
  );
  deepEqual(down, { ok: false, retry: true, reason: "connection refused" });
});

Deno.test("describeNetworkError() never repeats the URL", () => {
  equal(
    describeNetworkError(
      new TypeError("error sending request for url (https://x/SECRET): dns error"),
    ),
    "host name not found",
  );
  equal(describeNetworkError(new DOMException("t", "TimeoutError")), "timed out");
  equal(describeNetworkError(new Error("https://x/SECRET")), "network error");
});

function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}
