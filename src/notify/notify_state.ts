/**
 * What a notifier carries across a restart (`--state`): the open episode, so that the recovery is sent
 * after a restart in the middle of one (and Alertmanager keeps hearing that it fires), and the
 * messages not yet delivered, so that a raise queued while the receiver was down is not lost with the
 * process. Delivery is at least once: a message delivered after the last checkpoint and before a crash
 * is sent again, with the same episode id, which receivers that deduplicate (PagerDuty's dedup_key,
 * Alertmanager's labels) take as the same news.
 */
import type { RaisedNotification, RecoveredNotification } from "./notification.ts";

/** The saved part of one notifier. */
export interface NotifyState {
  open?: RaisedNotification;
  closed?: string;
  /** Undelivered messages, oldest first. */
  pending: Array<{ value: RaisedNotification | RecoveredNotification; label: string }>;
}

/**
 * `saved` as a NotifyState, or undefined when it is not one (a damaged state: the notifier starts
 * afresh rather than send what it cannot vouch for).
 */
export function notifyStateOf(saved: unknown): NotifyState | undefined {
  if (typeof saved !== "object" || saved === null) return undefined;
  const s = saved as Record<string, unknown>;
  if (s.open !== undefined && !isNotification(s.open, "raised")) return undefined;
  if (s.closed !== undefined && typeof s.closed !== "string") return undefined;
  if (!Array.isArray(s.pending)) return undefined;
  for (const p of s.pending) {
    if (typeof p !== "object" || p === null || typeof p.label !== "string") return undefined;
    if (!isNotification(p.value, "raised") && !isNotification(p.value, "recovered")) {
      return undefined;
    }
  }
  return s as unknown as NotifyState;
}

function isNotification(v: unknown, kind: "raised" | "recovered"): boolean {
  if (typeof v !== "object" || v === null) return false;
  const n = v as Record<string, unknown>;
  const event = n.event as Record<string, unknown> | undefined;
  return n.kind === kind && typeof n.episode === "string" && typeof n.host === "string" &&
    typeof n.file === "string" && typeof event === "object" && event !== null &&
    event.type === (kind === "raised" ? "alert" : "recover") && typeof event.time === "number";
}
