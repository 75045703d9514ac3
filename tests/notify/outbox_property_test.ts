/**
 * The outbox's promises for any receiver behaviour: whatever a receiver answers, try after try, every
 * notification is delivered exactly once or refused once, in the order it was queued; no try comes
 * before a Retry-After has passed; and once the receiver has failed for a minute, tries are 30 s
 * apart or more.
 */
import fc from "fast-check";
import { deepEqual, equal } from "node:assert/strict";
import { ManualClock, settle } from "../_helpers/manual_clock.ts";
import type { DeliveryResult } from "../../src/notify/delivery.ts";
import { Outbox } from "../../src/notify/outbox.ts";
import { DEFAULT_RETRY_POLICY } from "../../src/notify/retry_policy.ts";

const answer: fc.Arbitrary<DeliveryResult> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ ok: true } as DeliveryResult) },
  {
    weight: 4,
    arbitrary: fc.constant({ ok: false, retry: true, reason: "HTTP 500" } as DeliveryResult),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 120 }).map((s) =>
      ({ ok: false, retry: true, reason: "HTTP 429", retryAfterMs: s * 1000 }) as DeliveryResult
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant({ ok: false, retry: false, reason: "HTTP 400" } as DeliveryResult),
  },
);

Deno.test("Outbox delivers each item once or refuses it once, in order, keeping to the schedule", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(answer, { maxLength: 60 }),
      fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 6 }),
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      async (answers, addAt, jitter) => {
        const clock = new ManualClock(0);
        const script = [...answers];
        const tries: Array<{ at: number; item: string; result: DeliveryResult }> = [];
        const refused: string[] = [];
        const outbox = new Outbox<string>({
          clock,
          policy: DEFAULT_RETRY_POLICY,
          random: () => jitter,
          deliver: (item) => {
            const result = script.shift() ?? { ok: true };
            tries.push({ at: clock.now(), item, result });
            return Promise.resolve(result);
          },
          report: { failing() {}, recovered() {}, refused: (item) => refused.push(item) },
        });
        const times = [...addAt].sort((a, b) => a - b);
        let now = 0;
        for (const [i, t] of times.entries()) {
          await clock.advance(t - now);
          now = t;
          outbox.add({ value: `n${i}`, label: `n${i}`, essential: true });
          await settle();
        }
        await clock.advance(100 * 3_600_000);
        equal(outbox.idle, true);
        const items = times.map((_, i) => `n${i}`);
        // Exactly once: one ok, or one refusal, per item; nothing tried after it.
        for (const item of items) {
          const mine = tries.filter((t) => t.item === item);
          const ends = mine.filter((t) => t.result.ok || !(t.result as { retry: boolean }).retry);
          equal(ends.length, 1, `${item}: ${JSON.stringify(mine)}`);
          equal(mine.at(-1), ends[0]);
        }
        deepEqual(
          [...new Set(tries.map((t) => t.item))],
          items,
          "in the order queued, each after the one before",
        );
        deepEqual(
          refused,
          items.filter((i) =>
            tries.some((t) =>
              t.item === i && !t.result.ok && !(t.result as { retry: boolean }).retry
            )
          ),
        );
        // The schedule: Retry-After kept; 30 s apart after a minute of failing.
        let failingSince: number | undefined;
        for (let k = 1; k < tries.length; k++) {
          const prev = tries[k - 1], next = tries[k];
          if (prev.result.ok || !(prev.result as { retry: boolean }).retry) {
            if (prev.result.ok) failingSince = undefined;
            continue;
          }
          failingSince ??= prev.at;
          const gap = next.at - prev.at;
          const after = (prev.result as { retryAfterMs?: number }).retryAfterMs;
          if (after !== undefined) equal(gap >= after, true, `Retry-After ${after}, gap ${gap}`);
          if (prev.at - failingSince >= 60_000) equal(gap >= 30_000, true, `gap ${gap}`);
        }
      },
    ),
    { numRuns: 60 },
  );
});
