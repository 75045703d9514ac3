/**
 * A small HTTP server on loopback for receiver tests: it records every request (time, path, headers,
 * body) and answers each with what the test's `answer` function says (200 by default), so a test can
 * play a receiver that is down for a while, rate-limits, or is fine.
 */

/** One request the server received. */
export interface RecordedRequest {
  /** Machine time it arrived, ms. */
  at: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The status it was answered with. */
  status: number;
}

/** What to answer: a status and headers; status 0 never answers (until the server closes). */
export type Answer = { status: number; headers?: Record<string, string> };

/** A recording HTTP server. */
export class HttpRecorder {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #closing = Promise.withResolvers<void>();

  constructor(
    answer: (request: RecordedRequest, index: number) => Answer = () => ({ status: 200 }),
  ) {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      async (req) => {
        const recorded: RecordedRequest = {
          at: Date.now(),
          method: req.method,
          path: new URL(req.url).pathname,
          headers: Object.fromEntries(req.headers),
          body: await req.text(),
          status: 0,
        };
        const a = answer(recorded, this.requests.length);
        recorded.status = a.status;
        this.requests.push(recorded);
        if (a.status === 0) {
          await this.#closing.promise;
          return new Response("closing", { status: 503 });
        }
        return new Response(a.status === 200 ? "ok" : "no", {
          status: a.status,
          headers: a.headers,
        });
      },
    );
  }

  /** The server's base URL, `http://127.0.0.1:PORT`. */
  get url(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Bodies of the requests answered 2xx, parsed as JSON. */
  accepted(): unknown[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300).map((r) =>
      JSON.parse(r.body)
    );
  }

  /** Waits until `predicate` holds, or fails after `timeoutMs`. */
  async waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; requests: ${
            JSON.stringify(this.requests.map((r) => [r.path, r.status, r.body.slice(0, 200)]))
          }`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.#closing.resolve();
    await this.#server.shutdown();
  }
}
