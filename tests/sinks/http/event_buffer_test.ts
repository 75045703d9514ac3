import { deepEqual, equal } from "node:assert/strict";
import {
  EventBuffer,
  formatEventId,
  parseEventId,
  sseMessage,
} from "../../../src/sinks/http/event_buffer.ts";

function fill(buffer: EventBuffer, seconds: number[]) {
  for (const s of seconds) {
    const id = buffer.nextId(s);
    buffer.push({ id, message: sseMessage("x", String(s), id) });
  }
}

Deno.test("EventBuffer.nextId() gives the log second, with a sequence when a second repeats", () => {
  const b = new EventBuffer();
  const ids = [10, 10, 12, 11, 13].map((s) => formatEventId(b.nextId(s)));
  // An event naming an earlier second than the last one keeps the order.
  deepEqual(ids, ["10", "10.1", "12", "12.1", "13"]);
});

Deno.test("parseEventId() reads our ids and nothing else", () => {
  deepEqual(parseEventId("1549573956"), { second: 1549573956, seq: 0 });
  deepEqual(parseEventId("1549573956.2"), { second: 1549573956, seq: 2 });
  equal(parseEventId(null), undefined);
  for (const bad of ["", "abc", "1e9", "1.2.3", "<script>", "9".repeat(30)]) {
    equal(parseEventId(bad), undefined, bad);
  }
});

Deno.test("EventBuffer.since() returns what came after an id, oldest first", () => {
  const b = new EventBuffer();
  fill(b, [1, 1, 2, 5]);
  const after = (id: string) => b.since(parseEventId(id)).events.map((e) => formatEventId(e.id));
  deepEqual(after("1"), ["1.1", "2", "5"]);
  deepEqual(after("1.1"), ["2", "5"]);
  deepEqual(after("3"), ["5"]);
  deepEqual(after("5"), []);
  equal(b.since(parseEventId("0")).complete, true);
});

Deno.test("EventBuffer drops the oldest past its bounds and says a resume is incomplete", () => {
  const b = new EventBuffer({ maxEvents: 3 });
  fill(b, [1, 2, 3, 4, 5]);
  equal(b.size, 3);
  const { events, complete } = b.since(parseEventId("1"));
  deepEqual(events.map((e) => e.id.second), [3, 4, 5]);
  equal(complete, false);
  equal(b.since(parseEventId("2")).complete, true);
  const bytes = new EventBuffer({ maxBytes: 100 });
  fill(bytes, Array.from({ length: 50 }, (_, i) => i));
  equal(bytes.size < 10, true);
});

Deno.test("sseMessage() puts each line of a payload on its own data line", () => {
  equal(sseMessage("view", "a\nb"), "event: view\ndata: a\ndata: b\n\n");
  equal(sseMessage("alert", "{}", { second: 7, seq: 0 }), "event: alert\nid: 7\ndata: {}\n\n");
});
