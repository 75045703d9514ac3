import { deepEqual, equal } from "node:assert/strict";
import { FanOut } from "../../src/sinks/fan_out.ts";
import type { MonitorView, Sink } from "../../src/sinks/sink.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { ManualClock, settle } from "../_helpers/manual_clock.ts";

const quiet = (n: number): MonitorEvent => ({ type: "quiet", start: n, end: n + 1, intervals: 1 });
const view = (n: number) => ({ wallMs: n }) as MonitorView;

/** A sink that records what it gets; `slow` makes each call wait for `release()`. */
class Recorder implements Sink {
  readonly got: string[] = [];
  closed = false;
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;

  constructor(readonly name: string, readonly output = true, slow = false) {
    if (slow) this.hold();
  }

  hold(): void {
    this.#gate = new Promise((r) => this.#open = r);
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  event(e: MonitorEvent): void | Promise<void> {
    this.got.push(`event ${(e as { start: number }).start}`);
    return this.#gate;
  }

  view(v: MonitorView): void | Promise<void> {
    this.got.push(`view ${v.wallMs}`);
    return this.#gate;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function fanOut(sinks: Sink[], clock = new ManualClock()) {
  const failed: string[] = [];
  const f = new FanOut(sinks, {
    clock,
    onFailure: (s, err) => failed.push(`${s.name}: ${(err as Error).message}`),
  });
  return { f, failed, clock };
}

Deno.test("FanOut delivers to every sink in order", () => {
  const a = new Recorder("a"), b = new Recorder("b");
  const { f } = fanOut([a, b]);
  f.event(quiet(1));
  f.view(view(2));
  deepEqual(a.got, ["event 1", "view 2"]);
  deepEqual(b.got, ["event 1", "view 2"]);
});

Deno.test("FanOut queues a busy sink's events in order and collapses its views to the newest", async () => {
  const slow = new Recorder("slow", true, true), fast = new Recorder("fast");
  const { f } = fanOut([slow, fast]);
  f.event(quiet(1)); // slow is now busy with it
  f.view(view(10));
  f.event(quiet(2));
  f.view(view(11));
  f.view(view(12));
  f.event(quiet(3));
  // The fast sink got everything at once; the slow one only the first event so far.
  deepEqual(fast.got, ["event 1", "view 10", "event 2", "view 11", "view 12", "event 3"]);
  deepEqual(slow.got, ["event 1"]);
  slow.release();
  await settle();
  // Every event, in order, never dropped; of the views only the newest.
  deepEqual(slow.got, ["event 1", "event 2", "event 3", "view 12"]);
});

Deno.test("FanOut takes a failing sink out, once, and the others go on", async () => {
  const bad: Sink = {
    name: "bad",
    output: true,
    event: () => {
      throw new Error("broken pipe");
    },
    close: () => Promise.resolve(),
  };
  const rejecting: Sink = {
    name: "rejecting",
    output: true,
    event: () => Promise.reject(new Error("receiver down")),
    close: () => Promise.resolve(),
  };
  const good = new Recorder("good");
  const { f, failed } = fanOut([bad, rejecting, good]);
  equal(f.outputsLeft, 3);
  f.event(quiet(1));
  f.event(quiet(2));
  await settle();
  deepEqual(failed, ["bad: broken pipe", "rejecting: receiver down"]);
  deepEqual(good.got, ["event 1", "event 2"]);
  equal(f.outputsLeft, 1);
});

Deno.test("FanOut.close() lets queued events finish, then closes every sink", async () => {
  const slow = new Recorder("slow", true, true);
  const { f } = fanOut([slow]);
  f.event(quiet(1));
  f.event(quiet(2));
  const closing = f.close(5000);
  await settle();
  equal(slow.closed, false);
  slow.release();
  await closing;
  deepEqual(slow.got, ["event 1", "event 2"]);
  equal(slow.closed, true);
});

Deno.test("FanOut.close() gives up on a sink that stays busy past the deadline", async () => {
  const stuck = new Recorder("stuck", true, true);
  const other = new Recorder("other");
  const { f, clock } = fanOut([stuck, other]);
  f.event(quiet(1));
  f.event(quiet(2));
  const closing = f.close(1000);
  await clock.advance(1000);
  await clock.advance(600);
  await closing;
  // The stuck sink is still asked to close (it says what it left undone); the other was not held up.
  equal(stuck.closed, true);
  equal(other.closed, true);
  deepEqual(stuck.got, ["event 1"]);
});

Deno.test("FanOut builds views and seconds only for sinks that take them", () => {
  const plain: Sink = { name: "plain", output: true, event() {}, close: () => Promise.resolve() };
  equal(fanOut([plain]).f.wantsViews, false);
  equal(fanOut([plain]).f.wantsSeconds, false);
  const seconds: number[] = [];
  const charting: Sink = { ...plain, second: (t) => seconds.push(t) };
  const { f } = fanOut([plain, charting]);
  equal(f.wantsSeconds, true);
  f.second(5, 1, 1);
  deepEqual(seconds, [5]);
});
