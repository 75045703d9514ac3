/** Reads a Server-Sent Events response as the browser would, for tests. */

/** One message. */
export interface SseMessage {
  event: string;
  id: string | undefined;
  data: string;
  /** performance.now() when it was parsed. */
  at: number;
}

/** Collects the messages of one `/events` connection. */
export class SseReader {
  readonly messages: SseMessage[] = [];
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #done: Promise<void>;

  private constructor(readonly response: Response) {
    this.#reader = response.body!.getReader();
    this.#done = this.#pump();
  }

  /** Connects to `url`, with optional headers (Last-Event-ID, Authorization). */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers } });
    if (res.status !== 200) throw new Error(`/events answered ${res.status}`);
    return new SseReader(res);
  }

  /** Waits for a message matching `predicate`, or fails after `timeoutMs`. */
  async waitFor(
    what: string,
    predicate: (m: SseMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<SseMessage> {
    const deadline = performance.now() + timeoutMs;
    while (true) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (performance.now() > deadline) {
        const last = this.messages.slice(-5).map((m) => `${m.event} ${m.data.slice(0, 80)}`);
        throw new Error(
          `timed out waiting for ${what}; got ${this.messages.length} messages, last: ${last}`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Messages of one event type. */
  of(event: string): SseMessage[] {
    return this.messages.filter((m) => m.event === event);
  }

  async close(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
    await this.#done;
  }

  async #pump(): Promise<void> {
    const decoder = new TextDecoder();
    let rest = "";
    try {
      while (true) {
        const { value, done } = await this.#reader.read();
        if (done) break;
        rest += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = rest.indexOf("\n\n")) >= 0) {
          const block = rest.slice(0, end);
          rest = rest.slice(end + 2);
          this.#parse(block);
        }
      }
    } catch {
      // Cancelled.
    }
  }

  #parse(block: string): void {
    let event = "message";
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) {
      this.messages.push({ event, id, data: data.join("\n"), at: performance.now() });
    }
  }
}
