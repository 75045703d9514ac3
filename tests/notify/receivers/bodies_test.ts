import { deepEqual, equal, throws } from "node:assert/strict";
import { alertmanagerBody, alertsUrl } from "../../../src/notify/receivers/alertmanager.ts";
import { emailMessage, emailTarget, smtpResult } from "../../../src/notify/receivers/email.ts";
import { ntfyRequest } from "../../../src/notify/receivers/ntfy.ts";
import { pagerdutyBodies } from "../../../src/notify/receivers/pagerduty.ts";
import { slackBody } from "../../../src/notify/receivers/slack.ts";
import { webhookBody } from "../../../src/notify/receivers/webhook.ts";
import { ALERT_TIME, RAISED, RECOVERED, TEST } from "../_notifications.ts";

Deno.env.set("TZ", "UTC");

Deno.test("webhookBody() is the --json event plus host, file, episode and the line", () => {
  deepEqual(webhookBody(RAISED), {
    type: "alert",
    time: ALERT_TIME,
    hits: 1206,
    rate: 10.05,
    threshold: 10,
    window: 120,
    host: "web-1",
    file: "/var/log/nginx/access.log",
    episode: RAISED.episode,
    text: "High traffic generated an alert - hits = 1206, triggered at 2019-02-07T21:12:36+00:00 " +
      "(10.05 req/s > 10 over 120 s)",
  });
  const r = webhookBody(RECOVERED);
  equal(r.type, "recover");
  equal(r.rate, 9.98);
  equal(r.duration, 87);
  equal(r.raisedAt, ALERT_TIME);
  equal(r.episode, RAISED.episode);
  equal(webhookBody(TEST).type, "test");
});

Deno.test("slackBody() escapes Slack's markup characters", () => {
  const body = slackBody({ ...RAISED, file: "/logs/<b>&.log" });
  equal(
    body.text.startsWith(":rotating_light: High traffic generated an alert - hits = 1206"),
    true,
  );
  equal(body.text.includes("file `/logs/&lt;b&gt;&amp;.log`"), true, body.text);
});

Deno.test("ntfyRequest() puts the lines in the body and plain ASCII in the headers", () => {
  const r = ntfyRequest({ ...RAISED, host: "wéb-1" });
  equal(r.body.split("\n")[1], "host: wéb-1");
  equal(r.headers.title, "High traffic on w?b-1: 10.05 req/s > 10");
  equal(r.headers.priority, "high");
  equal(ntfyRequest(RECOVERED).headers.tags, "white_check_mark");
});

Deno.test("pagerdutyBodies() triggers and resolves with the episode as dedup_key", () => {
  const [trigger] = pagerdutyBodies(RAISED, "KEY123");
  equal(trigger.routing_key, "KEY123");
  equal(trigger.event_action, "trigger");
  equal(trigger.dedup_key, RAISED.episode);
  const payload = trigger.payload as Record<string, unknown>;
  equal(payload.source, "web-1");
  equal(payload.component, "/var/log/nginx/access.log");
  equal(payload.timestamp, "2019-02-07T21:12:36.000Z");
  deepEqual(pagerdutyBodies(RECOVERED, "KEY123"), [
    { routing_key: "KEY123", event_action: "resolve", dedup_key: RAISED.episode },
  ]);
  deepEqual(pagerdutyBodies(TEST, "K").map((b) => b.event_action), ["trigger", "resolve"]);
});

Deno.test("alertmanagerBody() fires with endsAt four re-posts ahead, resolves with endsAt", () => {
  const now = (ALERT_TIME + 5) * 1000;
  const [firing] = alertmanagerBody(RAISED, now, 30_000);
  deepEqual(firing.labels, {
    alertname: "MonilogHighTraffic",
    host: "web-1",
    file: "/var/log/nginx/access.log",
  });
  equal(firing.startsAt, "2019-02-07T21:12:36.000Z");
  equal(firing.endsAt, new Date(now + 120_000).toISOString());
  const [refresh] = alertmanagerBody({ kind: "refresh", raised: RAISED }, now + 30_000, 30_000);
  equal(refresh.endsAt, new Date(now + 150_000).toISOString());
  deepEqual(refresh.labels, firing.labels);
  const [resolved] = alertmanagerBody(RECOVERED, (ALERT_TIME + 90) * 1000, 30_000);
  equal(resolved.endsAt, "2019-02-07T21:14:03.000Z");
  deepEqual(resolved.labels, firing.labels);
});

Deno.test("alertmanagerBody() never dates an alert after the machine's now", () => {
  // A log stamped an hour ahead of the machine.
  const now = (ALERT_TIME - 3600) * 1000;
  const [firing] = alertmanagerBody(RAISED, now, 30_000);
  equal(firing.startsAt, new Date(now).toISOString());
  const [resolved] = alertmanagerBody(RECOVERED, now, 30_000);
  equal(resolved.endsAt, new Date(now).toISOString());
});

Deno.test("alertsUrl() takes a base URL or the API URL", () => {
  equal(alertsUrl("http://am:9093"), "http://am:9093/api/v2/alerts");
  equal(alertsUrl("http://am:9093/prefix/"), "http://am:9093/prefix/api/v2/alerts");
  equal(alertsUrl("http://am:9093/api/v2/alerts"), "http://am:9093/api/v2/alerts");
});

Deno.test("emailTarget() reads smtp[s]://user:pass@host:port?from=&to=", () => {
  const t = emailTarget(
    "smtps://ops%40x.org:p%40ss@mail.example.com:2465?from=monilog@x.org&to=a@x.org,b@x.org",
  );
  deepEqual(t, {
    secure: true,
    host: "mail.example.com",
    port: 2465,
    user: "ops@x.org",
    pass: "p@ss",
    from: "monilog@x.org",
    to: ["a@x.org", "b@x.org"],
    name: "email mail.example.com:2465",
  });
  equal(emailTarget("smtp://mx?from=a@b&to=c@d").port, undefined);
});

Deno.test("emailTarget() refuses a bad value without repeating it", () => {
  for (
    const bad of [
      "http://u:SECRET@x?from=a@b&to=c@d",
      "smtp://u:SECRET@x?to=c@d",
      "smtp://u:SECRET@x?from=a@b",
    ]
  ) {
    throws(() => emailTarget(bad), (err: Error) => {
      equal(err.message.startsWith("--email: "), true);
      equal(err.message.includes("SECRET"), false);
      return true;
    });
  }
});

Deno.test("emailMessage() and smtpResult()", () => {
  const m = emailMessage(RAISED);
  equal(m.subject, "[monilog] High traffic on web-1: 10.05 req/s > 10");
  equal(m.text.startsWith("High traffic generated an alert - hits = 1206"), true);
  deepEqual(smtpResult({ responseCode: 451 }), { ok: false, retry: true, reason: "SMTP 451" });
  deepEqual(smtpResult({ responseCode: 550 }), { ok: false, retry: false, reason: "SMTP 550" });
  deepEqual(smtpResult({ code: "EAUTH" }), {
    ok: false,
    retry: false,
    reason: "authentication failed",
  });
  equal(smtpResult(new Error("connect ECONNREFUSED 127.0.0.1:1")).ok, false);
});
