/**
 * Each receiver against the real thing on loopback — an HTTP server that fails for a while, an SMTP
 * server (npm smtp-server), a real Alertmanager — driven through its NotifySink with the events of a
 * real engine and the machine clock. The retry schedule runs 100 times faster (as with the
 * MONILOG_NOTIFY_TIME_SCALE knob); a receiver's Retry-After is kept to the second.
 */
import { deepEqual, equal } from "node:assert/strict";
import { systemClock } from "../../../src/clock.ts";
import { Random } from "../../../src/generate/random.ts";
import type { MonitorEvent } from "../../../src/core/events.ts";
import { NotifySink } from "../../../src/notify/notify_sink.ts";
import type { Receiver } from "../../../src/notify/receiver.ts";
import { buildReceivers } from "../../../src/notify/receivers/mod.ts";
import type { ReceiverFlags } from "../../../src/notify/receivers/kinds.ts";
import { DEFAULT_RETRY_POLICY, scaledPolicy } from "../../../src/notify/retry_policy.ts";
import { HttpRecorder } from "../../_helpers/http_recorder.ts";
import { mailText, SmtpSink } from "../../_helpers/smtp_sink.ts";
import { ALERTMANAGER, TestAlertmanager } from "../../_helpers/alertmanager.ts";
import { needs } from "../../_helpers/requires.ts";
import { ALERT, ORIGIN, RECOVER } from "../_notifications.ts";

Deno.env.set("TZ", "UTC");

const NO_FLAGS: ReceiverFlags = {
  alertmanager: [],
  webhook: [],
  slack: [],
  ntfy: [],
  pagerduty: [],
  email: [],
};

function receiver(
  flags: Partial<ReceiverFlags>,
  extra: { alertmanagerRepeatMs?: number; pagerdutyUrl?: string } = {},
): Receiver {
  const [r] = buildReceivers({ ...NO_FLAGS, ...flags }, {
    now: Date.now,
    hostname: "web-1",
    ...extra,
  });
  return r;
}

function sink(r: Receiver, warnings: string[] = []): NotifySink {
  const random = new Random(7);
  return new NotifySink(r, {
    origin: ORIGIN,
    clock: systemClock,
    policy: scaledPolicy(DEFAULT_RETRY_POLICY, 0.01),
    random: () => random.next(),
    warn: (line) => warnings.push(line),
  });
}

/** Events stamped now, so Alertmanager takes them as current. */
function liveEpisode(): { alert: MonitorEvent; recover: MonitorEvent } {
  const now = Math.floor(Date.now() / 1000);
  return { alert: { ...ALERT, time: now }, recover: { ...RECOVER, time: now + 5 } };
}

Deno.test("webhook: a receiver down for a while, then rate-limiting, gets one raised and one recovered", async () => {
  const started = Date.now();
  // 500 for the first 1.2 s, then one 503 asking for 2 s, then fine.
  let limited = false;
  const server = new HttpRecorder(() => {
    if (Date.now() - started < 1200) return { status: 500 };
    if (!limited) {
      limited = true;
      return { status: 503, headers: { "retry-after": "2" } };
    }
    return { status: 200 };
  });
  const warnings: string[] = [];
  const s = sink(receiver({ webhook: [`${server.url}/hook`] }), warnings);
  try {
    s.event(ALERT);
    s.event(RECOVER);
    await server.waitFor("the recovery", () => server.accepted().length === 2, 10_000);
    deepEqual(server.accepted().map((b) => (b as { type: string }).type), ["alert", "recover"]);
    const raised = server.requests.filter((r) => JSON.parse(r.body).type === "alert");
    const gaps = raised.slice(1).map((r, i) => r.at - raised[i].at);
    // Backoff (scaled 100×: 10 ms doubling, at least 300 ms apart after 600 ms of failing), then 2 s.
    equal(raised.length >= 6 && raised.length <= 14, true, `${raised.length} tries`);
    for (let i = 1; i < gaps.length - 1; i++) {
      if (raised[i].at - started > 700) equal(gaps[i] >= 290, true, `gap ${i} ${gaps}`);
    }
    equal(gaps.at(-1)! >= 2000, true, `Retry-After kept: ${gaps}`);
    equal(warnings.length, 2, warnings.join("\n"));
    equal(warnings[0].includes("delivery failed (HTTP 500)"), true);
    equal(warnings[1].endsWith(`delivered after ${raised.length} tries`), true);
  } finally {
    await s.close(1000);
    await server.close();
  }
});

