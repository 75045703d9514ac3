import { deepEqual, equal, match, ok } from "node:assert/strict";
import { Harness } from "./_harness.ts";
import { SseReader } from "./_sse_reader.ts";

const t0 = 1_700_000_000;
const ROUTES = ["/", "/events", "/api/state", "/api/series", "/metrics", "/healthz", "/nope"];

/** Steady traffic at `perSecond` from second `from` to `to` (exclusive), a view after each second. */
function traffic(h: Harness, from: number, to: number, perSecond: number) {
  for (let s = from; s < to; s++) {
    h.add(t0 + s, perSecond);
    h.view();
  }
}

Deno.test("HttpSink answers 401 on every route without the right token", async () => {
  const h = Harness.start({}, { token: "s3cret" });
  try {
    h.view();
    for (const path of ROUTES) {
      const wrong: Array<Record<string, string>> = [
        {},
        { authorization: "Bearer nope" },
        { cookie: "monilog_token=x" },
      ];
      for (const headers of wrong) {
        const res = await fetch(`${h.url}${path}`, { headers });
        await res.body?.cancel();
        equal(res.status, 401, `${path} ${JSON.stringify(headers)}`);
        equal(res.headers.get("www-authenticate"), 'Bearer realm="monilog"');
      }
      const res = await fetch(`${h.url}${path}?token=nope`);
      await res.body?.cancel();
      equal(res.status, 401, `${path}?token=nope`);
    }
    // The right one opens every route (the page's cookie too).
    for (const path of ROUTES.slice(0, -1)) {
      const right: Array<Record<string, string>> = [
        { authorization: "Bearer s3cret" },
        { cookie: "monilog_token=s3cret" },
      ];
      for (const headers of right) {
        const res = await fetch(`${h.url}${path}`, { headers });
        await res.body?.cancel();
        equal(res.status, 200, path);
      }
    }
    const adopt = await fetch(`${h.url}/?token=s3cret`, { redirect: "manual" });
    equal(adopt.status, 303);
    equal(adopt.headers.get("location"), "/");
    match(
      adopt.headers.get("set-cookie") ?? "",
      /^monilog_token=s3cret; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  } finally {
    await h.close();
  }
});

Deno.test("HttpSink answers only its routes; a bad request gets a 4xx and the server goes on", async () => {
  const h = Harness.start();
  try {
    h.view();
    const statuses: Record<string, number> = {};
    for (
      const [method, path] of [["GET", "/nope"], ["POST", "/"], ["DELETE", "/api/state"], [
        "GET",
        "/api/state/../../etc/passwd",
      ]]
    ) {
      const res = await fetch(`${h.url}${path}`, { method });
      await res.body?.cancel();
      statuses[`${method} ${path}`] = res.status;
    }
    deepEqual(statuses, {
      "GET /nope": 404,
      "POST /": 405,
      "DELETE /api/state": 405,
      "GET /api/state/../../etc/passwd": 404,
    });
    // Garbage on the socket: an error status from the HTTP layer, never a crash.
    for (
      const junk of [
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "\x00\xff\r\n\r\n",
      ]
    ) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: h.sink.address.port });
      await conn.write(new TextEncoder().encode(junk));
      const buf = new Uint8Array(512);
      const n = await conn.read(buf);
      conn.close();
      if (n !== null) match(new TextDecoder().decode(buf.subarray(0, n)), /^HTTP\/1\.1 4\d\d/);
    }
    const head = await fetch(`${h.url}/api/state`, { method: "HEAD" });
    equal(head.status, 200);
    equal(await head.text(), "");
    const res = await fetch(`${h.url}/healthz`);
    equal(await res.text(), "reading\n");
  } finally {
    await h.close();
  }
});

Deno.test("HttpSink /api/state is the view as JSON; /healthz says when the input ended", async () => {
  const h = Harness.start({ threshold: 2, window: 10, interval: 5 });
  try {
    const early = await fetch(`${h.url}/api/state`);
    await early.body?.cancel();
    equal(early.status, 503);
    traffic(h, 0, 30, 3);
    const state = await (await fetch(`${h.url}/api/state`)).json();
    const view = h.engine.view();
    equal(state.window.rate, view.window.rate);
    equal(state.window.hits, view.window.hits);
    deepEqual(state.window.counts, view.window.counts);
    equal(state.alerting, true);
    equal(state.since, view.activeAlert?.time);
    equal(state.run.hits, 90);
    deepEqual(state.tables.window.sections, view.windowTables.sections);
    match(state.alerts[0].text, /^High traffic generated an alert - hits = \d+, triggered at /);
    const series = await (await fetch(`${h.url}/api/series`)).json();
    equal(series.series.hits.reduce((a: number, b: number) => a + b, 0) > 0, true);
    deepEqual(series.spans, [[view.activeAlert?.time, null]]);
    h.source.ended = true;
    h.view();
    const health = await fetch(`${h.url}/healthz`);
    await health.body?.cancel();
    equal(health.status, 503);
  } finally {
    await h.close();
  }
});

