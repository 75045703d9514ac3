import { deepEqual, equal } from "node:assert/strict";
import { ManualClock, settle } from "../_helpers/manual_clock.ts";
import { DEFAULT_ENGINE_OPTIONS, MonitorEngine } from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { newRecord } from "../../src/record.ts";
import type { DeliveryResult } from "../../src/notify/delivery.ts";
import { NotifySink } from "../../src/notify/notify_sink.ts";
import type { Deliverable, Receiver } from "../../src/notify/receiver.ts";
import { DEFAULT_RETRY_POLICY } from "../../src/notify/retry_policy.ts";
import { ORIGIN } from "./_notifications.ts";

Deno.env.set("TZ", "UTC");

/** The events of a real engine over a surge: 20/s for 60 s, then 2/s (window 30, threshold 10). */
function surgeEvents(): MonitorEvent[] {
  const events: MonitorEvent[] = [];
  const engine = new MonitorEngine(
    { ...DEFAULT_ENGINE_OPTIONS, window: 30, threshold: 10, interval: 10 },
    (e) => events.push(e),
  );
  const r = newRecord();
  const t0 = 1_700_000_000;
  for (let s = 0; s < 200; s++) {
    for (let i = 0; i < (s < 60 ? 20 : 2); i++) {
      r.time = t0 + s;
      r.section = "/a";
      r.host = "10.0.0.1";
      r.status = 200;
      engine.add(r);
    }
  }
  engine.finish();
  return events;
}

/** A receiver that answers from `script` (then OK) and records what it was sent. */
function fakeReceiver(script: DeliveryResult[], repeatMs?: number) {
  const sent: Deliverable[] = [];
  const receiver: Receiver = {
    name: "webhook hooks.example.com",
    repeatMs,
    send(n) {
      sent.push(n);
      return Promise.resolve(script.shift() ?? { ok: true });
    },
  };
  return { receiver, sent };
}

function sinkFor(receiver: Receiver, clock: ManualClock) {
  const warnings: string[] = [];
  const sink = new NotifySink(receiver, {
    origin: ORIGIN,
    clock,
    policy: DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    warn: (line) => warnings.push(line),
  });
  return { sink, warnings };
}

Deno.test("NotifySink sends one raised and one recovered per episode of a real engine's run", async () => {
  const clock = new ManualClock(0);
  const { receiver, sent } = fakeReceiver([]);
  const { sink } = sinkFor(receiver, clock);
  const events = surgeEvents();
  equal(events.filter((e) => e.type === "alert").length, 1);
  for (const e of events) equal(sink.event(e), undefined, "returns at once");
  await clock.advance(0);
  deepEqual(sent.map((n) => n.kind), ["raised", "recovered"]);
  await sink.close(3000);
});

Deno.test("NotifySink.event() returns at once while the receiver fails", async () => {
  const clock = new ManualClock(0);
  const fail: DeliveryResult = { ok: false, retry: true, reason: "HTTP 500" };
  const { receiver, sent } = fakeReceiver([fail, fail, fail]);
  const { sink, warnings } = sinkFor(receiver, clock);
  for (const e of surgeEvents()) sink.event(e);
  await settle();
  equal(sent.length, 1);
  await clock.advance(60_000);
  deepEqual(sent.map((n) => n.kind), ["raised", "raised", "raised", "raised", "recovered"]);
  deepEqual(warnings, [
    "webhook hooks.example.com: raised at 2023-11-14T22:13:35+00:00: delivery failed (HTTP 500); " +
    "retrying, next try in 0.8 s",
    "webhook hooks.example.com: raised at 2023-11-14T22:13:35+00:00: delivered after 4 tries",
  ]);
  await sink.close(0);
});

Deno.test("NotifySink.close() says in one line what stayed undelivered", async () => {
  const clock = new ManualClock(0);
  const fail: DeliveryResult = { ok: false, retry: true, reason: "connection refused" };
  const { receiver } = fakeReceiver(Array.from({ length: 50 }, () => fail));
  const { sink, warnings } = sinkFor(receiver, clock);
  for (const e of surgeEvents()) sink.event(e);
  await clock.advance(10_000);
  const closing = sink.close(3000);
  await clock.advance(3000);
  await closing;
  equal(
    warnings.at(-1),
    "webhook hooks.example.com: 2 notifications left undelivered: raised at " +
      "2023-11-14T22:13:35+00:00, recovered at 2023-11-14T22:14:36+00:00 (last try: connection refused)",
  );
});

