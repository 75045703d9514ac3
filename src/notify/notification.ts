/**
 * What a receiver is asked to deliver: one alert episode's "raised" or "recovered" message, or the
 * test message of `monilog notify-test`. Plain data, so that an outbox can hold it (and, later, write
 * it to --state) and every receiver renders it its own way.
 */
import type { AlertEvent, RecoverEvent } from "../core/events.ts";

/** Where the alerts come from: the machine and the log(s) it follows. */
export interface Origin {
  /** The host name (Deno.hostname()). */
  host: string;
  /** The log followed, as the user named it (several joined with ", "). */
  file: string;
}

/** An episode's start. */
export interface RaisedNotification extends Origin {
  kind: "raised";
  /** Names the episode, the same for its raise and its recovery (see episodeId). */
  episode: string;
  event: AlertEvent;
}

/** An episode's end. */
export interface RecoveredNotification extends Origin {
  kind: "recovered";
  episode: string;
  event: RecoverEvent;
  /** Log second of the alert this recovery ends. */
  raisedAt: number;
}

/** The message `monilog notify-test` sends, so that a user can check the wiring before the night. */
export interface TestNotification extends Origin {
  kind: "test";
  episode: string;
  /** Machine time it was made, unix seconds. */
  time: number;
}

/** Anything a receiver delivers. */
export type Notification = RaisedNotification | RecoveredNotification | TestNotification;

/**
 * The id of the episode that starts with an alert at log second `alertTime`. It depends only on the
 * host, the file and that second, so a restart that replays the same alert (--state) names the same
 * episode and receivers that dedup on it (PagerDuty's dedup_key) see one incident.
 */
export function episodeId(origin: Origin, alertTime: number): string {
  return `monilog-${fnv1a(`${origin.host}\u0000${origin.file}`)}-${alertTime}`;
}

/** 32-bit FNV-1a as 8 hex digits: short, stable, and free of the characters a file name may hold. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
