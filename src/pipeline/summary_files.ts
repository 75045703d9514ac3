import type { MonitorEvent } from "../core/events.ts";
import type { NoticeCounter } from "../sinks/notice_counter.ts";

/**
 * The summary with what happened to the files during the run (rotations, truncations, removals,
 * over-long lines), from the notice counter; every other event as it is. The counts are added only
 * when one is not zero, so that a replay's summary keeps its shape.
 */
export function withFileCounts(event: MonitorEvent, notices: NoticeCounter): MonitorEvent {
  if (event.type !== "summary") return event;
  const c = notices.counts();
  const files = {
    rotated: c.rotated,
    truncated: c.truncated,
    removed: c.missing,
    oversized: c.oversized,
  };
  if (Object.values(files).every((n) => n === 0)) return event;
  return { ...event, files };
}
