/**
 * The notifier sinks of a monitor run: one NotifySink per configured receiver, with the retry
 * schedule, the host name and the machine clock. A replay (--once) notifies nobody unless
 * --notify-replay: yesterday's alerts are news to no one, and a replay should be safe to run.
 */
import type { Clock } from "../clock.ts";
import type { Sink } from "../sinks/sink.ts";
import { NotifySink } from "./notify_sink.ts";
import { ALERTMANAGER_REPEAT_MS } from "./receivers/alertmanager.ts";
import { buildReceivers } from "./receivers/mod.ts";
import { hasReceivers, type ReceiverFlags } from "./receivers/kinds.ts";
import { DEFAULT_RETRY_POLICY, scaledPolicy } from "./retry_policy.ts";

/** What `monitor` was asked about notifications. */
export interface NotifyConfig {
  receivers: ReceiverFlags;
  /** Send a replay's alerts too. */
  replay: boolean;
}

/** What the notifiers need from the outside world (the real one is in src/cli/deno_runtime.ts). */
export interface NotifyEnvironment {
  /** The machine's host name, in every message. */
  hostname(): string;
  /** For the retry jitter. */
  random(): number;
  /**
   * Multiplies the retry schedule and Alertmanager's re-post interval (MONILOG_NOTIFY_TIME_SCALE,
   * for tests: 0.01 makes a minute of backoff 0.6 s). A receiver's Retry-After is never scaled.
   */
  timeScale: number;
  /** PagerDuty's endpoint, when not the real one (MONILOG_PAGERDUTY_URL). */
  pagerdutyUrl?: string;
}

/** Options for {@linkcode notifySinks}. */
export interface NotifySinksOptions {
  config: NotifyConfig;
  /** The run is a replay (--once). */
  once: boolean;
  /** The log(s) followed, as named in messages. */
  file: string;
  clock: Clock;
  env: NotifyEnvironment;
  /** One line on stderr. */
  stderr: (line: string) => void;
}

/** One sink per receiver; none for a replay without --notify-replay (said once on stderr). */
export function notifySinks(o: NotifySinksOptions): Sink[] {
  if (!hasReceivers(o.config.receivers)) return [];
  if (o.once && !o.config.replay) {
    o.stderr("monilog: --once: notifications are not sent for a replay (add --notify-replay)");
    return [];
  }
  const host = o.env.hostname();
  const receivers = buildReceivers(o.config.receivers, {
    now: () => o.clock.now(),
    hostname: host,
    pagerdutyUrl: o.env.pagerdutyUrl,
    alertmanagerRepeatMs: ALERTMANAGER_REPEAT_MS * o.env.timeScale,
  });
  const policy = scaledPolicy(DEFAULT_RETRY_POLICY, o.env.timeScale);
  return receivers.map((r) =>
    new NotifySink(r, {
      origin: { host, file: o.file },
      clock: o.clock,
      policy,
      random: () => o.env.random(),
      warn: (line) => o.stderr(`monilog: ${line}`),
    })
  );
}
