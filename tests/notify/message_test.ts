import { deepEqual, equal } from "node:assert/strict";
import {
  messageLine,
  messageLines,
  messageTitle,
  notificationLabel,
} from "../../src/notify/message.ts";
import { RAISED, RECOVERED, TEST } from "./_notifications.ts";

// The display zone is the runtime's (TZ); the test runner pins nothing, so compare in UTC here.
Deno.env.set("TZ", "UTC");

Deno.test("messageLine() is the spec's alert and recovery line, with rate and threshold", () => {
  equal(
    messageLine(RAISED),
    "High traffic generated an alert - hits = 1206, triggered at 2019-02-07T21:12:36+00:00 " +
      "(10.05 req/s > 10 over 120 s)",
  );
  equal(
    messageLine(RECOVERED),
    "Traffic recovered - hits = 1198, recovered at 2019-02-07T21:14:03+00:00 " +
      "(9.98 req/s <= 10; alert lasted 1m27s)",
  );
  equal(
    messageLine(TEST).startsWith("Test notification from monilog, sent at 2019-02-07T21:12:36"),
    true,
  );
});

Deno.test("messageLines() names the host, the file and the episode", () => {
  deepEqual(messageLines(RAISED).slice(1), [
    "host: web-1",
    "file: /var/log/nginx/access.log",
    "episode: monilog-0000abcd-1549573956",
  ]);
});

Deno.test("messageTitle() and notificationLabel() are one short line each", () => {
  equal(messageTitle(RAISED), "High traffic on web-1: 10.05 req/s > 10");
  equal(messageTitle(RECOVERED), "Traffic recovered on web-1: 9.98 req/s <= 10");
  equal(messageTitle(TEST), "monilog test notification from web-1");
  equal(notificationLabel(RAISED), "raised at 2019-02-07T21:12:36+00:00");
  equal(notificationLabel(RECOVERED), "recovered at 2019-02-07T21:14:03+00:00");
});
