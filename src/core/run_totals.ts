import type { LogRecord } from "../record.ts";
import type { AlertEvent, RecoverEvent, SummaryEvent } from "./events.ts";
import type { IntervalStats } from "./interval_stats.ts";
import { Tally } from "./tally.ts";
import { StatusCounts } from "./status_counts.ts";

/**
 * Totals over the whole run, for the summary printed on exit. Hits, bytes and the time span are counted
 * per record; the tables are merged from each interval as it is reported (cheaper than a second set of
 * lookups per record), plus the few late records whose interval was already reported.
 */
export class RunTotals {
  hits = 0;
  bytes = 0;
  invalid = 0;
  late = 0;
  start = Infinity;
  end = -Infinity;
  readonly sections = new Tally({ ownKeys: true });
  readonly status = new StatusCounts();
  readonly alerts: Array<AlertEvent | RecoverEvent> = [];

  /** Counts one record's hits, bytes and time. */
  add(record: LogRecord): void {
    this.hits++;
    this.bytes += record.bytes;
    if (record.time < this.start) this.start = record.time;
    if (record.time >= this.end) this.end = record.time + 1;
  }

  /** Merges the tables of an interval that is being reported. */
  merge(interval: IntervalStats): void {
    this.sections.addAll(interval.sections);
    this.status.addAll(interval.status);
  }

  /** Counts the tables of a late record that belongs to no unreported interval. */
  addOrphan(record: LogRecord): void {
    this.sections.add(record.section);
    this.status.add(record.status);
  }

  /** Renders the summary event. */
  toEvent(top: number, alerting: boolean): SummaryEvent {
    const seen = this.hits > 0;
    return {
      type: "summary",
      start: seen ? this.start : 0,
      end: seen ? this.end : 0,
      hits: this.hits,
      bytes: this.bytes,
      invalid: this.invalid,
      late: this.late,
      sections: this.sections.top(top),
      statusClasses: this.status.byClass(),
      alerts: [...this.alerts],
      alerting,
    };
  }
}
