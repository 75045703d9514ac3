/** Notifications and events for the notifier tests: one episode of web-1's access log. */
import type { AlertEvent, RecoverEvent } from "../../src/core/events.ts";
import type {
  RaisedNotification,
  RecoveredNotification,
  TestNotification,
} from "../../src/notify/notification.ts";

export const ORIGIN = { host: "web-1", file: "/var/log/nginx/access.log" };
/** 2019-02-07T21:12:36Z */
export const ALERT_TIME = 1549573956;

export const ALERT: AlertEvent = {
  type: "alert",
  time: ALERT_TIME,
  hits: 1206,
  rate: 10.05,
  threshold: 10,
  window: 120,
};
export const RECOVER: RecoverEvent = {
  type: "recover",
  time: ALERT_TIME + 87,
  hits: 1198,
  rate: 9.9833,
  threshold: 10,
  window: 120,
  duration: 87,
};
export const RAISED: RaisedNotification = {
  kind: "raised",
  ...ORIGIN,
  episode: "monilog-0000abcd-1549573956",
  event: ALERT,
};
export const RECOVERED: RecoveredNotification = {
  kind: "recovered",
  ...ORIGIN,
  episode: RAISED.episode,
  event: RECOVER,
  raisedAt: ALERT_TIME,
};
export const TEST: TestNotification = {
  kind: "test",
  ...ORIGIN,
  episode: "monilog-test-1",
  time: ALERT_TIME,
};
