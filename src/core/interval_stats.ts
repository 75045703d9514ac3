import type { LogRecord } from "../record.ts";
import type { StatsEvent } from "./events.ts";
import { bump, sortedRecord, topN } from "./top_n.ts";
import { statusClass } from "./status_class.ts";

/**
 * Exact statistics for the records stamped in one interval. Intervals are short (10 s by default), so
 * exact maps stay small; long-span tables belong to the summary.
 */
export class IntervalStats {
  hits = 0;
  bytes = 0;
  readonly sections = new Map<string, number>();
  readonly status = new Map<number, number>();
  readonly clients = new Map<string, number>();
  readonly methods = new Map<string, number>();

  /** Creates the accumulator for `[start, end)`. */
  constructor(readonly start: number, readonly end: number) {}

  /** Counts one record. */
  add(record: LogRecord): void {
    this.hits++;
    this.bytes += record.bytes;
    bump(this.sections, record.section);
    this.status.set(record.status, (this.status.get(record.status) ?? 0) + 1);
    bump(this.clients, record.host);
    bump(this.methods, record.method);
  }

  /** Renders the interval as a stats event with `top` rows per table. */
  toEvent(
    top: number,
    counters: { invalid: number; late: number; end?: number; partial?: boolean },
  ): StatsEvent {
    const classes = new Map<string, number>();
    const codes = new Map<string, number>();
    for (const [code, hits] of this.status) {
      bump(classes, statusClass(code), hits);
      codes.set(String(code), hits);
    }
    return {
      type: "stats",
      start: this.start,
      end: counters.end ?? this.end,
      hits: this.hits,
      bytes: this.bytes,
      sections: topN(this.sections, top),
      sectionCount: this.sections.size,
      status: sortedRecord(codes),
      statusClasses: sortedRecord(classes),
      clients: topN(this.clients, top),
      clientCount: this.clients.size,
      methods: sortedRecord(this.methods),
      invalid: counters.invalid,
      late: counters.late,
      partial: counters.partial ?? false,
    };
  }
}
