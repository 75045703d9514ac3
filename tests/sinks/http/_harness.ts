/**
 * A web server driven by a real MonitorEngine, without the CLI: records go in by hand, views are taken
 * from the engine as the fan-out would. For tests of the sink on its own.
 */
import {
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  MonitorEngine,
} from "../../../src/core/engine.ts";
import type { MonitorEvent } from "../../../src/core/events.ts";
import { RequestCounter } from "../../../src/core/request_counter.ts";
import { newRecord } from "../../../src/record.ts";
import { systemClock } from "../../../src/clock.ts";
import { HttpSink, type HttpSinkOptions } from "../../../src/sinks/http/http_sink.ts";
import type { SourceView } from "../../../src/sinks/sink.ts";
import { loadSketches } from "../../../src/core/sketches.ts";

// Response-time sketches are loaded by the wiring for runs that need them; here, by hand.
await loadSketches();

/** A record's fields, all optional. */
export interface Hit {
  section?: string;
  path?: string;
  host?: string;
  status?: number;
  method?: string;
  bytes?: number;
  duration?: number;
}

/** An engine wired to a listening HttpSink. */
export class Harness {
  readonly events: Array<{ event: MonitorEvent; at: number }> = [];
  readonly source: SourceView = {
    files: ["/tmp/access.log"],
    format: "clf",
    mode: "follow",
    lines: 0,
    bytes: 0,
    bytesTotal: undefined,
    linesPerSecond: 0,
    startedAt: Date.now(),
    ended: false,
    notices: {
      waiting: 0,
      opened: 1,
      rotated: 0,
      truncated: 0,
      missing: 0,
      oversized: 0,
      draining: 0,
    },
  };
  readonly engine: MonitorEngine;
  readonly requests = new RequestCounter(50);
  sink!: HttpSink;
  readonly #record = newRecord();

  private constructor(options: EngineOptions) {
    this.engine = new MonitorEngine(options, (event) => {
      this.events.push({ event, at: performance.now() });
      this.sink.event(event);
    }, {
      windowTables: true,
      requests: this.requests,
      onSecond: (t, h, w) => this.sink.second(t, h, w),
    });
  }

  /** Starts one on a free loopback port. */
  static start(
    engine: Partial<EngineOptions> = {},
    sink: Partial<HttpSinkOptions> = {},
  ): Harness {
    const h = new Harness({ ...DEFAULT_ENGINE_OPTIONS, ...engine });
    h.sink = new HttpSink({
      address: { hostname: "127.0.0.1", port: 0 },
      clock: systemClock,
      requests: h.requests,
      ...sink,
    });
    return h;
  }

  get url(): string {
    return this.sink.url;
  }

  /** Counts `n` requests stamped `time`. */
  add(time: number, n = 1, hit: Hit = {}): void {
    const r = this.#record;
    for (let i = 0; i < n; i++) {
      r.time = time;
      r.path = hit.path ?? hit.section ?? "/api/user";
      r.section = hit.section ?? "/api";
      r.host = hit.host ?? `10.0.0.${i % 7}`;
      r.status = hit.status ?? 200;
      r.method = hit.method ?? "GET";
      r.bytes = hit.bytes ?? 100;
      r.duration = hit.duration ?? NaN;
      this.engine.add(r);
      this.source.lines++;
      this.source.bytes += 80;
    }
  }

  /** Hands the sink a view of the engine now. */
  view(): void {
    this.sink.view({ wallMs: Date.now(), source: { ...this.source }, engine: this.engine.view() });
  }

  async close(): Promise<void> {
    await this.sink.close(1000);
  }
}
