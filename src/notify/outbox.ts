/**
 * One receiver's queue of notifications, delivered in order in the background: `add` returns at once
 * (a notification never blocks reading the log), a failed try is retried on the schedule of
 * retry_policy.ts, and `close` waits a bounded time for what is pending and reports what is left.
 * Items go strictly one after the other, so a receiver never hears a recovery before its raise.
 * Time comes from a Clock and randomness from the caller, so tests run the schedule by hand.
 */
import type { Clock } from "../clock.ts";
import type { DeliveryResult } from "./delivery.ts";
import { retryDelay, type RetryPolicy } from "./retry_policy.ts";

/** What the outbox tells the user about, through the sink (one line each, on stderr). */
export interface OutboxReport {
  /** A run of failures starts (said once, not once per try). */
  failing(item: string, reason: string, nextTryMs: number): void;
  /** Delivered after `tries` tries, ending a run of failures. */
  recovered(item: string, tries: number): void;
  /** Dropped: the receiver refused it in a way another try cannot change. */
  refused(item: string, reason: string): void;
}

/** One queued delivery. */
export interface OutboxItem<T> {
  value: T;
  /** Names it in messages: "raised 2026-12-01T22:00:00+00:00". */
  label: string;
  /**
   * False for a message whose loss costs nothing (Alertmanager's refresh while active): dropped at
   * close without being reported, and replaced by the next one.
   */
  essential: boolean;
}

/** Options for {@linkcode Outbox}. */
export interface OutboxOptions<T> {
  clock: Clock;
  policy: RetryPolicy;
  /** In [0, 1): jitter. Tests pass a seeded one. */
  random: () => number;
  /** One try; must not throw. */
  deliver: (value: T, signal: AbortSignal) => Promise<DeliveryResult>;
  report: OutboxReport;
}

/** A receiver's pending deliveries. */
export class Outbox<T> {
  readonly #o: OutboxOptions<T>;
  readonly #queue: OutboxItem<T>[] = [];
  /** Aborts the current wait (close wants a try now) or, past the deadline, the current try. */
  #wake = new AbortController();
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;
  /** Machine time of the first failure of the current run of failures. */
  #failingSince: number | undefined;
  /** Until when the receiver asked not to be tried (Retry-After). */
  #notBefore = 0;
  /** Every try, for the record: when and how it ended (tests read it; the last few are kept). */
  readonly tries: Array<{ at: number; label: string; ok: boolean; reason?: string }> = [];

  constructor(options: OutboxOptions<T>) {
    this.#o = options;
  }

  /** Items not yet delivered, oldest first. */
  get pending(): readonly OutboxItem<T>[] {
    return this.#queue;
  }

  /** Queues an item and returns at once. */
  add(item: OutboxItem<T>): void {
    if (this.#stop.signal.aborted) return;
    // A refresh still waiting is replaced by the newer one (it carries the same news, fresher).
    const last = this.#queue[this.#queue.length - 1];
    if (!item.essential && last !== undefined && !last.essential && this.#queue.length > 1) {
      this.#queue[this.#queue.length - 1] = item;
      return;
    }
    this.#queue.push(item);
    this.#running ??= this.#run();
  }

  /** True when nothing is queued and nothing failing. */
  get idle(): boolean {
    return this.#queue.length === 0;
  }

  /**
   * Tries what is pending now — unless the receiver asked for a wait (Retry-After) or has been
   * failing for over a minute (then the 30 s rule holds to the end) — keeps to the schedule until
   * `deadlineMs` (machine time), then stops; returns the labels of the essential items left
   * undelivered.
   */
  async close(deadlineMs: number): Promise<string[]> {
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      if (!this.#queue[i].essential && i > 0) this.#queue.splice(i, 1);
    }
    const failingFor = this.#o.clock.now() - (this.#failingSince ?? Infinity);
    if (failingFor < this.#o.policy.slowAfterMs) this.#wake.abort();
    const running = this.#running;
    if (running !== undefined) {
      const left = deadlineMs - this.#o.clock.now();
      const timer = new AbortController();
      await Promise.race([running, this.#o.clock.sleep(Math.max(0, left), timer.signal)]);
      timer.abort();
    }
    this.#stop.abort();
    this.#wake.abort();
    await this.#running;
    return this.#queue.filter((i) => i.essential).map((i) => i.label);
  }

  async #run(): Promise<void> {
    const clock = this.#o.clock;
    let tries = 0;
    while (this.#queue.length > 0 && !this.#stop.signal.aborted) {
      const item = this.#queue[0];
      const wait = this.#notBefore - clock.now();
      if (wait > 0) {
        await clock.sleep(wait, this.#stop.signal);
        continue;
      }
      tries++;
      const at = clock.now();
      const result = await this.#o.deliver(item.value, this.#stop.signal);
      this.#record(at, item.label, result);
      if (this.#stop.signal.aborted && !result.ok) break;
      if (result.ok) {
        this.#queue.shift();
        if (this.#failingSince !== undefined) this.#o.report.recovered(item.label, tries);
        this.#failingSince = undefined;
        tries = 0;
        continue;
      }
      if (!result.retry) {
        this.#queue.shift();
        this.#o.report.refused(item.label, result.reason);
        tries = 0;
        continue;
      }
      const firstFailure = this.#failingSince === undefined;
      this.#failingSince ??= at;
      const delay = retryDelay(
        {
          tries,
          failingForMs: clock.now() - this.#failingSince,
          retryAfterMs: result.retryAfterMs,
        },
        this.#o.policy,
        this.#o.random,
      );
      this.#notBefore = clock.now() + (result.retryAfterMs ?? 0);
      if (firstFailure) this.#o.report.failing(item.label, result.reason, delay);
      await this.#pause(delay);
    }
    // Cleared in the same turn as the loop's last look at the queue, so an add() that comes after
    // it starts a new loop and one that came before was seen by this one.
    this.#running = undefined;
  }

  /**
   * Sleeps `ms`, cut short by close (which wants one more try now, before the exit deadline, rather
   * than at a backoff that may fall after it) or by the final stop.
   */
  async #pause(ms: number): Promise<void> {
    this.#wake = new AbortController();
    await this.#o.clock.sleep(ms, AbortSignal.any([this.#wake.signal, this.#stop.signal]));
  }

  #record(at: number, label: string, result: DeliveryResult): void {
    this.tries.push(
      result.ok ? { at, label, ok: true } : { at, label, ok: false, reason: result.reason },
    );
    if (this.tries.length > 100) this.tries.shift();
  }
}