Deno.test("email: one mail per raise and recovery over a real SMTP exchange, with login", async () => {
  const smtp = await SmtpSink.start({ ops: "pa:ss" });
  const s = sink(receiver({
    email: [
      `smtp://ops:pa%3Ass@127.0.0.1:${smtp.port}?from=monilog@example.org&to=a@example.org,b@example.org`,
    ],
  }));
  try {
    s.event(ALERT);
    s.event(ALERT); // a repeat is not a new episode
    s.event(RECOVER);
    const deadline = Date.now() + 10_000;
    while (smtp.mails.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    equal(smtp.mails.length, 2);
    const [raised, recovered] = smtp.mails;
    deepEqual(raised.to, ["a@example.org", "b@example.org"]);
    equal(raised.from, "monilog@example.org");
    equal(raised.user, "ops");
    equal(
      mailText(raised).includes("Subject: [monilog] High traffic on web-1: 10.05 req/s > 10"),
      true,
    );
    equal(
      mailText(raised).includes(
        "High traffic generated an alert - hits = 1206, triggered at 2019-02-07T21:12:36+00:00",
      ),
      true,
    );
    equal(mailText(raised).includes("file: /var/log/nginx/access.log"), true);
    equal(mailText(recovered).includes("Subject: [monilog] Traffic recovered on web-1"), true);
    equal(mailText(recovered).includes("Traffic recovered - hits = 1198"), true);
  } finally {
    await s.close(1000);
    await smtp.close();
  }
});

Deno.test("email: a wrong password is refused once and not retried", async () => {
  const smtp = await SmtpSink.start({ ops: "right" });
  const warnings: string[] = [];
  const s = sink(
    receiver({ email: [`smtp://ops:wrong@127.0.0.1:${smtp.port}?from=m@x.org&to=a@x.org`] }),
    warnings,
  );
  try {
    s.event(ALERT);
    const deadline = Date.now() + 10_000;
    while (warnings.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    equal(
      warnings[0],
      `email 127.0.0.1:${smtp.port}: raised at 2019-02-07T21:12:36+00:00: refused (authentication failed); not retried`,
    );
    equal(warnings.some((w) => w.includes("wrong")), false);
    equal(smtp.mails.length, 0);
  } finally {
    await s.close(1000);
    await smtp.close();
  }
});

Deno.test("slack, ntfy and pagerduty post what their services expect", async () => {
  const server = new HttpRecorder((r) => ({ status: r.path === "/v2/enqueue" ? 202 : 200 }));
  const sinks = [
    sink(receiver({ slack: [`${server.url}/services/T0/B0/x`] })),
    sink(receiver({ ntfy: [`${server.url}/my-topic`] })),
    sink(receiver({ pagerduty: ["R0UT1NGKEY"] }, { pagerdutyUrl: `${server.url}/v2/enqueue` })),
  ];
  try {
    for (const s of sinks) {
      s.event(ALERT);
      s.event(RECOVER);
    }
    await server.waitFor("six posts", () => server.requests.length === 6);
    const by = (path: string) => server.requests.filter((r) => r.path === path);
    equal(
      JSON.parse(by("/services/T0/B0/x")[0].body).text.includes("High traffic generated an alert"),
      true,
    );
    const ntfy = by("/my-topic");
    equal(ntfy[0].headers.title, "High traffic on web-1: 10.05 req/s > 10");
    equal(ntfy[0].body.startsWith("High traffic generated an alert"), true);
    const pd = by("/v2/enqueue").map((r) => JSON.parse(r.body));
    deepEqual(pd.map((b) => b.event_action), ["trigger", "resolve"]);
    equal(pd[0].dedup_key, pd[1].dedup_key);
    equal(pd[0].routing_key, "R0UT1NGKEY");
  } finally {
    for (const s of sinks) await s.close(1000);
    await server.close();
  }
});

Deno.test(
  needs("alertmanager: one firing and one resolved notification, firing past resolve_timeout", [
    ALERTMANAGER,
  ], async () => {
    // resolve_timeout 2 s; monilog re-posts every 500 ms with endsAt 2 s ahead, for 6 s.
    const am = await TestAlertmanager.start("2s");
    const s = sink(receiver({ alertmanager: [am.url] }, { alertmanagerRepeatMs: 500 }));
    try {
      const { alert, recover } = liveEpisode();
      s.event(alert);
      await am.hook.waitFor("the firing notification", () => am.notifications().length >= 1);
      await new Promise((r) => setTimeout(r, 6000));
      const active = await am.alerts();
      equal(active.length, 1);
      equal(active[0].status.state, "active");
      equal(am.notifications().length, 1, JSON.stringify(am.notifications()));
      s.event(recover);
      await am.hook.waitFor("the resolved notification", () => am.notifications().length >= 2);
      await new Promise((r) => setTimeout(r, 2500));
      const notes = am.notifications();
      deepEqual(notes.map((n) => n.status), ["firing", "resolved"]);
      for (const n of notes) {
        equal(n.alerts.length, 1);
        deepEqual(n.alerts[0].labels, {
          alertname: "MonilogHighTraffic",
          host: "web-1",
          file: ORIGIN.file,
        });
      }
      equal(
        notes[0].alerts[0].annotations.summary.startsWith("High traffic generated an alert"),
        true,
      );
    } finally {
      await s.close(1000);
      await am.stop();
    }
  }),
);
