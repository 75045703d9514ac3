/**
 * Per-request counters for the metrics endpoint (spec §7): requests by section × status class × method,
 * bytes by section and a response-time histogram. Prometheus counters must only go up and the number of
 * series must stay bounded whatever the log holds, so:
 *
 * - a section gets its own series once it is among the heaviest of a reported interval (the engine
 *   calls `promote` at each report) while slots remain, up to `sections`; until then, and for every
 *   section after the slots are gone, its requests count under `section="other"`. A series never
 *   moves between sections, so no counter ever goes down.
 * - methods are the nine of RFC 9110 and PATCH; anything else counts as "other".
 *
 * The engine creates none of this unless metrics are served: each record then costs two typed-array
 * look-ups (section and method slots, cached by key id) and a few increments.
 */
import type { LogRecord } from "../record.ts";
import type { Ranked } from "./events.ts";
import type { KeyDictionary } from "./key_dictionary.ts";

/** The methods that get their own series; the last column is "other". */
export const COUNTED_METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "CONNECT",
  "OPTIONS",
  "TRACE",
  "PATCH",
] as const;
/** Status classes, in the order of the counters' second axis. */
export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx", "other"] as const;
/** Upper bounds (seconds) of the response-time histogram's buckets, +Inf implied. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const METHODS = COUNTED_METHODS.length + 1;
const CLASSES = STATUS_CLASSES.length;
/** Cache entry meaning "not looked up since the last promotion". */
const UNKNOWN = -1;

/** One series of `monilog_http_requests_total`. */
export interface RequestSeries {
  section: string;
  statusClass: string;
  method: string;
  value: number;
}

/** Counts requests for the metrics endpoint in bounded memory. */
export class RequestCounter {
  /** Sections with their own series, in the order they got them; slot `names.length` is "other". */
  readonly #names: string[] = [];
  readonly #slotOf = new Map<string, number>();
  readonly #maxSections: number;
  /** counts[(sectionSlot * CLASSES + class) * METHODS + method]. */
  readonly #counts: Float64Array;
  readonly #bytes: Float64Array;
  /** Section slot by section key id (UNKNOWN when not resolved since the last promotion). */
  #sectionCache = new Int32Array(256).fill(UNKNOWN);
  #methodCache = new Int32Array(64).fill(UNKNOWN);
  readonly #durations = new Float64Array(DURATION_BUCKETS.length + 1);
  #durationSum = 0;
  #durationCount = 0;

  /** Gives at most `sections` sections a series of their own; the rest share "other". */
  constructor(sections: number) {
    this.#maxSections = sections;
    this.#counts = new Float64Array((sections + 1) * CLASSES * METHODS);
    this.#bytes = new Float64Array(sections + 1);
  }

  /** Counts one record (ids named by `keys`). */
  add(record: LogRecord, keys: KeyDictionary): void {
    const section = this.#sectionSlot(record, keys);
    const s = record.status;
    const c = s >= 200 && s < 600 ? ((s / 100) | 0) - 2 : 4;
    const m = this.#methodSlot(record, keys);
    this.#counts[(section * CLASSES + c) * METHODS + m]++;
    this.#bytes[section] += record.bytes;
    const d = record.duration;
    if (d === d) {
      let b = 0;
      while (b < DURATION_BUCKETS.length && d > DURATION_BUCKETS[b]) b++;
      this.#durations[b]++;
      this.#durationSum += d;
      this.#durationCount++;
    }
  }

  /** Gives the heaviest sections of a reported interval their own series while slots remain. */
  promote(sections: Ranked[]): void {
    let changed = false;
    for (const { key } of sections) {
      if (this.#names.length >= this.#maxSections) break;
      if (this.#slotOf.has(key)) continue;
      this.#slotOf.set(key, this.#names.length);
      this.#names.push(key);
      changed = true;
    }
    // Ids cached as "other" may now have a slot of their own.
    if (changed) this.#sectionCache.fill(UNKNOWN);
  }

  /** Every non-zero series of requests, sections in slot order then "other". */
  requests(): RequestSeries[] {
    const out: RequestSeries[] = [];
    for (let s = 0; s <= this.#names.length; s++) {
      const section = s < this.#names.length ? this.#names[s] : "other";
      const slot = s < this.#names.length ? s : this.#maxSections;
      for (let c = 0; c < CLASSES; c++) {
        for (let m = 0; m < METHODS; m++) {
          const value = this.#counts[(slot * CLASSES + c) * METHODS + m];
          if (value === 0) continue;
          out.push({
            section,
            statusClass: STATUS_CLASSES[c],
            method: m < COUNTED_METHODS.length ? COUNTED_METHODS[m] : "other",
            value,
          });
        }
      }
    }
    return out;
  }

  /** Bytes by section (non-zero ones), "other" last. */
  bytes(): Array<{ section: string; value: number }> {
    const out = this.#names.map((section, s) => ({ section, value: this.#bytes[s] }));
    out.push({ section: "other", value: this.#bytes[this.#maxSections] });
    return out.filter((r) => r.value > 0);
  }

  /** The response-time histogram: counts per bucket (not cumulative, +Inf last), sum and count. */
  durations(): { buckets: number[]; sum: number; count: number } {
    return { buckets: [...this.#durations], sum: this.#durationSum, count: this.#durationCount };
  }

  #sectionSlot(record: LogRecord, keys: KeyDictionary): number {
    const id = record.sectionId;
    if (id < 0) return this.#slotOf.get(record.section) ?? this.#maxSections;
    let cache = this.#sectionCache;
    if (id >= cache.length) cache = this.#sectionCache = grow(cache, id);
    let slot = cache[id];
    if (slot === UNKNOWN) {
      slot = cache[id] = this.#slotOf.get(keys.section(id)) ?? this.#maxSections;
    }
    return slot;
  }

  #methodSlot(record: LogRecord, keys: KeyDictionary): number {
    const id = record.methodId;
    if (id < 0) return methodIndex(record.method);
    let cache = this.#methodCache;
    if (id >= cache.length) cache = this.#methodCache = grow(cache, id);
    let slot = cache[id];
    if (slot === UNKNOWN) slot = cache[id] = methodIndex(keys.method(id));
    return slot;
  }
}

function methodIndex(method: string): number {
  const i = (COUNTED_METHODS as readonly string[]).indexOf(method);
  return i < 0 ? COUNTED_METHODS.length : i;
}

function grow(cache: Int32Array, id: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(cache.length * 2, id + 1)).fill(UNKNOWN);
  next.set(cache);
  return next;
}
