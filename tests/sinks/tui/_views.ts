/**
 * Views of the dashboard's test cases, made by a real MonitorEngine fed with records (no hand-made
 * view objects): normal traffic, an active alert, after the recovery, an empty log, a log with
 * response times, and sections holding an escape sequence or wide and combining characters.
 */
import { DEFAULT_ENGINE_OPTIONS, MonitorEngine } from "../../../src/core/engine.ts";
import { newRecord } from "../../../src/record.ts";
import type { MonitorView, SourceView } from "../../../src/sinks/sink.ts";
import { loadSketches } from "../../../src/core/sketches.ts";

// Response-time sketches are loaded by the wiring for runs that need them; here, by hand.
await loadSketches();

/** 2026-11-24T08:30:00Z. */
export const T0 = 1_795_509_000;

/** A source view for a followed Combined log. */
export function sourceView(extra: Partial<SourceView> = {}): SourceView {
  return {
    files: ["/var/log/nginx/access.log"],
    format: "combined",
    mode: "follow",
    lines: 0,
    bytes: 0,
    bytesTotal: undefined,
    linesPerSecond: 42,
    startedAt: T0 * 1000,
    ended: false,
    notices: {
      waiting: 0,
      opened: 0,
      rotated: 0,
      truncated: 0,
      missing: 0,
      oversized: 0,
      draining: 0,
    },
    ...extra,
  };
}

const SECTIONS = ["/api", "/", "/static", "/images", "/account", "/products", "/search"];
const STATUSES = [200, 200, 200, 200, 200, 200, 301, 404, 500, 201];
const METHODS = ["GET", "GET", "GET", "GET", "POST", "HEAD", "PUT"];

/** Feeds `rates[i]` requests a second for `seconds[i]` seconds, from T0; returns the view. */
export function trafficView(
  phases: Array<[rate: number, seconds: number]>,
  options: {
    latency?: boolean;
    sections?: string[];
    source?: Partial<SourceView>;
    threshold?: number;
    /** A line stamped in 2100 after this many lines: a lone outlier (spec §5), counted as skewed. */
    outlierAfter?: number;
  } = {},
): MonitorView {
  const engine = new MonitorEngine(
    { ...DEFAULT_ENGINE_OPTIONS, threshold: options.threshold ?? 10 },
    () => {},
    { windowTables: true },
  );
  const r = newRecord();
  const sections = options.sections ?? SECTIONS;
  let t = T0, n = 0;
  for (const [rate, seconds] of phases) {
    for (let s = 0; s < seconds; s++, t++) {
      for (let i = 0; i < rate; i++, n++) {
        r.time = t;
        r.section = sections[(n * 7 + (n >> 3)) % sections.length];
        r.path = r.section;
        r.host = `10.0.${n % 5}.${(n * 13) % 250}`;
        r.status = STATUSES[n % STATUSES.length];
        r.method = METHODS[n % METHODS.length];
        r.bytes = 500 + (n % 900);
        r.duration = options.latency ? 0.005 + ((n * 37) % 400) / 1000 : NaN;
        engine.add(r);
        if (n === options.outlierAfter) {
          r.time = 4_102_444_800;
          engine.add(r);
          r.time = t;
        }
      }
    }
  }
  return {
    wallMs: T0 * 1000,
    source: sourceView({ lines: n, ...options.source }),
    engine: engine.view(),
  };
}

/** The cases every size is drawn for. */
export function cases(): Record<string, MonitorView> {
  return {
    normal: trafficView([[6, 200]]),
    alert: trafficView([[6, 150], [25, 60]]),
    recovered: trafficView([[6, 100], [25, 60], [2, 200]]),
    empty: {
      wallMs: T0 * 1000,
      source: sourceView({ format: undefined, linesPerSecond: 0 }),
      engine: new MonitorEngine(DEFAULT_ENGINE_OPTIONS, () => {}, { windowTables: true }).view(),
    },
    latency: trafficView([[8, 200]], { latency: true, source: { format: "json" } }),
    escape: trafficView([[6, 200]], {
      sections: ["/\x1b[31mred\x1b[0m", "/api", "/\x07bell\u202eevil"],
    }),
    wide: trafficView([[6, 200]], {
      sections: ["/日本語のページ", "/café\u0301s", "/👍🏽emoji👨‍👩‍👧", "/api", "/🇫🇷drapeau"],
    }),
  };
}