Deno.test("HttpSink /events delivers the alert event within 1 s of the engine emitting it", async () => {
  const h = Harness.start({ threshold: 2, window: 10, interval: 5 });
  const sse = await SseReader.open(`${h.url}/events`);
  try {
    traffic(h, 0, 5, 1);
    await sse.waitFor("the state", (m) => m.event === "state");
    const feeding = (async () => {
      for (let s = 5; s < 40; s++) {
        traffic(h, s, s + 1, 5);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const alert = await sse.waitFor("the alert", (m) => m.event === "alert");
    await feeding;
    const emitted = h.events.find((e) => e.event.type === "alert")!;
    const delay = alert.at - emitted.at;
    ok(delay < 1000, `delivered ${delay.toFixed(1)} ms after it was emitted`);
    const data = JSON.parse(alert.data);
    equal(data.type, "alert");
    equal(alert.id, String(data.time));
    // And views kept coming, as deltas.
    ok(sse.of("view").length > 0);
    ok(sse.of("view").every((m) => m.data.length < 2048));
  } finally {
    await sse.close();
    await h.close();
  }
});

Deno.test("HttpSink /events: a reconnect with Last-Event-ID gets the events it missed", async () => {
  const h = Harness.start({ threshold: 2, window: 10, interval: 5 });
  try {
    const first = await SseReader.open(`${h.url}/events`);
    traffic(h, 0, 12, 1);
    const seen = await first.waitFor("a stats event", (m) => m.event === "stats");
    await first.close();
    // While it is away: more intervals, an alert and a recovery.
    traffic(h, 12, 40, 5);
    traffic(h, 40, 80, 1);
    h.view();
    const missed = h.events.map((e) => e.event).filter((e) =>
      e.type !== "stats" || e.end - 1 > Number(seen.id)
    );
    const again = await SseReader.open(`${h.url}/events`, { "last-event-id": seen.id! });
    try {
      await again.waitFor("the recovery", (m) => m.event === "recover");
      await again.waitFor("the state", (m) => m.event === "state");
      const got = again.messages.filter((m) => m.id !== undefined);
      deepEqual(got.map((m) => JSON.parse(m.data).type), missed.map((e) => e.type));
      // In order, each id after the last one.
      for (let i = 1; i < got.length; i++) ok(Number(got[i].id) >= Number(got[i - 1].id));
      ok(Number(got[0].id) > Number(seen.id));
    } finally {
      await again.close();
    }
  } finally {
    await h.close();
  }
});

Deno.test("HttpSink: a stalled browser never blocks the sink, and is dropped when too far behind", async () => {
  // Big events (50 rows a table), so that the socket's buffers (4 MB here) fill and the queue then.
  const h = Harness.start({ threshold: 1000, window: 10, interval: 1, top: 50 }, {
    maxQueueBytes: 512 * 1024,
  });
  // One client that never reads its stream (a bare socket: fetch would buffer for it), one that does.
  const stalled = await Deno.connect({ hostname: "127.0.0.1", port: h.sink.address.port });
  await stalled.write(new TextEncoder().encode("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
  const live = await SseReader.open(`${h.url}/events`);
  try {
    let spent = 0;
    for (let s = 0; s < 2_000; s++) {
      const started = performance.now();
      for (let i = 0; i < 50; i++) {
        h.add(t0 + s, 1, { section: `/s${i}`, host: `10.1.${s % 250}.${i}` });
      }
      h.view();
      spent += performance.now() - started;
      // The pipeline hands over the thread between reads; so does this.
      if (s % 25 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    const lastEnd = h.events.map((e) => e.event).filter((e) => e.type === "stats").at(-1)!.end;
    await live.waitFor(
      "the last stats",
      (m) => m.event === "stats" && JSON.parse(m.data).end === lastEnd,
    );
    // The live client got every interval in order; the stalled one was let go.
    const stats = live.of("stats").map((m) => JSON.parse(m.data).start);
    deepEqual(stats, [...stats].sort((a, b) => a - b));
    equal(new Set(stats).size, stats.length);
    ok(h.sink.clients <= 1, `${h.sink.clients} clients left`);
    // The sink's methods only record and flag: 2,000 seconds of traffic cost it little.
    ok(spent < 10_000, `${spent} ms`);
  } finally {
    stalled.close();
    await live.close();
    await h.close();
  }
});

Deno.test("HttpSink forgets a browser that goes away, and closes its streams on close()", async () => {
  const h = Harness.start();
  h.view();
  const gone = await SseReader.open(`${h.url}/events`);
  await gone.waitFor("the state", (m) => m.event === "state");
  equal(h.sink.clients, 1);
  await gone.close();
  const deadline = Date.now() + 5000;
  while (h.sink.clients > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  equal(h.sink.clients, 0);
  const stays = await SseReader.open(`${h.url}/events`);
  await stays.waitFor("the state", (m) => m.event === "state");
  await h.close();
  // The server ended the stream: the reader's loop is over, not waiting.
  await stays.close();
  equal(h.sink.clients, 0);
});
