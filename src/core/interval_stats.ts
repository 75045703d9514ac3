import type { LogRecord } from "../record.ts";
import type { StatsEvent } from "./events.ts";
import type { SpanTables } from "./view.ts";
import { KeyTable } from "./key_table.ts";
import type { KeyDictionary } from "./key_dictionary.ts";
import { StatusCounts } from "./status_counts.ts";
import { Latency } from "./latency.ts";
import type { IntervalStatsState } from "./part_state.ts";

/**
 * Distinct keys an interval's section and client tables count exactly; past it they keep the heavy
 * hitters in bounded memory (BoundedTally). Ten thousand distinct clients in ten seconds is a very busy
 * site; a million is an attack or a synthetic log, and must not cost a million entries.
 */
export const INTERVAL_CAPACITY = 10_000;
/** The same for methods: a handful in any real log, any number in garbage. */
const METHOD_CAPACITY = 64;

/**
 * Statistics for the records stamped in one interval, exact unless a table overflows its capacity.
 * Intervals are short (10 s by default), so the tables stay small; the run's totals are merged from
 * them once per interval, not per record. The engine reuses these objects from interval to interval
 * (`reset`), so a replay does not allocate tables for each of its intervals.
 */
export class IntervalStats {
  hits = 0;
  bytes = 0;
  readonly sections = new KeyTable(INTERVAL_CAPACITY);
  readonly status = new StatusCounts();
  readonly clients = new KeyTable(INTERVAL_CAPACITY);
  readonly methods = new KeyTable(METHOD_CAPACITY);
  /** Virtual hosts, for the formats that carry them (by string: a site has a handful). */
  readonly vhosts = new KeyTable(INTERVAL_CAPACITY);
  /** The logs the requests came from, with `--by file`. */
  readonly files = new KeyTable(INTERVAL_CAPACITY);
  /** Response times, when the format carries them. */
  latency: Latency | undefined;

  /** Creates the accumulator for `[start, end)`. */
  constructor(public start: number, public end: number) {}

  /** Empties the accumulator and makes it the one for `[start, end)`. */
  reset(start: number, end: number): void {
    this.start = start;
    this.end = end;
    this.hits = 0;
    this.bytes = 0;
    this.sections.reset();
    this.status.reset();
    this.clients.reset();
    this.methods.reset();
    this.vhosts.reset();
    this.files.reset();
    this.latency = undefined;
  }

  /** Counts one record. */
  add(record: LogRecord): void {
    this.hits++;
    this.bytes += record.bytes;
    this.sections.add(record.sectionId, record.section);
    this.status.add(record.status);
    this.clients.add(record.hostId, record.host);
    this.methods.add(record.methodId, record.method);
    if (record.vhost !== "") this.vhosts.add(-1, record.vhost);
    if (record.file !== "") this.files.add(-1, record.file);
    const d = record.duration;
    if (d === d) (this.latency ??= new Latency()).add(d); // d === d: not NaN
  }

  /** Its figures as plain data (a checkpoint of an open interval). */
  toState(): IntervalStatsState {
    return {
      start: this.start,
      end: this.end,
      hits: this.hits,
      bytes: this.bytes,
      sections: this.sections.toState(),
      status: this.status.toState(),
      clients: this.clients.toState(),
      methods: this.methods.toState(),
      vhosts: this.vhosts.toState(),
      files: this.files.toState(),
      ...(this.latency ? { latency: this.latency.toState() } : {}),
    };
  }

  /** An open interval restored from a checkpoint. */
  static fromState(state: IntervalStatsState): IntervalStats {
    const stats = new IntervalStats(state.start, state.end);
    stats.hits = state.hits;
    stats.bytes = state.bytes;
    stats.sections.load(state.sections);
    stats.status.load(state.status);
    stats.clients.load(state.clients);
    stats.methods.load(state.methods);
    stats.vhosts.load(state.vhosts);
    stats.files.load(state.files);
    if (state.latency) stats.latency = Latency.fromState(state.latency);
    return stats;
  }

  /** The interval's figures so far with `top` rows per table, ids named by `keys` (for views). */
  tables(top: number, keys: KeyDictionary): SpanTables {
    return {
      start: this.start,
      end: this.end,
      hits: this.hits,
      bytes: this.bytes,
      sections: this.sections.top(top, keys.section),
      sectionCount: this.sections.size,
      clients: this.clients.top(top, keys.host),
      clientCount: this.clients.size,
      status: this.status.byCode(),
      statusClasses: this.status.byClass(),
      methods: this.methods.toRecord(keys.method),
      ...(this.vhosts.size > 0 ? { vhosts: this.vhosts.top(top, noIds) } : {}),
      ...(this.files.size > 0 ? { byFile: this.files.top(top, noIds) } : {}),
      ...(this.latency ? { latency: this.latency.summary() } : {}),
      approximate: !(this.sections.exact && this.clients.exact && this.methods.exact),
    };
  }

  /**
   * What the window's tables keep of this interval once it is reported: its heaviest `rows` keys and
   * its latency sketch (which the next interval does not reuse: `reset` starts a new one).
   */
  snapshot(rows: number, keys: KeyDictionary): IntervalSnapshot {
    return { tables: this.tables(rows, keys), latency: this.latency };
  }

  /** Renders the interval as a stats event with `top` rows per table, ids named by `keys`. */
  toEvent(
    top: number,
    counters: {
      invalid: number;
      late: number;
      skewed: number;
      end?: number;
      partial?: boolean;
      since?: number;
    },
    keys: KeyDictionary,
  ): StatsEvent {
    return {
      type: "stats",
      start: this.start,
      end: counters.end ?? this.end,
      hits: this.hits,
      bytes: this.bytes,
      sections: this.sections.top(top, keys.section),
      sectionCount: this.sections.size,
      status: this.status.byCode(),
      statusClasses: this.status.byClass(),
      clients: this.clients.top(top, keys.host),
      clientCount: this.clients.size,
      methods: this.methods.toRecord(keys.method),
      ...(this.vhosts.size > 0
        ? { vhosts: this.vhosts.top(top, noIds), vhostCount: this.vhosts.size }
        : {}),
      ...(this.files.size > 0 ? { byFile: this.files.top(top, noIds) } : {}),
      ...(this.sections.exact && this.clients.exact && this.methods.exact
        ? {}
        : { approximate: true as const }),
      ...(this.latency ? { latency: this.latency.summary() } : {}),
      invalid: counters.invalid,
      late: counters.late,
      skewed: counters.skewed,
      partial: counters.partial ?? false,
      ...(counters.since !== undefined ? { since: counters.since } : {}),
    };
  }
}

/** A reported interval as the window's tables keep it. */
export interface IntervalSnapshot {
  tables: SpanTables;
  latency: Latency | undefined;
}

/** Virtual hosts are counted by string: no id ever needs a name. */
function noIds(id: number): never {
  throw new Error(`a virtual host carried id ${id}`);
}
