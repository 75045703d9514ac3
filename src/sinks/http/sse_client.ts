/**
 * One browser on `/events`. Its stream is pulled by the HTTP server as fast as the socket takes it; what
 * waits is bounded: §4 events queue up to `maxQueueBytes` (past that the client is dropped, and its
 * EventSource reconnects with Last-Event-ID and resumes from the replay buffer), while view updates never
 * queue — a client only holds a "view is due" flag, and the delta is built when its socket can take it,
 * covering all it missed. So a stalled browser costs a bounded amount of memory and no work per view.
 */

/** Builds a client's next view message (undefined: nothing to send). */
export type ViewRenderer = (client: SseClient) => string | undefined;

const encoder = new TextEncoder();

/** A connected `/events` client. */
export class SseClient {
  readonly stream: ReadableStream<Uint8Array>;
  /** Per-client state of the view renderer (the delta cursor). */
  cursor: unknown;
  readonly #queue: string[] = [];
  #queuedBytes = 0;
  #viewDue = false;
  #closed = false;
  #wake: (() => void) | undefined;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  readonly #maxQueueBytes: number;
  readonly #render: ViewRenderer;
  readonly #onGone: (client: SseClient) => void;

  constructor(options: {
    render: ViewRenderer;
    onGone: (client: SseClient) => void;
    maxQueueBytes: number;
    /** Sent first, uncounted (the reconnect catch-up may be larger than the steady bound). */
    initial: string[];
  }) {
    this.#render = options.render;
    this.#onGone = options.onGone;
    this.#maxQueueBytes = options.maxQueueBytes;
    this.#queue.push(...options.initial);
    this.#viewDue = true;
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      pull: (controller) => this.#pull(controller),
      cancel: () => this.close(),
    });
  }

  /** True once closed (by the server, for slowness, or by the browser going away). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Bytes of §4 events waiting for the socket. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Queues a message; drops the client if too much is already waiting. */
  push(message: string): void {
    if (this.#closed) return;
    this.#queue.push(message);
    this.#queuedBytes += message.length;
    if (this.#queuedBytes > this.#maxQueueBytes) {
      this.close();
      return;
    }
    this.#notify();
  }

  /** Says a newer view is there: the next pull sends the delta to it. */
  viewChanged(): void {
    if (this.#closed) return;
    this.#viewDue = true;
    this.#notify();
  }

  /** Ends the stream (what was enqueued already still goes out). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    try {
      this.#controller?.close();
    } catch {
      // Already closed or errored by the reader going away.
    }
    this.#notify();
    this.#onGone(this);
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    while (!this.#closed) {
      if (this.#queue.length > 0) {
        const text = this.#queue.join("");
        this.#queue.length = 0;
        this.#queuedBytes = 0;
        controller.enqueue(encoder.encode(text));
        return;
      }
      if (this.#viewDue) {
        this.#viewDue = false;
        const message = this.#render(this);
        if (message !== undefined) {
          controller.enqueue(encoder.encode(message));
          return;
        }
        continue;
      }
      await new Promise<void>((resolve) => this.#wake = resolve);
    }
  }
}
