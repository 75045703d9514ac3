import { equal } from "node:assert/strict";
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDelay,
  scaledPolicy,
} from "../../src/notify/retry_policy.ts";

const p = DEFAULT_RETRY_POLICY;

Deno.test("retryDelay() doubles the step, keeping half of it and jittering the other half", () => {
  for (
    const [tries, low, high] of [[1, 500, 1000], [2, 1000, 2000], [3, 2000, 4000], [5, 8000, 16000]]
  ) {
    equal(retryDelay({ tries, failingForMs: 0 }, p, () => 0), low);
    equal(retryDelay({ tries, failingForMs: 0 }, p, () => 0.999999), high);
  }
});

Deno.test("retryDelay() stops growing at maxMs", () => {
  equal(retryDelay({ tries: 40, failingForMs: 0 }, p, () => 0.999999), 60_000);
  equal(retryDelay({ tries: 40, failingForMs: 0 }, p, () => 0), 30_000);
});

Deno.test("retryDelay() tries at most every 30 s once the receiver has failed for a minute", () => {
  // The second try's step (1-2 s) would be short; a minute of failing makes it 30 s.
  equal(retryDelay({ tries: 2, failingForMs: 59_999 }, p, () => 0), 1000);
  equal(retryDelay({ tries: 2, failingForMs: 60_000 }, p, () => 0), 30_000);
});

Deno.test("retryDelay() waits at least what Retry-After asked", () => {
  equal(retryDelay({ tries: 1, failingForMs: 0, retryAfterMs: 5000 }, p, () => 0), 5000);
  // ...but a short Retry-After does not make it try sooner than the backoff.
  equal(retryDelay({ tries: 4, failingForMs: 0, retryAfterMs: 100 }, p, () => 0), 4000);
});

Deno.test("scaledPolicy() scales every duration", () => {
  const s = scaledPolicy(p, 0.01);
  equal(s.baseMs, 10);
  equal(s.slowAfterMs, 600);
  equal(s.slowEveryMs, 300);
  equal(s.maxMs, 600);
});

Deno.test("parseRetryAfter() reads seconds and HTTP dates, and caps at an hour", () => {
  const now = Date.parse("2026-12-01T22:00:00Z");
  equal(parseRetryAfter(null, now), undefined);
  equal(parseRetryAfter("5", now), 5000);
  equal(parseRetryAfter(" 0 ", now), 0);
  equal(parseRetryAfter("Tue, 01 Dec 2026 22:00:30 GMT", now), 30_000);
  equal(parseRetryAfter("Tue, 01 Dec 2026 21:00:00 GMT", now), 0);
  equal(parseRetryAfter("999999", now), 3_600_000);
  equal(parseRetryAfter("soon", now), undefined);
  equal(parseRetryAfter("-3", now), undefined);
});
