/**
 * `monitor --http`: the web server as a sink of the pipeline. Its methods only record what they are
 * given (the latest view, the chart series, the events) and flag the connected clients; all the work of
 * answering browsers happens in the server's own tasks, bounded per client (sse_client.ts), so a slow or
 * stalled browser never slows the reading of the log.
 */
import type { MonitorEvent } from "../../core/events.ts";
import type { RequestCounter } from "../../core/request_counter.ts";
import type { Clock } from "../../clock.ts";
import type { MonitorView, Sink } from "../sink.ts";
import { formatJson } from "../json_format.ts";
import { AlertSpans } from "./alert_spans.ts";
import { EventBuffer, parseEventId, sseMessage } from "./event_buffer.ts";
import { type Backend, handle } from "./handler.ts";
import { type ListenAddress, originOf } from "./listen_address.ts";
import { renderMetrics } from "./metrics.ts";
import { Series } from "./series.ts";
import { SseHub } from "./sse_hub.ts";
import type { SseClient } from "./sse_client.ts";
import { type PageState, pageState } from "./state_json.ts";
import { buildDelta, type DeltaCursor, newCursor } from "./view_delta.ts";

/** How the web server is set up. */
export interface HttpSinkOptions {
  address: ListenAddress;
  /** Bearer token every request must carry (--http-token / MONILOG_HTTP_TOKEN). */
  token?: string;
  clock: Clock;
  /** The engine's per-request counters, for /metrics (see RequestCounter). */
  requests?: RequestCounter;
  /** Comment lines keep idle streams open through proxies, ms (default 15 s). */
  heartbeatMs?: number;
  /** Chart points kept (default SERIES_CAPACITY). */
  seriesCapacity?: number;
  /** Bytes of events a client may have waiting before it is dropped (default 1 MiB). */
  maxQueueBytes?: number;
  /**
   * Called once when the run's summary has come and a view says the input ended: the replay is
   * done and the page shows all of it. (Not on a failed read, which ends with no summary.)
   */
  onInputEnd?: () => void;
}

/** Raised when the server cannot listen: the message names the address and the reason. */
export class ListenError extends Error {}

/** The web server. */
export class HttpSink implements Sink {
  readonly name = "web server";
  readonly output = true;
  readonly token: string | undefined;
  readonly #requests: RequestCounter | undefined;
  readonly #series: Series;
  readonly #spans = new AlertSpans();
  readonly #buffer = new EventBuffer();
  readonly #hub: SseHub;
  #view: MonitorView | undefined;
  #state: PageState | undefined;
  #seriesCache: { key: string; json: string } | undefined;
  #ended = false;
  #inputEnded = false;
  #summarised = false;
  readonly #onInputEnd: (() => void) | undefined;
  #closed = false;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  #address: ListenAddress;
  readonly #stopHeartbeat: () => void;
  readonly #clock: Clock;

