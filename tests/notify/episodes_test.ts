import { deepEqual, equal, notEqual } from "node:assert/strict";
import type { AlertEvent, RecoverEvent } from "../../src/core/events.ts";
import { EpisodeTracker } from "../../src/notify/episodes.ts";
import { episodeId } from "../../src/notify/notification.ts";

const origin = { host: "web-1", file: "/var/log/access.log" };
const alert = (time: number): AlertEvent => ({
  type: "alert",
  time,
  hits: 1210,
  rate: 10.0833,
  threshold: 10,
  window: 120,
});
const recover = (time: number, duration: number): RecoverEvent => ({
  type: "recover",
  time,
  hits: 1200,
  rate: 10,
  threshold: 10,
  window: 120,
  duration,
});

Deno.test("EpisodeTracker.take() gives one raised and one recovered per episode", () => {
  const t = new EpisodeTracker(origin);
  const raised = t.take(alert(1000));
  equal(raised?.kind, "raised");
  equal(t.open, raised);
  equal(t.take(alert(1001)), undefined, "a second alert in a row is not sent");
  const recovered = t.take(recover(1100, 100));
  equal(recovered?.kind, "recovered");
  equal(recovered?.episode, raised?.episode);
  deepEqual(recovered?.kind === "recovered" ? recovered.raisedAt : 0, 1000);
  equal(t.open, undefined);
  equal(t.take(recover(1101, 101)), undefined, "a recovery with no open episode is not sent");
  // The same alert again (a replay of what was already sent) opens nothing.
  equal(t.take(alert(1000)), undefined);
  // A new episode is a new raise.
  const next = t.take(alert(2000));
  equal(next?.kind, "raised");
  notEqual(next?.episode, raised?.episode);
});

Deno.test("EpisodeTracker.take() ignores stats, quiet and summary events", () => {
  const t = new EpisodeTracker(origin);
  equal(t.take({ type: "quiet", start: 0, end: 10, intervals: 1 }), undefined);
  equal(t.open, undefined);
});

Deno.test("episodeId() depends on the host, the file and the alert's second only", () => {
  equal(episodeId(origin, 1000), episodeId({ ...origin }, 1000));
  notEqual(episodeId(origin, 1000), episodeId({ ...origin, host: "web-2" }, 1000));
  notEqual(episodeId(origin, 1000), episodeId({ ...origin, file: "/x" }, 1000));
  equal(/^monilog-[0-9a-f]{8}-1000$/.test(episodeId(origin, 1000)), true);
});
