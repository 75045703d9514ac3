/**
 * Turns the core's alert and recover events into notifications, one "raised" and one "recovered" per
 * episode. The core already never emits two alerts in a row; this holds the guarantee at the receiver's
 * door too, so that whatever feeds a notifier (a restart, a replay) cannot make it send a second raise
 * or a recovery that no raise opened.
 */
import type { MonitorEvent } from "../core/events.ts";
import {
  episodeId,
  type Origin,
  type RaisedNotification,
  type RecoveredNotification,
} from "./notification.ts";

/** The open episode of one receiver, if any. */
export class EpisodeTracker {
  readonly #origin: Origin;
  #open: RaisedNotification | undefined;
  /** The last episode closed, so that a repeated recovery of it is not sent again. */
  #closed: string | undefined;

  constructor(origin: Origin) {
    this.#origin = origin;
  }

  /** The episode that is raised and not yet recovered. */
  get open(): RaisedNotification | undefined {
    return this.#open;
  }

  /** The last episode closed (its recovery is not sent twice). */
  get closed(): string | undefined {
    return this.#closed;
  }

  /** Goes on from where a tracker of an earlier run was (`--state`). */
  restore(open: RaisedNotification | undefined, closed: string | undefined): void {
    this.#open = open;
    this.#closed = closed;
  }

  /** Returns what `event` asks to send, if anything (only alerts and recoveries do). */
  take(event: MonitorEvent): RaisedNotification | RecoveredNotification | undefined {
    const origin = { host: this.#origin.host, file: this.#origin.file };
    if (event.type === "alert") {
      if (this.#open !== undefined) return undefined;
      const episode = episodeId(origin, event.time);
      if (episode === this.#closed) return undefined;
      this.#open = { kind: "raised", ...origin, episode, event };
      return this.#open;
    }
    if (event.type === "recover") {
      const open = this.#open;
      if (open === undefined) return undefined;
      this.#open = undefined;
      this.#closed = open.episode;
      return {
        kind: "recovered",
        ...origin,
        episode: open.episode,
        event,
        raisedAt: open.event.time,
      };
    }
    return undefined;
  }
}