  /**
   * Starts listening (Deno.serve binds at once); throws ListenError when the address cannot be had,
   * so the run stops before it reads anything.
   */
  constructor(options: HttpSinkOptions) {
    this.token = options.token;
    this.#clock = options.clock;
    this.#onInputEnd = options.onInputEnd;
    this.#requests = options.requests;
    this.#address = options.address;
    this.#series = new Series(options.seriesCapacity);
    this.#hub = new SseHub({
      buffer: this.#buffer,
      render: (client) => this.#renderView(client),
      maxQueueBytes: options.maxQueueBytes,
    });
    this.#server = this.#listen(options.address);
    this.#address = { hostname: this.#server.addr.hostname, port: this.#server.addr.port };
    this.#stopHeartbeat = options.clock.every(
      options.heartbeatMs ?? 15_000,
      () => this.#hub.broadcast(": ping\n\n"),
    );
  }

  /** The address listened on (the port the system chose, for port 0). */
  get address(): ListenAddress {
    return this.#address;
  }

  /** `http://host:port`. */
  get url(): string {
    return originOf(this.#address);
  }

  /** Browsers connected to /events. */
  get clients(): number {
    return this.#hub.size;
  }

  event(event: MonitorEvent): void {
    this.#spans.add(event);
    if (event.type === "summary") {
      this.#ended = true;
      this.#summarised = true;
    }
    const id = this.#buffer.nextId(eventSecond(event));
    const message = sseMessage(event.type, formatJson(event), id);
    this.#buffer.push({ id, message });
    this.#hub.broadcast(message);
  }

  view(view: MonitorView): void {
    this.#view = view;
    this.#state = undefined;
    if (view.source.ended) this.#ended = true;
    if (view.source.ended && this.#summarised && !this.#inputEnded) {
      this.#inputEnded = true;
      this.#onInputEnd?.();
    }
    this.#hub.viewChanged();
  }

  second(time: number, hits: number, windowHits: number): void {
    this.#series.add(time, hits, windowHits);
  }

  async close(deadlineMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopHeartbeat();
    this.#hub.close();
    const server = this.#server;
    // Open streams are closed above; a browser that does not take its last bytes is not waited for.
    const stop = new AbortController();
    await Promise.race([server.shutdown(), this.#clock.sleep(deadlineMs, stop.signal)]);
    stop.abort();
  }

  #listen(address: ListenAddress): Deno.HttpServer<Deno.NetAddr> {
    const backend = this.#backend();
    try {
      return Deno.serve({
        hostname: address.hostname,
        port: address.port,
        // Deno would print "Listening on …" to stdout, which belongs to the reports.
        onListen: () => {},
        onError: () => new Response("internal error\n", { status: 500 }),
      }, (request) => handle(request, backend));
    } catch (err) {
      throw new ListenError(
        `Cannot listen on ${originOf(address).slice(7)} for --http: ${listenReason(err)}`,
      );
    }
  }

  #backend(): Backend {
    return {
      token: this.token,
      stateJson: () => {
        const s = this.#pageState();
        return s === undefined ? undefined : JSON.stringify(s);
      },
      seriesJson: () =>
        JSON.stringify({
          generation: this.#series.generation,
          series: this.#series.data(),
          spans: this.#spans.list(),
        }),
      metricsText: () =>
        this.#view === undefined ? undefined : renderMetrics(this.#view, this.#requests),
      reading: () => !this.#ended && !this.#closed,
      connect: (lastEventId: string | null) => this.#hub.connect(parseEventId(lastEventId)),
    };
  }

  /** `/api/series`, built once per change of the series (several pages may ask at once). */
  #seriesJson(): string {
    const key =
      `${this.#series.generation}/${this.#series.length}/${this.#series.end}/${this.#spans.version}`;
    if (this.#seriesCache?.key !== key) {
      this.#seriesCache = {
        key,
        json: `{"generation":${this.#series.generation},"series":${this.#series.json()},` +
          `"spans":${JSON.stringify(this.#spans.list())}}`,
      };
    }
    return this.#seriesCache.json;
  }

  #pageState(): PageState | undefined {
    if (this.#view === undefined) return undefined;
    return this.#state ??= pageState(this.#view);
  }

  /** A client's next view message: the whole state first, deltas after. */
  #renderView(client: SseClient): string | undefined {
    const state = this.#pageState();
    if (state === undefined) return undefined;
    if (client.cursor === undefined) {
      client.cursor = newCursor(state, this.#series.length, this.#series.generation);
      return sseMessage("state", JSON.stringify(state));
    }
    const { delta, more } = buildDelta(client.cursor as DeltaCursor, state, this.#series);
    // The tables that did not fit go in the next update, as soon as this one is taken.
    if (more) queueMicrotask(() => client.viewChanged());
    return sseMessage("view", JSON.stringify(delta));
  }
}

/** The log second an event belongs to, for its SSE id. */
function eventSecond(e: MonitorEvent): number {
  switch (e.type) {
    case "alert":
    case "recover":
      return e.time;
    default:
      return e.end - 1;
  }
}

function listenReason(err: unknown): string {
  if (err instanceof Deno.errors.AddrInUse) return "the address is already in use";
  if (err instanceof Deno.errors.AddrNotAvailable) return "no such address on this machine";
  if (err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.NotCapable) {
    return "permission denied";
  }
  return err instanceof Error ? err.message.split("\n")[0] : String(err);
}