Deno.test("NotifySink re-sends an open episode every repeatMs for Alertmanager, and stops after", async () => {
  const clock = new ManualClock(0);
  const { receiver, sent } = fakeReceiver([], 30_000);
  const { sink } = sinkFor(receiver, clock);
  const events = surgeEvents();
  const alert = events.find((e) => e.type === "alert")!;
  const recover = events.find((e) => e.type === "recover")!;
  sink.event(alert);
  await settle();
  await clock.advance(95_000);
  deepEqual(sent.map((n) => n.kind), ["raised", "refresh", "refresh", "refresh"]);
  sink.event(recover);
  await clock.advance(95_000);
  deepEqual(sent.map((n) => n.kind), ["raised", "refresh", "refresh", "refresh", "recovered"]);
  await sink.close(0);
});

/** The surge's events cut just after its alert, and the rest. */
function surgeCut(): [MonitorEvent[], MonitorEvent[]] {
  const events = surgeEvents();
  const at = events.findIndex((e) => e.type === "alert") + 1;
  return [events.slice(0, at), events.slice(at)];
}

/** The checkpoint as it goes through the state file. */
const throughJson = (v: unknown) => JSON.parse(JSON.stringify(v));

Deno.test("NotifySink restored mid-episode (--state) sends the recovery of the episode it raised", async () => {
  const clock = new ManualClock(0);
  const [before, after] = surgeCut();
  const first = fakeReceiver([]);
  const a = sinkFor(first.receiver, clock);
  for (const e of before) a.sink.event(e);
  await clock.advance(0);
  deepEqual(first.sent.map((n) => n.kind), ["raised"]);
  const saved = throughJson(a.sink.checkpoint());
  // The process dies here (no close). The next one restores and goes on.
  const second = fakeReceiver([]);
  const b = sinkFor(second.receiver, clock);
  b.sink.restore(saved);
  for (const e of after) b.sink.event(e);
  await clock.advance(0);
  deepEqual(second.sent.map((n) => n.kind), ["recovered"]);
  const raised = first.sent[0] as { episode: string };
  equal((second.sent[0] as { episode: string }).episode, raised.episode);
  deepEqual(b.warnings, []);
  await a.sink.close(0);
  await b.sink.close(3000);
});

Deno.test("NotifySink restored delivers the raise that the receiver had not taken before the crash", async () => {
  const clock = new ManualClock(0);
  const [before, after] = surgeCut();
  const down: DeliveryResult = { ok: false, retry: true, reason: "connection refused" };
  const first = fakeReceiver([down, down, down, down]);
  const a = sinkFor(first.receiver, clock);
  for (const e of before) a.sink.event(e);
  await clock.advance(0);
  const saved = throughJson(a.sink.checkpoint());
  equal(saved.pending.length, 1);
  const second = fakeReceiver([]);
  const b = sinkFor(second.receiver, clock);
  b.sink.restore(saved);
  for (const e of after) b.sink.event(e);
  await clock.advance(0);
  deepEqual(second.sent.map((n) => n.kind), ["raised", "recovered"]);
  const closing = a.sink.close(0);
  await clock.advance(0);
  await closing;
  await b.sink.close(3000);
});

Deno.test("NotifySink restored in an open episode goes on re-posting it (Alertmanager)", async () => {
  const clock = new ManualClock(0);
  const [before] = surgeCut();
  const first = fakeReceiver([], 30_000);
  const a = sinkFor(first.receiver, clock);
  for (const e of before) a.sink.event(e);
  await clock.advance(0);
  const saved = throughJson(a.sink.checkpoint());
  await a.sink.close(0);
  const second = fakeReceiver([], 30_000);
  const b = sinkFor(second.receiver, clock);
  b.sink.restore(saved);
  await clock.advance(61_000);
  deepEqual(second.sent.map((n) => n.kind), ["refresh", "refresh"]);
  await b.sink.close(3000);
});

Deno.test("NotifySink says once that saved notifications are unreadable, and starts afresh", async () => {
  const clock = new ManualClock(0);
  const { receiver, sent } = fakeReceiver([]);
  const { sink, warnings } = sinkFor(receiver, clock);
  sink.restore({ pending: [{ value: { kind: "raised" }, label: "x" }] });
  equal(warnings.length, 1);
  equal(
    warnings[0],
    "webhook hooks.example.com: the saved notifications are unreadable; starting without them",
  );
  for (const e of surgeEvents()) sink.event(e);
  await clock.advance(0);
  deepEqual(sent.map((n) => n.kind), ["raised", "recovered"]);
  sink.restore(undefined); // nothing saved for it: nothing said
  equal(warnings.length, 1);
  await sink.close(3000);
});
