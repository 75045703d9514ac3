import type { LogRecord } from "../record.ts";
import type { AlertEvent, RecoverEvent, SummaryEvent } from "./events.ts";
import { bump, sortedRecord, topN } from "./top_n.ts";
import { statusClass } from "./status_class.ts";

/** Totals over the whole run, for the summary printed on exit. */
export class RunTotals {
  hits = 0;
  bytes = 0;
  invalid = 0;
  late = 0;
  start = Infinity;
  end = -Infinity;
  readonly sections = new Map<string, number>();
  /** Hits by status code; classes are derived when the summary is made. */
  readonly status = new Map<number, number>();
  readonly alerts: Array<AlertEvent | RecoverEvent> = [];

  /** Counts one record. */
  add(record: LogRecord): void {
    this.hits++;
    this.bytes += record.bytes;
    if (record.time < this.start) this.start = record.time;
    if (record.time >= this.end) this.end = record.time + 1;
    bump(this.sections, record.section);
    this.status.set(record.status, (this.status.get(record.status) ?? 0) + 1);
  }

  /** Renders the summary event. */
  toEvent(top: number, alerting: boolean): SummaryEvent {
    const seen = this.hits > 0;
    const classes = new Map<string, number>();
    for (const [code, hits] of this.status) bump(classes, statusClass(code), hits);
    return {
      type: "summary",
      start: seen ? this.start : 0,
      end: seen ? this.end : 0,
      hits: this.hits,
      bytes: this.bytes,
      invalid: this.invalid,
      late: this.late,
      sections: topN(this.sections, top),
      statusClasses: sortedRecord(classes),
      alerts: [...this.alerts],
      alerting,
    };
  }
}
