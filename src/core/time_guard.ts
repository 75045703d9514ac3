/**
 * Timestamps that cannot be trusted (spec §5): a line stamped further from the log's time than the
 * window (plus the late allowance) is held here instead of moving log time, until the lines after it
 * tell what it is:
 * - a **lone outlier** (a server whose clock was reset, a line stamped 2100 or 1970): lines near the
 *   log's time keep coming — `SUPPORT` of them after it — so it is *skewed*: counted on its own and
 *   kept out of windows and intervals;
 * - a **sustained jump**: `SUPPORT` held lines agree — forward (a genuine quiet gap, or a clock put
 *   forward: log time simply moves there) or back within the window of each other (a clock put back:
 *   log time re-bases there).
 * The decision depends on the lines alone, never on the machine clock, so a replay gives exactly the
 * events that following gave. Held lines are copies: parsers reuse their records.
 */
import type { LogRecord } from "../record.ts";
import { num, type TimeGuardState, unnum } from "./part_state.ts";

/** Lines that settle what a held line is. */
export const SUPPORT = 3;
/** Lines held at most; beyond, the oldest is taken for skewed (memory stays bounded). */
const MAX_HELD = 64;

/** A line held while its time is in doubt. */
export interface HeldLine {
  record: LogRecord;
  wallMs: number;
  /** Its line number in the input (0 when unknown). */
  line: number;
}

/** What to do with the held lines. */
export interface GuardDecision {
  /** Lines whose time was wrong. */
  skewed: HeldLine[];
  /** Lines to count, in this order. */
  accept: HeldLine[];
  /** Log time goes back: re-base it to this second before counting `accept`. */
  rebaseTo?: number;
}

/** Holds far-stamped lines and decides what they are. */
export class TimeGuard {
  #held: HeldLine[] = [];
  /** Lines near the log's time counted since the first held one. */
  #normal = 0;

  /** Creates a guard for which "far" is more than `far` seconds from the log's time. */
  constructor(readonly far: number) {}

  /** True while lines are held. */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  /** Holds a far-stamped line (a copy); returns a decision once the held lines settle it. */
  hold(
    record: LogRecord,
    wallMs: number,
    line: number,
    reference: number,
  ): GuardDecision | undefined {
    if (this.#held.length === 0) this.#normal = 0;
    this.#held.push({ record: copyRecord(record), wallMs, line });
    const dropped = this.#held.length > MAX_HELD ? [this.#held.shift()!] : [];
    const decision = this.#sustained(reference);
    if (decision !== undefined) decision.skewed.unshift(...dropped);
    else if (dropped.length > 0) return { skewed: dropped, accept: [] };
    return decision;
  }

  /** A line near the log's time was counted; returns the held lines it shows were skewed, if any. */
  normal(): HeldLine[] {
    if (++this.#normal < SUPPORT) return [];
    return this.#take();
  }

  /**
   * End of input: held lines that nothing followed are a forward move the log ended on, and counted;
   * those that lines near the log's time followed are skewed.
   */
  finish(reference: number): GuardDecision {
    if (this.#held.length === 0) return { skewed: [], accept: [] };
    if (this.#normal === 0 && this.#held.every((h) => h.record.time > reference)) {
      return forward(this.#take(), this.far);
    }
    return { skewed: this.#take(), accept: [] };
  }

  /** The held lines as plain data (a checkpoint). */
  toState(): TimeGuardState {
    return {
      held: this.#held.map((h) => ({
        record: { ...h.record, duration: num(h.record.duration) },
        wallMs: h.wallMs,
        line: h.line,
      })),
      normal: this.#normal,
    };
  }

  /** Takes the held lines of a checkpoint (on an empty guard), their arrivals moved by `shiftMs`. */
  load(state: TimeGuardState, shiftMs = 0): void {
    this.#held = state.held.map((h) => ({
      record: { ...h.record, duration: unnum(h.record.duration) },
      wallMs: h.wallMs + shiftMs,
      line: h.line,
    }));
    this.#normal = state.normal;
  }

  #take(): HeldLine[] {
    const held = this.#held;
    this.#held = [];
    this.#normal = 0;
    return held;
  }

  /** A decision when the held lines agree on a new time, else undefined. */
  #sustained(reference: number): GuardDecision | undefined {
    const held = this.#held;
    if (held.length < SUPPORT) return undefined;
    if (held.every((h) => h.record.time > reference)) return forward(this.#take(), this.far);
    // Back: the newest held line and those within `far` of it, all before the log's time.
    const last = held[held.length - 1].record.time;
    if (last >= reference) return undefined;
    const group = held.filter((h) =>
      h.record.time < reference && Math.abs(h.record.time - last) <= this.far
    );
    if (group.length < SUPPORT) return undefined;
    const all = this.#take();
    return {
      skewed: all.filter((h) => !group.includes(h)),
      accept: group,
      rebaseTo: Math.min(...group.map((h) => h.record.time)),
    };
  }
}

/**
 * Forward-held lines accepted in their order, but for one far ahead of every line after it (a stray
 * 2100 line before a genuine gap): that one is skewed.
 */
function forward(held: HeldLine[], far: number): GuardDecision {
  const skewed: HeldLine[] = [];
  const accept: HeldLine[] = [];
  let laterMax = -Infinity;
  const ahead = new Array<boolean>(held.length);
  for (let i = held.length - 1; i >= 0; i--) {
    ahead[i] = i < held.length - 1 && held[i].record.time > laterMax + far;
    laterMax = Math.max(laterMax, held[i].record.time);
  }
  held.forEach((h, i) => (ahead[i] ? skewed : accept).push(h));
  return { skewed, accept };
}

/** A copy of the fields of `r` (a parser's reused record, whose path may be decoded lazily). */
function copyRecord(r: LogRecord): LogRecord {
  return {
    time: r.time,
    host: r.host,
    vhost: r.vhost,
    file: r.file,
    user: r.user,
    method: r.method,
    path: r.path,
    section: r.section,
    status: r.status,
    bytes: r.bytes,
    duration: r.duration,
    hostId: r.hostId,
    methodId: r.methodId,
    sectionId: r.sectionId,
  };
}
