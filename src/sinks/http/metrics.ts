/**
 * The Prometheus text exposition of spec §7, rendered at scrape time from the latest view and the
 * request counters: nothing is kept per scrape, nothing computed per line beyond RequestCounter's
 * increments. Pure: returns the text.
 */
import { DURATION_BUCKETS, type RequestCounter } from "../../core/request_counter.ts";
import type { MonitorView } from "../sink.ts";

/** The content type Prometheus expects for this format. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Renders the exposition. `requests` is absent when no request counter runs. */
export function renderMetrics(view: MonitorView, requests: RequestCounter | undefined): string {
  const out: string[] = [];
  const e = view.engine;
  if (requests !== undefined) {
    family(out, "monilog_http_requests_total", "counter", "Requests read from the log.");
    for (const r of requests.requests()) {
      out.push(
        `monilog_http_requests_total${
          labels({ section: r.section, status_class: r.statusClass, method: r.method })
        } ${r.value}`,
      );
    }
    family(
      out,
      "monilog_http_response_bytes_total",
      "counter",
      "Response bytes of the requests read from the log.",
    );
    for (const r of requests.bytes()) {
      out.push(`monilog_http_response_bytes_total${labels({ section: r.section })} ${r.value}`);
    }
    const d = requests.durations();
    if (d.count > 0) {
      family(
        out,
        "monilog_http_request_duration_seconds",
        "histogram",
        "Response times of the requests read from the log.",
      );
      let cumulative = 0;
      DURATION_BUCKETS.forEach((le, i) => {
        cumulative += d.buckets[i];
        out.push(`monilog_http_request_duration_seconds_bucket{le="${le}"} ${cumulative}`);
      });
      out.push(`monilog_http_request_duration_seconds_bucket{le="+Inf"} ${d.count}`);
      out.push(`monilog_http_request_duration_seconds_sum ${number(d.sum)}`);
      out.push(`monilog_http_request_duration_seconds_count ${d.count}`);
    }
  }
  family(
    out,
    "monilog_log_lines_total",
    "counter",
    "Log lines read: parsed in order, invalid (unparsed), late (counted in the window only), " +
      "skewed (stamped far from the log's time, left out).",
  );
  out.push(`monilog_log_lines_total{result="parsed"} ${e.run.hits - e.run.late}`);
  out.push(`monilog_log_lines_total{result="invalid"} ${e.run.invalid}`);
  out.push(`monilog_log_lines_total{result="late"} ${e.run.late}`);
  out.push(`monilog_log_lines_total{result="skewed"} ${e.run.skewed}`);
  gauge(
    out,
    "monilog_window_requests",
    "Requests in the alert window at the newest evaluated second.",
    e.window.hits,
  );
  gauge(
    out,
    "monilog_window_requests_per_second",
    "Average request rate over the alert window.",
    e.window.rate,
  );
  gauge(
    out,
    "monilog_alert_threshold_requests_per_second",
    "Rate above which monilog alerts.",
    e.threshold,
  );
  gauge(
    out,
    "monilog_alert_active",
    "1 while the high-traffic alert is active.",
    e.alerting ? 1 : 0,
  );
  family(out, "monilog_alerts_total", "counter", "High-traffic alerts raised.");
  out.push(`monilog_alerts_total ${e.alertCount}`);
  if (e.time !== undefined) {
    gauge(out, "monilog_log_time_seconds", "Newest evaluated second of log time.", e.time);
  }
  family(out, "monilog_file_rotations_total", "counter", "Rotations of the followed log files.");
  const n = view.source.notices;
  out.push(`monilog_file_rotations_total{kind="rename"} ${n.rotated ?? 0}`);
  out.push(`monilog_file_rotations_total{kind="truncate"} ${n.truncated ?? 0}`);
  out.push(`monilog_file_rotations_total{kind="delete"} ${n.missing ?? 0}`);
  return out.join("\n") + "\n";
}

function family(out: string[], name: string, type: string, help: string): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

function gauge(out: string[], name: string, help: string, value: number): void {
  family(out, name, "gauge", help);
  out.push(`${name} ${number(value)}`);
}

/** A sample value: Prometheus reads Go floats; JS's shortest round-trip form is one. */
function number(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  return String(n);
}

/** `{a="x",b="y"}` with label values escaped as the format requires (\\, \", \n). */
export function labels(pairs: Record<string, string>): string {
  const parts = Object.entries(pairs).map(([k, v]) =>
    `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`
  );
  return `{${parts.join(",")}}`;
}
