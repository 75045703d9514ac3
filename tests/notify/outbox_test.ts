import { deepEqual, equal } from "node:assert/strict";
import { ManualClock, settle } from "../_helpers/manual_clock.ts";
import { Random } from "../../src/generate/random.ts";
import type { DeliveryResult } from "../../src/notify/delivery.ts";
import { Outbox } from "../../src/notify/outbox.ts";
import { DEFAULT_RETRY_POLICY } from "../../src/notify/retry_policy.ts";

const FAIL: DeliveryResult = { ok: false, retry: true, reason: "HTTP 500" };
const OK: DeliveryResult = { ok: true };

/** An outbox whose receiver answers from `script` (then OK), with the tries it saw and what it said. */
function scripted(script: Array<DeliveryResult | ((at: number) => DeliveryResult)>, seed = 1) {
  const clock = new ManualClock(0);
  const tries: Array<[number, string]> = [];
  const said: string[] = [];
  const random = new Random(seed);
  const outbox = new Outbox<string>({
    clock,
    policy: DEFAULT_RETRY_POLICY,
    random: () => random.next(),
    deliver: (value) => {
      tries.push([clock.now(), value]);
      const next = script.shift() ?? OK;
      return Promise.resolve(typeof next === "function" ? next(clock.now()) : next);
    },
    report: {
      failing: (item, reason) => said.push(`failing ${item} ${reason}`),
      recovered: (item, n) => said.push(`recovered ${item} ${n}`),
      refused: (item, reason) => said.push(`refused ${item} ${reason}`),
    },
  });
  const add = (value: string, essential = true) => outbox.add({ value, label: value, essential });
  return { clock, tries, said, outbox, add };
}

Deno.test("Outbox.add() returns at once and delivers in the background, in order", async () => {
  const { clock, tries, outbox, add } = scripted([]);
  add("raised");
  add("recovered");
  equal(outbox.pending.length, 2);
  await clock.advance(0);
  deepEqual(tries.map((t) => t[1]), ["raised", "recovered"]);
  equal(outbox.idle, true);
});

Deno.test("Outbox retries with growing, jittered waits, then every 30 s after a minute", async () => {
  // The receiver is down for 5 minutes.
  const down = (at: number) => (at < 300_000 ? FAIL : OK);
  const { clock, tries, said, add } = scripted(Array.from({ length: 100 }, () => down));
  add("raised");
  add("recovered");
  await settle();
  await clock.advance(400_000);
  const raisedTries = tries.filter((t) => t[1] === "raised").map((t) => t[0]);
  const gaps = raisedTries.slice(1).map((t, i) => t - raisedTries[i]);
  // First gaps double (within jitter: half to all of 1 s, 2 s, 4 s, ...).
  for (let i = 0; i < 5; i++) {
    const step = 1000 * 2 ** i;
    equal(gaps[i] >= step / 2 && gaps[i] <= step, true, `gap ${i}: ${gaps[i]}`);
  }
  // Once failing for a minute, never more often than every 30 s.
  raisedTries.forEach((_t, i) => {
    if (i > 0 && raisedTries[i - 1] >= 60_000) equal(gaps[i - 1] >= 30_000, true, `${gaps[i - 1]}`);
  });
  // A receiver down for 5 minutes is tried about 15 times, not hundreds.
  equal(raisedTries.length < 20, true, `${raisedTries.length} tries`);
  // Exactly one success each, the recovery after the raise.
  deepEqual(tries.slice(-2).map((t) => t[1]), ["raised", "recovered"]);
  equal(tries.at(-2)![0] >= 300_000, true);
  // One line when the failures start, one when they end.
  deepEqual(said, ["failing raised HTTP 500", `recovered raised ${raisedTries.length}`]);
});

Deno.test("Outbox keeps to Retry-After and to 429", async () => {
  const limited: DeliveryResult = {
    ok: false,
    retry: true,
    reason: "HTTP 429",
    retryAfterMs: 5000,
  };
  const { clock, tries, add } = scripted([limited]);
  add("raised");
  await settle();
  await clock.advance(4999);
  equal(tries.length, 1);
  await clock.advance(1);
  equal(tries.length, 2);
  deepEqual(tries.map((t) => t[0]), [0, 5000]);
});

Deno.test("Outbox drops what the receiver refuses for good, and goes on", async () => {
  const refused: DeliveryResult = { ok: false, retry: false, reason: "HTTP 400" };
  const { clock, tries, said, outbox, add } = scripted([refused]);
  add("raised");
  add("recovered");
  await clock.advance(0);
  deepEqual(tries.map((t) => t[1]), ["raised", "recovered"]);
  deepEqual(said, ["refused raised HTTP 400"]);
  equal(outbox.idle, true);
});

Deno.test("Outbox.close() tries once more at once, waits to the deadline, lists what is left", async () => {
  const { clock, tries, outbox, add } = scripted(Array.from({ length: 100 }, () => FAIL));
  add("raised");
  add("refresh", false);
  await settle();
  await clock.advance(20_000);
  const before = tries.length;
  const closing = outbox.close(clock.now() + 3000);
  await clock.advance(0);
  equal(tries.length, before + 1, "one try at close, not at the next backoff");
  await clock.advance(3000);
  deepEqual(await closing, ["raised"], "a refresh is not reported as lost");
  const after = tries.length;
  await clock.advance(600_000);
  equal(tries.length, after, "nothing is tried after close");
});

Deno.test("Outbox.close() keeps to the 30 s rule for a receiver failing for over a minute", async () => {
  const { clock, tries, outbox, add } = scripted(Array.from({ length: 100 }, () => FAIL));
  add("raised");
  await settle();
  await clock.advance(100_000);
  const last = tries.at(-1)![0];
  const closing = outbox.close(clock.now() + 5000);
  await clock.advance(5000);
  deepEqual(await closing, ["raised"]);
  for (const [at] of tries) if (at > last) equal(at - last >= 30_000, true, `try at ${at}`);
});

Deno.test("Outbox.close() returns as soon as everything is delivered", async () => {
  const { clock, outbox, add } = scripted([FAIL]);
  add("raised");
  await clock.advance(0);
  const closing = outbox.close(clock.now() + 3000);
  await clock.advance(0);
  deepEqual(await closing, []);
});

Deno.test("Outbox keeps one refresh waiting, the newest", async () => {
  const { clock, tries, add } = scripted([FAIL]);
  add("raised");
  add("refresh-1", false);
  add("refresh-2", false);
  add("refresh-3", false);
  await settle();
  await clock.advance(10_000);
  deepEqual(tries.map((t) => t[1]), ["raised", "raised", "refresh-3"]);
});
