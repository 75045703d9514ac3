/**
 * The monitor's core: log time, final seconds, the sliding-window alert and interval statistics
 * (spec §3 and §4). It is pure — no clock, no I/O: records and "the machine clock reads T" come in, events
 * go out through `emit` — which is what makes a replay produce exactly the alerts live following would.
 */
import type { LogRecord } from "../record.ts";
import type { EmitEvent } from "./events.ts";
import { RateWindow } from "./rate_window.ts";
import { IntervalStats } from "./interval_stats.ts";
import { RunTotals } from "./run_totals.ts";
import type { KeyDictionary } from "./key_dictionary.ts";
import type { AlertEvent, RecoverEvent, StatsEvent } from "./events.ts";
import { RecentIntervals } from "./recent_intervals.ts";
import { type GuardDecision, type HeldLine, TimeGuard } from "./time_guard.ts";
import { type EngineView, type SpanTables, VIEW_ALERTS } from "./view.ts";
import {
  checkCompatible,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  CheckpointRefused,
  type EngineCheckpoint,
  type KeyRegistry,
  restoreKeys,
  savedKeys,
} from "./engine_checkpoint.ts";
import { num, unnum } from "./part_state.ts";
import type { RequestCounter } from "./request_counter.ts";

export { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from "./engine_options.ts";
import type { EngineOptions } from "./engine_options.ts";

/** What an engine is built with besides its settings. */
export interface EngineWiring {
  /**
   * The run's key dictionary: names the ids records carry (LogRecord.hostId and its siblings). A
   * record that carries an id without one is a bug.
   */
  keys?: KeyDictionary;
  /** Hears each evaluated second, in order (see Sink.second); skipped quiet seconds are not told. */
  onSecond?: (time: number, hits: number, windowHits: number) => void;
  /**
   * Keep the heaviest keys of the intervals within the window, so that view() can show the window's
   * tables (costs a little per reported interval; off for a headless run).
   */
  windowTables?: boolean;
  /**
   * Per-request counters for the metrics endpoint (only when metrics are served: they cost a few
   * typed-array increments per record). Promoted at each report with the interval's top sections.
   */
  requests?: RequestCounter;
  /** Hears what the engine has to say about the log's times: skewed lines, re-bases, disorder. */
  onNotice?: (notice: EngineNotice) => void;
  /**
   * The run's dictionary itself (RunDictionary), for checkpoints: they keep its values so that a
   * restored run gives every key the id it had. Its `keys` name ids when `keys` is not given.
   */
  dictionary?: KeyRegistry;
}

/** What a restored engine is built with: its settings, checked against the checkpoint's, and wiring. */
export interface RestoreWiring extends EngineWiring {
  options: EngineOptions;
  /**
   * The machine clock (ms since the epoch) when the restarted run starts. Quiet time then goes on
   * from where the checkpoint's ticks had taken it, the time the monitor was down left out: counted
   * as quiet log time, it would evaluate (and report empty) the seconds of the lines written
   * meanwhile, which the restarted run is about to read. Leave it out only to go on in the same
   * process, on the same clock.
   */
  resumeAt?: number;
}

/** What the engine says about the log's times (the wiring prints it on standard error). */
export type EngineNotice =
  /** A lone line stamped far from the log's time, left out of the statistics. */
  | { kind: "skewed"; line: number; time: number; logTime: number }
  /** Log time jumped to lines that agree on a new time: back (re-based) or forward. */
  | { kind: "jump"; line: number; from: number; to: number }
  /**
   * More than 1 % of the lines came after their interval was reported: the most any line trailed
   * the newest (`lateness`, seconds), the --late that would have counted them, and their share.
   */
  | { kind: "disorder"; share: number; lateness: number; late: number };

/** Records before disorder is judged while following (at the end of input it is judged anyway). */
const DISORDER_SAMPLE = 5000;

/** Rows each reported interval keeps for the window's tables. */
const WINDOW_TABLE_ROWS = 50;

/** Turns records and clock readings into stats, alert, recovery and summary events. */
export class MonitorEngine {
  readonly #o: EngineOptions;
  readonly #emit: EmitEvent;
  /** rate > threshold ⟺ hits > limit; comparing integers against a rounded limit keeps a decimal
   * threshold such as 10.1 exact (1212 / 120 is not "above" 10.1 because of float rounding). */
  readonly #limit: number;
  #window: RateWindow | undefined;
  #maxSeen = -Infinity;
  #alerting = false;
  #alertedAt = 0;
  readonly #open = new Map<number, IntervalStats>();
  #cached: IntervalStats | undefined;
  #nextReport = 0;
  #invalidSinceReport = 0;
  #lateSinceReport = 0;
  /** True while reported intervals are empty: further empty ones join `#quiet` instead of printing. */
  #inEmptyRun = false;
  /** Empty intervals before the first one with anything in it are not worth a line. */
  #reportedAny = false;
  /** An interval with traffic was reported (the first one says from when it has traffic). */
  #trafficReported = false;
  #quiet: { start: number; end: number; intervals: number } | undefined;
  #lastArrival: number | undefined;
  readonly #totals = new RunTotals();
  /** Names the ids records carry (none: records must carry no ids). */
  readonly #keys: KeyDictionary;
  /** Reported intervals' accumulators, emptied and kept for the next intervals. */
  readonly #spare: IntervalStats[] = [];
  readonly #onSecond: EngineWiring["onSecond"];
  /** The heaviest keys of recent intervals, for the window's tables (when asked for). */
  readonly #recent: RecentIntervals | undefined;
  #activeAlert: AlertEvent | undefined;
  #lastStats: StatsEvent | undefined;
  readonly #requests: RequestCounter | undefined;
  readonly #guard: TimeGuard;
  readonly #onNotice: EngineWiring["onNotice"];
  readonly #dictionary: KeyRegistry | undefined;
  /** Log time as the clock moved it while the log was quiet (tick), for judging far lines. */
  #logNow = -Infinity;
  #skewedSinceReport = 0;
  /** Records counted in no interval (late past their interval's report), and the most any trailed. */
  #maxLateness = 0;
  #disorderSaid = false;
  #jumpSaid = { back: false, forward: false };

  /** Creates an engine that sends its events to `emit`. */
  constructor(options: EngineOptions, emit: EmitEvent, wiring: EngineWiring = {}) {
    this.#o = options;
    this.#emit = emit;
    this.#limit = Math.round(options.threshold * options.window * 1e6) / 1e6;
    this.#dictionary = wiring.dictionary;
    this.#keys = wiring.keys ?? wiring.dictionary?.keys ?? NO_KEYS;
    this.#onSecond = wiring.onSecond;
    this.#requests = wiring.requests;
    this.#recent = wiring.windowTables
      ? new RecentIntervals(
        Math.ceil(options.window / options.interval) + 1,
        WINDOW_TABLE_ROWS,
        this.#keys,
      )
      : undefined;
    this.#guard = new TimeGuard(options.window + options.late);
    this.#onNotice = wiring.onNotice;
  }

  /** True while in the alert state. */
  get alerting(): boolean {
    return this.#alerting;
  }

  /** Newest stamped second seen, or undefined before the first record. */
  get newest(): number | undefined {
    return this.#window ? this.#maxSeen : undefined;
  }

  /**
   * Counts a parsed record that arrived when the machine clock read `wallMs` (`line`: its line number,
   * for what is said about it). A record stamped far from the log's time waits in the TimeGuard until
   * the lines after it show whether it is skewed or the log's time moved.
   */
  add(record: LogRecord, wallMs = 0, line = 0): void {
    if (this.#window !== undefined) {
      const t = record.time;
      const far = this.#guard.far;
      const ref = this.#maxSeen;
      if (t > Math.max(ref, this.#logNow) + far || t < ref - far) {
        this.#lastArrival = wallMs;
        const decision = this.#guard.hold(record, wallMs, line, ref);
        if (decision !== undefined) this.#decide(decision);
        return;
      }
      if (this.#guard.holding) {
        this.#count(record, wallMs);
        const skewed = this.#guard.normal();
        if (skewed.length > 0) this.#decide({ skewed, accept: [] });
        return;
      }
    }
    this.#count(record, wallMs);
  }

  /**
   * The engine's state as plain JSON data (core/engine_checkpoint.ts), from which
   * {@linkcode MonitorEngine.restore} goes on exactly as this engine would. Costs a copy of the
   * state: meant for about once a second, never per record.
   */
  checkpoint(): EngineCheckpoint {
    if (this.#dictionary === undefined && this.#keys !== NO_KEYS) {
      throw new Error("checkpoint() needs the run's dictionary (EngineWiring.dictionary)");
    }
    const quiet = this.#quiet;
    return {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      options: { ...this.#o },
      keys: savedKeys(this.#dictionary),
      ...(this.#window ? { window: this.#window.toState() } : {}),
      maxSeen: num(this.#maxSeen),
      logNow: num(this.#logNow),
      ...(this.#lastArrival !== undefined ? { lastArrival: this.#lastArrival } : {}),
      alerting: this.#alerting,
      alertedAt: this.#alertedAt,
      ...(this.#activeAlert ? { activeAlert: { ...this.#activeAlert } } : {}),
      nextReport: this.#nextReport,
      open: [...this.#open.values()].map((stats) => stats.toState()),
      sinceReport: {
        invalid: this.#invalidSinceReport,
        late: this.#lateSinceReport,
        skewed: this.#skewedSinceReport,
      },
      quiet: {
        inEmptyRun: this.#inEmptyRun,
        reportedAny: this.#reportedAny,
        trafficReported: this.#trafficReported,
        ...(quiet ? { run: { ...quiet } } : {}),
      },
      guard: this.#guard.toState(),
      disorder: {
        maxLateness: this.#maxLateness,
        said: this.#disorderSaid,
        jumpSaid: { ...this.#jumpSaid },
      },
      totals: this.#totals.toState(),
      ...(this.#lastStats ? { lastStats: structuredClone(this.#lastStats) } : {}),
      ...(this.#recent ? { recent: this.#recent.toState() } : {}),
    };
  }

  /**
   * An engine that goes on from `checkpoint` (as JSON.parse gave it back) as the engine that took it
   * would have. Throws CheckpointRefused, naming what differs, for a checkpoint of another format or
   * version or written for other options; `wiring.dictionary` must be the new run's, still empty
   * (a refused checkpoint leaves it so, but for one whose keys it has no room for).
   */
  static restore(checkpoint: unknown, emit: EmitEvent, wiring: RestoreWiring): MonitorEngine {
    checkCompatible(checkpoint, wiring.options);
    const engine = new MonitorEngine(wiring.options, emit, wiring);
    try {
      engine.#load(checkpoint, wiring.resumeAt);
    } catch (err) {
      throw new CheckpointRefused(`the saved state is damaged: ${(err as Error).message}`);
    }
    // Last: the engine's own state is all checked, and what is interned cannot be taken back.
    restoreKeys(checkpoint.keys, wiring.dictionary);
    return engine;
  }

  #load(cp: EngineCheckpoint, resumeAt: number | undefined): void {
    const o = this.#o;
    if (cp.window) this.#window = RateWindow.fromState(o.window, o.late, cp.window);
    this.#maxSeen = unnum(cp.maxSeen);
    this.#logNow = unnum(cp.logNow);
    this.#lastArrival = cp.lastArrival === undefined || resumeAt === undefined
      ? cp.lastArrival
      : resumeAt - Math.max(0, this.#logNow - this.#maxSeen) * 1000;
    // Held lines' arrivals move with it: once counted, they are what quiet time is measured from.
    const shiftMs = (this.#lastArrival ?? 0) - (cp.lastArrival ?? 0);
    this.#alerting = cp.alerting;
    this.#alertedAt = cp.alertedAt;
    this.#activeAlert = cp.activeAlert && { ...cp.activeAlert };
    this.#nextReport = cp.nextReport;
    for (const state of cp.open) this.#open.set(state.start, IntervalStats.fromState(state));
    this.#invalidSinceReport = cp.sinceReport.invalid;
    this.#lateSinceReport = cp.sinceReport.late;
    this.#skewedSinceReport = cp.sinceReport.skewed;
    this.#inEmptyRun = cp.quiet.inEmptyRun;
    this.#reportedAny = cp.quiet.reportedAny;
    this.#trafficReported = cp.quiet.trafficReported;
    this.#quiet = cp.quiet.run && { ...cp.quiet.run };
    this.#guard.load(cp.guard, shiftMs);
    this.#maxLateness = cp.disorder.maxLateness;
    this.#disorderSaid = cp.disorder.said;
    this.#jumpSaid = { ...cp.disorder.jumpSaid };
    this.#totals.load(cp.totals);
    // The alert in progress is the very object the totals list: a view copies both, alike.
    const last = this.#totals.alerts.at(-1);
    if (this.#activeAlert && last?.type === "alert") this.#activeAlert = last;
    this.#lastStats = cp.lastStats && structuredClone(cp.lastStats);
    if (cp.recent) this.#recent?.load(cp.recent);
  }

  /** Applies what the guard decided about held lines. */
  #decide(d: GuardDecision): void {
    for (const h of d.skewed) this.#skew(h);
    const first = d.accept[0];
    if (first !== undefined) {
      const back = d.rebaseTo !== undefined;
      if (!this.#jumpSaid[back ? "back" : "forward"]) {
        this.#jumpSaid[back ? "back" : "forward"] = true;
        this.#onNotice?.({
          kind: "jump",
          line: first.line,
          from: this.#maxSeen,
          to: first.record.time,
        });
      }
      if (back) this.#rebase(d.rebaseTo!);
    }
    for (const h of d.accept) this.#count(h.record, h.wallMs);
  }

  #skew(h: HeldLine): void {
    this.#skewedSinceReport++;
    this.#totals.skewed++;
    this.#onNotice?.({ kind: "skewed", line: h.line, time: h.record.time, logTime: this.#maxSeen });
  }

  /**
   * Log time goes back to `to` (a clock put back): what was seen so far is evaluated and its last,
   * partial interval reported, then the window goes on from `to` with its counts, so that a surge
   * that goes on across the step stays an alert and one that ends recovers as usual.
   */
  #rebase(to: number): void {
    const win = this.#window!;
    const o = this.#o;
    if (this.#maxSeen > win.end) this.#advanceTo(this.#maxSeen);
    this.#reportPartial();
    for (const stats of this.#open.values()) this.#spare.push(stats);
    this.#open.clear();
    this.#cached = undefined;
    win.rebase(to - 1 - o.late);
    this.#maxSeen = to - 1 - o.late;
    this.#logNow = -Infinity;
    this.#nextReport = alignDown(to - o.late, o.interval);
    this.#inEmptyRun = false;
  }

  /** Counts a record whose time is trusted. */
  #count(record: LogRecord, wallMs: number): void {
    const t = record.time;
    this.#lastArrival = wallMs;
    this.#totals.add(record);
    this.#requests?.add(record, this.#keys);
    const o = this.#o;
    let win = this.#window;
    if (win === undefined) {
      // Everything up to t-1-late is final once this line is read, and nothing was seen there.
      win = this.#window = new RateWindow(o.window, o.late, t - 1 - o.late);
      this.#nextReport = alignDown(t - o.late, o.interval);
    }
    if (t > win.end) {
      const final = t - 1 - o.late;
      if (final > win.end) this.#advanceTo(final);
      win.add(t);
      this.#intervalOf(t).add(record);
    } else {
      // Late: it still counts in the window for the seconds that follow, never in what was reported.
      win.add(t);
      this.#totals.late++;
      if (t >= this.#nextReport) this.#intervalOf(t).add(record);
      else {
        // It missed its interval: the report in progress counts it as late, so that the intervals'
        // hits and late add up to the records read.
        this.#lateSinceReport++;
        this.#totals.unreported++;
        this.#totals.addOrphan(record, this.#keys);
        const lateness = this.#maxSeen - t;
        if (lateness > this.#maxLateness) this.#maxLateness = lateness;
        if (!this.#disorderSaid && this.#totals.hits >= DISORDER_SAMPLE) this.#judgeDisorder();
      }
    }
    if (t > this.#maxSeen) this.#maxSeen = t;
  }

  /** Says once when more than 1 % of the records missed their interval. */
  #judgeDisorder(): void {
    const { unreported, hits } = this.#totals;
    if (this.#disorderSaid || hits === 0 || unreported * 100 <= hits) return;
    this.#disorderSaid = true;
    const lateness = this.#maxLateness;
    this.#onNotice?.({ kind: "disorder", share: unreported / hits, lateness, late: lateness });
  }

  /** Counts a line that could not be parsed. */
  addInvalid(wallMs = 0): void {
    this.#lastArrival = wallMs;
    this.#invalidSinceReport++;
    this.#totals.invalid++;
  }

  /**
   * The machine clock reads `wallMs`. While no line arrives, log time advances at the clock's pace from
   * the newest timestamp, so a log that goes silent still drains its window and recovers.
   */
  tick(wallMs: number): void {
    const win = this.#window;
    if (win === undefined || this.#lastArrival === undefined) return;
    const now = this.#maxSeen + Math.floor((wallMs - this.#lastArrival) / 1000);
    this.#logNow = now;
    const final = now - 1 - this.#o.late;
    if (final > win.end) this.#advanceTo(final);
  }

  /**
   * End of input or exit: every second seen is final. Reports the last, partial interval if it holds
   * anything, then the summary of the run.
   */
  finish(): void {
    const win = this.#window;
    if (win !== undefined) {
      this.#decide(this.#guard.finish(this.#maxSeen));
      if (this.#maxSeen > win.end) this.#advanceTo(this.#maxSeen);
      this.#reportPartial();
    }
    this.#judgeDisorder();
    this.#flushQuiet();
    this.#emit(this.#totals.toEvent(this.#o.top, this.#alerting, this.#keys));
  }

  /**
   * The live state as plain data (core/view.ts), for dashboards, pages and metrics. Pure, and cheap
   * enough to call a few times a second: it copies the window's counts and builds small tables.
   */
  view(): EngineView {
    const o = this.#o;
    const win = this.#window;
    const top = Math.max(o.top, 10);
    const time = win?.end;
    const counts = win ? win.counts() : [];
    const hits = win ? win.sum : 0;
    const current = this.#open.get(this.#nextReport);
    const currentTables = current?.tables(top, this.#keys);
    const windowStart = time === undefined ? 0 : time - o.window + 1;
    const recent = this.#recent?.merged(top, windowStart, currentTables) ??
      { ...(currentTables ?? emptySpan(windowStart, windowStart)), approximate: true };
    const alerts = this.#totals.alerts;
    return {
      time,
      newest: this.newest,
      threshold: o.threshold,
      interval: o.interval,
      window: { seconds: o.window, hits, rate: hits / o.window, start: windowStart, counts },
      alerting: this.#alerting,
      activeAlert: this.#activeAlert && { ...this.#activeAlert },
      alerts: alerts.slice(-VIEW_ALERTS).map((a) => ({ ...a })),
      alertCount: alerts.filter((a) => a.type === "alert").length,
      current: currentTables,
      last: this.#lastStats,
      windowTables: recent,
      run: this.#totals.view(top, this.#keys),
    };
  }

  /** Reports the interval in progress up to the last evaluated second, if it holds anything. */
  #reportPartial(): void {
    const win = this.#window!;
    const stats = this.#open.get(this.#nextReport);
    const partialLength = win.end + 1 - this.#nextReport;
    const counters = this.#invalidSinceReport || this.#lateSinceReport || this.#skewedSinceReport;
    if (partialLength > 0 && (stats || counters)) {
      this.#flushQuiet();
      this.#emitStats(stats ?? this.#stats(this.#nextReport), { end: win.end + 1, partial: true });
      this.#nextReport = win.end + 1;
    }
  }

  #intervalOf(t: number): IntervalStats {
    const cached = this.#cached;
    if (cached !== undefined && t >= cached.start && t < cached.end) return cached;
    const start = alignDown(t, this.#o.interval);
    let stats = this.#open.get(start);
    if (stats === undefined) {
      stats = this.#stats(start);
      this.#open.set(start, stats);
    }
    return this.#cached = stats;
  }

  /** An empty accumulator for the interval starting at `start`, reused if one is spare. */
  #stats(start: number): IntervalStats {
    const end = start + this.#o.interval;
    const spare = this.#spare.pop();
    if (spare === undefined) return new IntervalStats(start, end);
    spare.reset(start, end);
    return spare;
  }

  /** Evaluates every second up to `target`, each once, in order. */
  #advanceTo(target: number): void {
    const win = this.#window!;
    const interval = this.#o.interval;
    while (win.end < target) {
      if (win.sum === 0 && win.end >= this.#maxSeen) {
        // Nothing in the window and nothing pending: every second up to target is empty, and the state
        // is already normal (the last rate was 0). Skip the gap at constant cost.
        this.#skipEmpty(target);
        return;
      }
      const hits = win.advance();
      const t = win.end;
      this.#onSecond?.(t, win.newestCount, hits);
      this.#evaluate(t, hits);
      if ((t + 1) % interval === 0) this.#report(t + 1 - interval);
    }
  }

  #evaluate(t: number, hits: number): void {
    const { threshold, window } = this.#o;
    if (!this.#alerting) {
      if (hits > this.#limit) {
        this.#alerting = true;
        this.#alertedAt = t;
        const event: AlertEvent = {
          type: "alert" as const,
          time: t,
          hits,
          rate: hits / window,
          threshold,
          window,
        };
        this.#activeAlert = event;
        this.#totals.alerts.push(event);
        this.#emit(event);
      }
    } else if (hits <= this.#limit) {
      this.#alerting = false;
      this.#activeAlert = undefined;
      const event: RecoverEvent = {
        type: "recover" as const,
        time: t,
        hits,
        rate: hits / window,
        threshold,
        window,
        duration: t - this.#alertedAt,
      };
      this.#totals.alerts.push(event);
      this.#emit(event);
    }
  }

  /** Reports the interval starting at `start`, whose last second has just been evaluated. */
  #report(start: number): void {
    const stats = this.#open.get(start);
    const counters = this.#invalidSinceReport || this.#lateSinceReport || this.#skewedSinceReport;
    if (stats === undefined && !counters) {
      this.#reportEmpty(1);
      return;
    }
    this.#flushQuiet();
    this.#inEmptyRun = false;
    this.#emitStats(stats ?? this.#stats(start), {});
    this.#nextReport = start + this.#o.interval;
  }

  /** Reports `count` empty intervals from `#nextReport` on: the first is printed, the rest join a run. */
  #reportEmpty(count: number): void {
    const interval = this.#o.interval;
    let start = this.#nextReport;
    if (!this.#reportedAny) {
      this.#nextReport = start + count * interval;
      return;
    }
    if (!this.#inEmptyRun) {
      this.#inEmptyRun = true;
      this.#emitStats(this.#stats(start), {});
      start += interval;
      count--;
    }
    if (count > 0) {
      const quiet = this.#quiet ??= { start, end: start, intervals: 0 };
      quiet.end = start + count * interval;
      quiet.intervals += count;
    }
    this.#nextReport = start + count * interval;
  }

  #skipEmpty(target: number): void {
    const interval = this.#o.interval;
    const lastEnd = alignDown(target + 1, interval);
    if (lastEnd > this.#nextReport) {
      // The interval in progress may still hold invalid or late counts; the rest are empty.
      this.#report(this.#nextReport);
      const count = (lastEnd - this.#nextReport) / interval;
      if (count > 0) this.#reportEmpty(count);
    }
    this.#window!.jumpTo(target);
  }

  #emitStats(
    stats: IntervalStats,
    extra: { end?: number; partial?: boolean; since?: number },
  ): void {
    this.#reportedAny = true;
    if (!this.#trafficReported && stats.hits > 0) {
      // The first interval with traffic covers its seconds from the first request on, not before.
      this.#trafficReported = true;
      if (this.#totals.start > stats.start) extra = { ...extra, since: this.#totals.start };
    }
    this.#open.delete(stats.start);
    this.#totals.merge(stats, this.#keys);
    if (this.#cached === stats) this.#cached = undefined;
    const event = stats.toEvent(this.#o.top, {
      invalid: this.#invalidSinceReport,
      late: this.#lateSinceReport,
      skewed: this.#skewedSinceReport,
      ...extra,
    }, this.#keys);
    // The window's tables keep the interval (or what they no longer need comes back for reuse).
    const reusable = this.#recent ? this.#recent.add(stats) : stats;
    this.#lastStats = event;
    this.#requests?.promote(event.sections);
    // The event holds copies of what it reports: the accumulator can serve a later interval.
    if (reusable !== undefined) this.#spare.push(reusable);
    this.#invalidSinceReport = 0;
    this.#lateSinceReport = 0;
    this.#skewedSinceReport = 0;
    this.#emit(event);
  }

  #flushQuiet(): void {
    const quiet = this.#quiet;
    if (quiet === undefined) return;
    this.#quiet = undefined;
    this.#emit({ type: "quiet", ...quiet });
  }
}

/** A span with nothing in it. */
function emptySpan(start: number, end: number): SpanTables {
  return {
    start,
    end,
    hits: 0,
    bytes: 0,
    sections: [],
    sectionCount: 0,
    clients: [],
    clientCount: 0,
    status: {},
    statusClasses: {},
    methods: {},
    approximate: false,
  };
}

/** The dictionary before any parser provides one: a record that carries ids then is a bug. */
const NO_KEYS: KeyDictionary = {
  host: noKeys,
  method: noKeys,
  section: noKeys,
};

function noKeys(id: number): never {
  throw new Error(`a record carried key id ${id}, but no key dictionary was given to the engine`);
}

/** Start of the interval of length `interval` that holds second `t` (also for negative t). */
function alignDown(t: number, interval: number): number {
  return Math.floor(t / interval) * interval;
}
