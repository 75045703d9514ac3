import type { LogRecord } from "../record.ts";
import type { AlertEvent, RecoverEvent, SummaryEvent } from "./events.ts";
import type { IntervalStats } from "./interval_stats.ts";
import { SpaceSaving } from "./space_saving.ts";
import { StatusCounts } from "./status_counts.ts";
import { Latency } from "./latency.ts";
import { tableKey } from "./bounded_tally.ts";
import type { KeyDictionary } from "./key_dictionary.ts";
import { RunKeyTable } from "./run_key_table.ts";
import type { EngineView } from "./view.ts";
import { num, type RunTotalsState, unnum } from "./part_state.ts";

/**
 * Sections the summary tracks over the whole run. Exact while the run has at most this many distinct
 * sections; beyond, each count is high by at most hits / SUMMARY_CAPACITY (reported as `error`), and
 * memory stays bounded whatever the log holds.
 */
export const SUMMARY_CAPACITY = 1000;

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
  unreported = 0;
  skewed = 0;
  start = Infinity;
  end = -Infinity;
  readonly sections = new SpaceSaving(SUMMARY_CAPACITY);
  readonly status = new StatusCounts();
  readonly clients = new RunKeyTable(SUMMARY_CAPACITY);
  readonly methods = new RunKeyTable(64);
  readonly vhosts = new RunKeyTable(SUMMARY_CAPACITY);
  readonly files = new RunKeyTable(SUMMARY_CAPACITY);
  readonly alerts: Array<AlertEvent | RecoverEvent> = [];
  latency: Latency | undefined;

  /** Counts one record's hits, bytes and time. */
  add(record: LogRecord): void {
    this.hits++;
    this.bytes += record.bytes;
    if (record.time < this.start) this.start = record.time;
    if (record.time >= this.end) this.end = record.time + 1;
  }

  /** Merges the tables of an interval that is being reported (its ids named by `keys`). */
  merge(interval: IntervalStats, keys: KeyDictionary): void {
    for (const { key, hits } of interval.sections.entries(keys.section)) {
      this.sections.add(key, hits);
    }
    this.status.addAll(interval.status);
    this.clients.merge(interval.clients);
    this.methods.merge(interval.methods);
    if (interval.vhosts.size > 0) this.vhosts.merge(interval.vhosts);
    if (interval.files.size > 0) this.files.merge(interval.files);
    if (interval.latency) (this.latency ??= new Latency()).merge(interval.latency);
  }

  /** Counts the tables of a late record that belongs to no unreported interval. */
  addOrphan(record: LogRecord, keys: KeyDictionary): void {
    const id = record.sectionId;
    this.sections.add(id >= 0 ? keys.section(id) : tableKey(record.section));
    this.status.add(record.status);
    this.clients.add(record.hostId, tableKey(record.host));
    this.methods.add(record.methodId, tableKey(record.method));
    if (record.vhost !== "") this.vhosts.add(-1, tableKey(record.vhost));
    if (record.file !== "") this.files.add(-1, tableKey(record.file));
    const d = record.duration;
    if (d === d) (this.latency ??= new Latency()).add(d);
  }

  /** Its figures as plain data (a checkpoint). */
  toState(): RunTotalsState {
    return {
      hits: this.hits,
      bytes: this.bytes,
      invalid: this.invalid,
      late: this.late,
      unreported: this.unreported,
      skewed: this.skewed,
      start: num(this.start),
      end: num(this.end),
      sections: this.sections.toState(),
      status: this.status.toState(),
      clients: this.clients.toState(),
      methods: this.methods.toState(),
      vhosts: this.vhosts.toState(),
      files: this.files.toState(),
      alerts: this.alerts.map((a) => ({ ...a })),
      ...(this.latency ? { latency: this.latency.toState() } : {}),
    };
  }

  /** Takes the figures of a checkpoint (on fresh totals). */
  load(state: RunTotalsState): void {
    this.hits = state.hits;
    this.bytes = state.bytes;
    this.invalid = state.invalid;
    this.late = state.late;
    this.unreported = state.unreported;
    this.skewed = state.skewed;
    this.start = unnum(state.start);
    this.end = unnum(state.end);
    this.sections.load(state.sections);
    this.status.load(state.status);
    this.clients.load(state.clients);
    this.methods.load(state.methods);
    this.vhosts.load(state.vhosts);
    this.files.load(state.files);
    this.alerts.push(...state.alerts.map((a) => ({ ...a })));
    this.latency = state.latency ? Latency.fromState(state.latency) : undefined;
  }

  /** The run's figures for a view, `top` rows per table. */
  view(top: number, keys: KeyDictionary): EngineView["run"] {
    const seen = this.hits > 0;
    return {
      start: seen ? this.start : 0,
      end: seen ? this.end : 0,
      hits: this.hits,
      bytes: this.bytes,
      invalid: this.invalid,
      late: this.late,
      skewed: this.skewed,
      sections: this.sections.top(top).map(({ key, hits, error }) =>
        error ? { key, hits, error } : { key, hits }
      ),
      sectionCount: this.sections.size,
      clients: this.clients.top(top, keys.host),
      clientCount: this.clients.size,
      status: this.status.byCode(),
      statusClasses: this.status.byClass(),
      methods: this.methods.toRecord(keys.method),
      ...(this.vhosts.size > 0 ? { vhosts: this.vhosts.top(top, keys.host) } : {}),
      ...(this.files.size > 0 ? { byFile: this.files.top(top, keys.host) } : {}),
      ...(this.latency ? { latency: this.latency.summary() } : {}),
      approximate: this.sections.maxError > 0 || !this.clients.exact || !this.methods.exact,
    };
  }

  /** Renders the summary event; `keys` names the ids of the client and method tables. */
  toEvent(top: number, alerting: boolean, keys: KeyDictionary): SummaryEvent {
    const seen = this.hits > 0;
    return {
      type: "summary",
      start: seen ? this.start : 0,
      end: seen ? this.end : 0,
      hits: this.hits,
      bytes: this.bytes,
      invalid: this.invalid,
      late: this.late,
      unreported: this.unreported,
      skewed: this.skewed,
      sections: this.sections.top(top),
      status: this.status.byCode(),
      statusClasses: this.status.byClass(),
      clients: this.clients.top(top, keys.host),
      clientCount: this.clients.size,
      clientCountError: this.clients.sizeError,
      methods: this.methods.toRecord(keys.method),
      ...(this.vhosts.size > 0 ? { vhosts: this.vhosts.top(top, keys.host) } : {}),
      ...(this.files.size > 0 ? { byFile: this.files.top(top, keys.host) } : {}),
      ...(this.latency ? { latency: this.latency.summary() } : {}),
      alerts: [...this.alerts],
      alerting,
    };
  }
}
