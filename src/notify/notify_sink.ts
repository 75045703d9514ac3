/**
 * One receiver as a sink of the monitor: it picks the alerts and recoveries out of the events (one
 * "raised" and one "recovered" per episode), queues them in the receiver's own outbox and returns at
 * once, so reading never waits on a receiver. For Alertmanager it re-sends the open episode while it
 * lasts. On close it gives pending deliveries until the deadline, then says in one line what stayed
 * undelivered.
 */
import type { Clock } from "../clock.ts";
import type { MonitorEvent } from "../core/events.ts";
import type { Sink } from "../sinks/sink.ts";
import { EpisodeTracker } from "./episodes.ts";
import { notificationLabel } from "./message.ts";
import type { Origin } from "./notification.ts";
import { Outbox } from "./outbox.ts";
import type { Deliverable, Receiver } from "./receiver.ts";
import type { RetryPolicy } from "./retry_policy.ts";
import { type NotifyState, notifyStateOf } from "./notify_state.ts";

/** Options for {@linkcode NotifySink}. */
export interface NotifySinkOptions {
  origin: Origin;
  clock: Clock;
  policy: RetryPolicy;
  random: () => number;
  /** One line for the user (stderr), without the "monilog: " prefix. */
  warn: (line: string) => void;
}

/** Delivers the episodes of one run to one receiver. */
export class NotifySink implements Sink {
  readonly name: string;
  readonly output = false;
  readonly #receiver: Receiver;
  readonly #tracker: EpisodeTracker;
  readonly #outbox: Outbox<Deliverable>;
  readonly #clock: Clock;
  readonly #warn: (line: string) => void;
  #stopRepeat: (() => void) | undefined;

  constructor(receiver: Receiver, options: NotifySinkOptions) {
    this.#receiver = receiver;
    this.name = receiver.name;
    this.#clock = options.clock;
    this.#warn = options.warn;
    this.#tracker = new EpisodeTracker(options.origin);
    const warn = (text: string) => options.warn(`${receiver.name}: ${text}`);
    this.#outbox = new Outbox<Deliverable>({
      clock: options.clock,
      policy: options.policy,
      random: options.random,
      deliver: (n, signal) => receiver.send(n, signal),
      report: {
        failing: (item, reason, nextMs) =>
          warn(`${item}: delivery failed (${reason}); retrying, next try in ${seconds(nextMs)}`),
        recovered: (item, tries) => warn(`${item}: delivered after ${tries} tries`),
        refused: (item, reason) => warn(`${item}: refused (${reason}); not retried`),
      },
    });
  }

  /** The outbox, for tests and for the record of tries. */
  get outbox(): Outbox<Deliverable> {
    return this.#outbox;
  }

  event(event: MonitorEvent): void {
    const n = this.#tracker.take(event);
    if (n === undefined) return;
    this.#outbox.add({ value: n, label: notificationLabel(n), essential: true });
    this.#repeatWhileOpen();
  }

  /** The open episode and the undelivered messages (notify_state.ts). */
  checkpoint(): NotifyState {
    const pending: NotifyState["pending"] = [];
    for (const item of this.#outbox.pending) {
      const v = item.value;
      if (item.essential && (v.kind === "raised" || v.kind === "recovered")) {
        pending.push({ value: v, label: item.label });
      }
    }
    const state: NotifyState = { pending };
    if (this.#tracker.open !== undefined) state.open = this.#tracker.open;
    if (this.#tracker.closed !== undefined) state.closed = this.#tracker.closed;
    return state;
  }

  /** Goes on from an earlier run's checkpoint: its episode still open, its messages queued again. */
  restore(saved: unknown): void {
    if (saved === undefined) return;
    const state = notifyStateOf(saved);
    if (state === undefined) {
      this.#warn(`${this.name}: the saved notifications are unreadable; starting without them`);
      return;
    }
    this.#tracker.restore(state.open, state.closed);
    for (const p of state.pending) this.#outbox.add({ ...p, essential: true });
    this.#repeatWhileOpen();
  }

  /** Alertmanager's re-posts run while an episode is open, and stop when it closes. */
  #repeatWhileOpen(): void {
    if (this.#receiver.repeatMs === undefined) return;
    this.#stopRepeat?.();
    this.#stopRepeat = undefined;
    if (this.#tracker.open !== undefined) {
      this.#stopRepeat = this.#clock.every(this.#receiver.repeatMs, () => this.#refresh());
    }
  }

  /** Re-sends the open episode, unless something is still queued (it carries the news already). */
  #refresh(): void {
    const open = this.#tracker.open;
    if (open === undefined || !this.#outbox.idle) return;
    this.#outbox.add({
      value: { kind: "refresh", raised: open },
      label: "refresh",
      essential: false,
    });
  }

  /** Gives pending deliveries `deadlineMs` more (from now), then says what stayed undelivered. */
  async close(deadlineMs: number): Promise<void> {
    this.#stopRepeat?.();
    this.#stopRepeat = undefined;
    const left = await this.#outbox.close(this.#clock.now() + deadlineMs);
    this.#receiver.close?.();
    if (left.length > 0) {
      this.#warnLeft(left);
    }
  }

  #warnLeft(left: string[]): void {
    const what = left.length === 1 ? "1 notification" : `${left.length} notifications`;
    const last = this.#outbox.tries.at(-1);
    const why = last && !last.ok && last.reason ? ` (last try: ${last.reason})` : "";
    this.#warn(`${this.#receiver.name}: ${what} left undelivered: ${left.join(", ")}${why}`);
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
