/**
 * Delivers the pipeline's events, notices, views and seconds to every sink, isolating each from the
 * others. A sink method that returns a promise makes that sink busy: what comes for it meanwhile waits
 * in its own queue, in order — events and notices are never dropped, views are collapsed to the newest
 * — so a slow sink (a stalled browser, a receiver that is down) never holds up the others nor the
 * reading of the log. A sink that throws or rejects is taken out, once, and the owner is told.
 */
import type { MonitorEvent } from "../core/events.ts";
import type { SourceNotice } from "../source/source_options.ts";
import type { MonitorView, Sink } from "./sink.ts";
import type { Clock } from "../clock.ts";

/** Options for {@linkcode FanOut}. */
export interface FanOutOptions {
  /** Told once for each sink that failed and was taken out. */
  onFailure(sink: Sink, err: unknown): void;
  /** The clock that bounds close(). */
  clock: Clock;
}

type Call = () => void | Promise<void>;

/** One sink and what is waiting for it. */
interface Slot {
  sink: Sink;
  busy: boolean;
  queue: Call[];
  view: MonitorView | undefined;
  failed: boolean;
  /** Resolves whenever the slot becomes idle (used by close). */
  idle: Array<() => void>;
}

/** The fan-out to every sink. */
export class FanOut {
  readonly #slots: Slot[];
  readonly #o: FanOutOptions;
  readonly #seconds: Sink[];
  #closed = false;

  /** Creates the fan-out over `sinks`, delivered to in this order. */
  constructor(sinks: readonly Sink[], options: FanOutOptions) {
    this.#o = options;
    this.#slots = sinks.map((sink) => ({
      sink,
      busy: false,
      queue: [],
      view: undefined,
      failed: false,
      idle: [],
    }));
    this.#seconds = sinks.filter((s) => s.second !== undefined);
  }

  /** True when a sink takes views: only then are they built. */
  get wantsViews(): boolean {
    return this.#slots.some((s) => !s.failed && s.sink.view !== undefined);
  }

  /** True when a sink takes every evaluated second. */
  get wantsSeconds(): boolean {
    return this.#seconds.length > 0;
  }

  /** Outputs (sinks with `output` set) still working. */
  get outputsLeft(): number {
    return this.#slots.filter((s) => !s.failed && s.sink.output).length;
  }

  /** Delivers a core event to every sink. */
  event(event: MonitorEvent): void {
    for (const slot of this.#slots) this.#deliver(slot, () => slot.sink.event(event));
  }

  /** Delivers a source notice to every sink that takes notices. */
  notice(notice: SourceNotice): void {
    for (const slot of this.#slots) {
      const sink = slot.sink;
      if (sink.notice !== undefined) this.#deliver(slot, () => sink.notice!(notice));
    }
  }

  /** Delivers a view to every sink that takes views; a busy sink gets the newest when it is free. */
  view(view: MonitorView): void {
    for (const slot of this.#slots) {
      if (slot.failed || slot.sink.view === undefined) continue;
      if (slot.busy || slot.queue.length > 0) slot.view = view;
      else this.#run(slot, () => slot.sink.view!(view));
    }
  }

  /** Delivers an evaluated second (synchronous sinks' hook: it runs for every second of a replay). */
  second(time: number, hits: number, windowHits: number): void {
    for (const sink of this.#seconds) {
      try {
        sink.second!(time, hits, windowHits);
      } catch (err) {
        const slot = this.#slots.find((s) => s.sink === sink)!;
        this.#fail(slot, err);
      }
    }
  }

  /**
   * Lets every sink finish what is queued for it, then closes each, all within `deadlineMs` of the
   * clock; a sink still busy at the deadline is closed anyway (it says itself what it left undone).
   */
  async close(deadlineMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const clock = this.#o.clock;
    const end = clock.now() + deadlineMs;
    await Promise.all(this.#slots.map(async (slot) => {
      await this.#whenIdle(slot, end);
      if (slot.failed) return;
      const left = Math.max(0, end - clock.now());
      try {
        // A little beyond the sink's own deadline: it is asked to keep it, and to say what it left.
        await withDeadline(slot.sink.close(left), left + 500, clock);
      } catch (err) {
        this.#fail(slot, err);
      }
    }));
  }

  #deliver(slot: Slot, call: Call): void {
    if (slot.failed) return;
    if (slot.busy) slot.queue.push(call);
    else this.#run(slot, call);
  }

  #run(slot: Slot, call: Call): void {
    let result: void | Promise<void>;
    try {
      result = call();
    } catch (err) {
      this.#fail(slot, err);
      return;
    }
    if (result === undefined || typeof (result as Promise<void>).then !== "function") return;
    slot.busy = true;
    (result as Promise<void>).then(
      () => {
        slot.busy = false;
        this.#drain(slot);
      },
      (err) => {
        slot.busy = false;
        this.#fail(slot, err);
      },
    );
  }

  #drain(slot: Slot): void {
    while (!slot.busy && !slot.failed && slot.queue.length > 0) {
      this.#run(slot, slot.queue.shift()!);
    }
    if (!slot.busy && !slot.failed && slot.view !== undefined) {
      const view = slot.view;
      slot.view = undefined;
      this.#run(slot, () => slot.sink.view!(view));
    }
    if (!slot.busy || slot.failed) { for (const wake of slot.idle.splice(0)) wake(); }
  }

  #fail(slot: Slot, err: unknown): void {
    if (slot.failed) return;
    slot.failed = true;
    slot.queue = [];
    slot.view = undefined;
    for (const wake of slot.idle.splice(0)) wake();
    this.#o.onFailure(slot.sink, err);
  }

  /** Resolves when the slot has nothing queued or running, or at `end`. */
  #whenIdle(slot: Slot, end: number): Promise<void> {
    if (slot.failed || (!slot.busy && slot.queue.length === 0)) return Promise.resolve();
    const idle = new Promise<void>((resolve) => slot.idle.push(resolve));
    const ms = Math.max(0, end - this.#o.clock.now());
    return withDeadline(idle, ms, this.#o.clock).catch(() => {});
  }
}

/** Turns of the microtask queue a promise gets to settle in before a deadline is armed. */
const PROMPT_TURNS = 8;

/** `promise`, or a rejection if it has not settled `ms` later on `clock`. */
async function withDeadline<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T> {
  // A sink done at once (a summary written) needs no timer: a short replay is spared Deno's
  // timers, which load at the first one (~3 ms).
  const due = clock.now() + ms;
  let settled = false;
  const mark = () => void (settled = true);
  promise.then(mark, mark);
  for (let turn = 0; turn < PROMPT_TURNS && !settled; turn++) await undefined;
  if (settled) return promise;
  const stop = new AbortController();
  const late = clock.sleep(Math.max(0, due - clock.now()), stop.signal).then(() => {
    if (!stop.signal.aborted) throw new Error(`did not finish within ${ms} ms`);
  });
  try {
    return await Promise.race([promise, late as Promise<never>]);
  } finally {
    stop.abort();
  }
}
