/**
 * `monilog notify-test`: one test message to every configured receiver, one try each, all at once,
 * so that a user can check the wiring (URLs, keys, passwords, firewalls) before the night it matters.
 */
import { episodeId, type Origin, type TestNotification } from "./notification.ts";
import type { DeliveryResult } from "./delivery.ts";
import type { Receiver } from "./receiver.ts";

/** How one receiver took its test message. */
export interface TestOutcome {
  name: string;
  result: DeliveryResult;
}

/** The test message for `origin` at machine time `nowMs`. */
export function testNotification(origin: Origin, nowMs: number): TestNotification {
  const time = Math.floor(nowMs / 1000);
  return {
    kind: "test",
    ...origin,
    episode: episodeId(origin, time).replace("monilog-", "monilog-test-"),
    time,
  };
}

/** Sends the test message to every receiver; resolves when each has answered (or timed out). */
export async function sendTests(
  receivers: Receiver[],
  origin: Origin,
  nowMs: number,
): Promise<TestOutcome[]> {
  const n = testNotification(origin, nowMs);
  const signal = new AbortController().signal;
  try {
    return await Promise.all(receivers.map(async (r) => ({
      name: r.name,
      result: await r.send(n, signal),
    })));
  } finally {
    for (const r of receivers) r.close?.();
  }
}

/** The report line for one outcome. */
export function outcomeLine(o: TestOutcome): string {
  if (o.result.ok) return `ok      ${o.name}`;
  return `failed  ${o.name}: ${o.result.reason}${o.result.retry ? "" : " (refused)"}`;
}
