import { deepEqual, equal } from "node:assert/strict";
import { SseClient } from "../../../src/sinks/http/sse_client.ts";

const decoder = new TextDecoder();

function client(options: { maxQueueBytes?: number } = {}) {
  let views = 0;
  const gone: SseClient[] = [];
  const c = new SseClient({
    render: () => `view ${++views}\n`,
    onGone: (x) => gone.push(x),
    maxQueueBytes: options.maxQueueBytes ?? 1000,
    initial: ["hello\n"],
  });
  return { c, gone, views: () => views };
}

Deno.test("SseClient sends the initial messages, then what is queued, then one view", async () => {
  const { c } = client();
  const reader = c.stream.getReader();
  equal(decoder.decode((await reader.read()).value), "hello\n");
  c.push("a\n");
  c.push("b\n");
  c.viewChanged();
  // Events first, batched; then the view.
  equal(decoder.decode((await reader.read()).value), "a\nb\n");
  equal(decoder.decode((await reader.read()).value), "view 1\n");
  await reader.cancel();
});

Deno.test("SseClient collapses views for a client that does not read", async () => {
  const { c, views } = client();
  const reader = c.stream.getReader();
  await reader.read(); // hello
  for (let i = 0; i < 1000; i++) c.viewChanged();
  equal(decoder.decode((await reader.read()).value), "view 1\n");
  // A thousand updates while it was away were built as one.
  equal(views(), 1);
  await reader.cancel();
});

Deno.test("SseClient drops a stalled client past its queue bound, and never blocks the pusher", () => {
  const { c, gone } = client({ maxQueueBytes: 100 });
  // Nobody reads the stream.
  for (let i = 0; i < 20; i++) c.push("0123456789\n");
  equal(c.closed, true);
  deepEqual(gone, [c]);
  equal(c.queuedBytes, 0);
  c.push("more\n"); // ignored, no throw
});

Deno.test("SseClient ends its stream when the reader cancels", async () => {
  const { c, gone } = client();
  const reader = c.stream.getReader();
  await reader.read();
  await reader.cancel();
  equal(c.closed, true);
  equal(gone.length, 1);
});
