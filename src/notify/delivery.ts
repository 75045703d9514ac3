/**
 * How one try of a delivery ended, and the HTTP side of deciding it: 2xx is delivered; 408, 425, 429
 * and 5xx (and a network failure or timeout) are worth another try; any other 4xx means the request
 * itself is wrong (bad key, unknown path) and trying again would only repeat it.
 */
import { parseRetryAfter } from "./retry_policy.ts";

/** The outcome of one try. */
export type DeliveryResult =
  | { ok: true }
  | {
    ok: false;
    /** False when trying again cannot help. */
    retry: boolean;
    /** Short reason for people: "HTTP 503", "connection refused", "timed out". */
    reason: string;
    /** The wait the receiver asked for, ms. */
    retryAfterMs?: number;
  };

/** How long one HTTP try may take before it counts as failed. */
export const TRY_TIMEOUT_MS = 10_000;

/** Classifies an HTTP response. */
export function httpResult(response: Response, nowMs: number): DeliveryResult {
  if (response.ok) return { ok: true };
  const s = response.status;
  const retry = s === 408 || s === 425 || s === 429 || s >= 500;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), nowMs);
  return {
    ok: false,
    retry,
    reason: `HTTP ${s}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** Classifies an error thrown by fetch or a mail transport: always worth another try. */
export function errorResult(err: unknown): DeliveryResult {
  return { ok: false, retry: true, reason: describeNetworkError(err) };
}

/** A short reason for a network error, free of URLs (which may hold secrets). */
export function describeNetworkError(err: unknown): string {
  if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return "timed out";
  }
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
  if (/refused/i.test(text)) return "connection refused";
  if (/port \d+ (are|is) blocked/i.test(text)) return "port not allowed by the runtime";
  if (/dns|lookup|not known|ENOTFOUND|EAI_AGAIN/i.test(text)) return "host name not found";
  if (/timed? ?out/i.test(text)) return "timed out";
  if (/certificate|tls|ssl/i.test(text)) return "TLS failure";
  if (/reset|closed|EPIPE|broken pipe/i.test(text)) return "connection lost";
  return "network error";
}

/** POSTs `body` and classifies the answer; never throws. */
export async function postHttp(
  url: string,
  init: { body: string; headers: Record<string, string> },
  now: () => number,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  const timeout = AbortSignal.timeout(TRY_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      method: "POST",
      body: init.body,
      headers: init.headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: "follow",
    });
    // Read the body so the connection can be reused (and is not left dangling).
    await response.body?.cancel();
    return httpResult(response, now());
  } catch (err) {
    return errorResult(err);
  }
}
