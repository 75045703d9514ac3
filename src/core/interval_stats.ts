import type { LogRecord } from "../record.ts";
import type { StatsEvent } from "./events.ts";
import { Tally } from "./tally.ts";
import { StatusCounts } from "./status_counts.ts";
import { Latency } from "./latency.ts";

/**
 * Exact statistics for the records stamped in one interval. Intervals are short (10 s by default), so
 * exact tables stay small; the run's totals are merged from them once per interval, not per record.
 */
export class IntervalStats {
  hits = 0;
  bytes = 0;
  readonly sections = new Tally();
  readonly status = new StatusCounts();
  readonly clients = new Tally();
  readonly methods = new Tally();
  /** Response times, when the format carries them. */
  latency: Latency | undefined;

  /** Creates the accumulator for `[start, end)`. */
  constructor(readonly start: number, readonly end: number) {}

  /** Counts one record. */
  add(record: LogRecord): void {
    this.hits++;
    this.bytes += record.bytes;
    this.sections.add(record.section);
    this.status.add(record.status);
    this.clients.add(record.host);
    this.methods.add(record.method);
    const d = record.duration;
    if (d === d) (this.latency ??= new Latency()).add(d); // d === d: not NaN
  }

  /** Renders the interval as a stats event with `top` rows per table. */
  toEvent(
    top: number,
    counters: { invalid: number; late: number; end?: number; partial?: boolean },
  ): StatsEvent {
    return {
      type: "stats",
      start: this.start,
      end: counters.end ?? this.end,
      hits: this.hits,
      bytes: this.bytes,
      sections: this.sections.top(top),
      sectionCount: this.sections.size,
      status: this.status.byCode(),
      statusClasses: this.status.byClass(),
      clients: this.clients.top(top),
      clientCount: this.clients.size,
      methods: this.methods.toRecord(),
      ...(this.latency ? { latency: this.latency.summary() } : {}),
      invalid: counters.invalid,
      late: counters.late,
      partial: counters.partial ?? false,
    };
  }
}
