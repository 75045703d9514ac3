/**
 * The `/events` side of the web server: the replay buffer and the connected clients. A §4 event is
 * formatted once, kept in the buffer and handed to every client's bounded queue; a view only flags the
 * clients (sse_client.ts). Nothing here waits on a client.
 */
import { type EventBuffer, type EventId, sseMessage } from "./event_buffer.ts";
import { SseClient, type ViewRenderer } from "./sse_client.ts";

/** How long a browser waits before reconnecting, ms (sent as the SSE `retry` field). */
export const RETRY_MS = 1000;

/** Connected clients and what they are sent. */
export class SseHub {
  readonly #clients = new Set<SseClient>();
  readonly #buffer: EventBuffer;
  readonly #render: ViewRenderer;
  readonly #maxQueueBytes: number;
  #closed = false;

  constructor(options: { buffer: EventBuffer; render: ViewRenderer; maxQueueBytes?: number }) {
    this.#buffer = options.buffer;
    this.#render = options.render;
    this.#maxQueueBytes = options.maxQueueBytes ?? 1024 * 1024;
  }

  /** Clients connected now. */
  get size(): number {
    return this.#clients.size;
  }

  /**
   * A new client. One that resumes (`lastId` from Last-Event-ID) is first sent the events after it that
   * are still in memory, and a `gap` event if some were already dropped; every client then gets the
   * full state as its first view.
   */
  connect(lastId: EventId | undefined): SseClient {
    const initial = [`retry: ${RETRY_MS}\n\n`];
    if (lastId !== undefined) {
      const { events, complete } = this.#buffer.since(lastId);
      if (!complete) initial.push(sseMessage("gap", JSON.stringify({ after: lastId.second })));
      for (const e of events) initial.push(e.message);
    }
    const client = new SseClient({
      render: this.#render,
      onGone: (c) => this.#clients.delete(c),
      maxQueueBytes: this.#maxQueueBytes,
      initial,
    });
    if (this.#closed) client.close();
    else this.#clients.add(client);
    return client;
  }

  /** Sends a formatted message to every client (the buffer is the caller's to fill). */
  broadcast(message: string): void {
    for (const c of this.#clients) c.push(message);
  }

  /** A newer view is there. */
  viewChanged(): void {
    for (const c of this.#clients) c.viewChanged();
  }

  /** Ends every stream; later clients are closed at once. */
  close(): void {
    this.#closed = true;
    for (const c of [...this.#clients]) c.close();
  }
}
