import { equal, match } from "node:assert/strict";
import { labels, renderMetrics } from "../../../src/sinks/http/metrics.ts";
import { needs } from "../../_helpers/requires.ts";
import { Harness } from "./_harness.ts";

const t0 = 1_700_000_000;

function sample(h: Harness) {
  for (let s = 0; s < 30; s++) {
    h.add(t0 + s, 3, { section: "/api", duration: 0.02 });
    h.add(t0 + s, 1, {
      section: '"><img src=x onerror=alert(1)>\\\n',
      status: 503,
      method: "POST",
    });
  }
  h.add(t0 + 40, 1, { section: "/late" });
  h.engine.addInvalid();
  h.source.notices.rotated = 2;
  h.source.notices.truncated = 1;
}

/** The value of a sample line `name{labels} value` (labels given exactly as rendered). */
function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no ${series} in\n${text}`);
  return Number(line.slice(series.length + 1));
}

Deno.test("renderMetrics() renders spec §7 from the view and the request counters", async () => {
  const h = Harness.start({ threshold: 2, window: 10, interval: 5 });
  try {
    sample(h);
    const view = { wallMs: 0, source: h.source, engine: h.engine.view() };
    const text = renderMetrics(view, h.requests);
    equal(value(text, "monilog_window_requests"), view.engine.window.hits);
    equal(value(text, "monilog_window_requests_per_second"), view.engine.window.rate);
    equal(value(text, "monilog_alert_threshold_requests_per_second"), 2);
    equal(value(text, "monilog_alert_active"), view.engine.alerting ? 1 : 0);
    equal(value(text, "monilog_alerts_total"), 1);
    equal(value(text, "monilog_log_time_seconds"), view.engine.time);
    equal(value(text, 'monilog_log_lines_total{result="invalid"}'), 1);
    equal(value(text, 'monilog_log_lines_total{result="skewed"}'), view.engine.run.skewed);
    equal(value(text, 'monilog_file_rotations_total{kind="rename"}'), 2);
    equal(value(text, 'monilog_file_rotations_total{kind="truncate"}'), 1);
    // The first interval's hits are "other"; /api has its own series from its first report on.
    const api = value(
      text,
      'monilog_http_requests_total{section="/api",status_class="2xx",method="GET"}',
    );
    const other = value(
      text,
      'monilog_http_requests_total{section="other",status_class="2xx",method="GET"}',
    );
    equal(api + other, 91);
    equal(value(text, "monilog_http_request_duration_seconds_count"), 90);
    equal(value(text, 'monilog_http_request_duration_seconds_bucket{le="0.025"}'), 90);
    equal(value(text, 'monilog_http_request_duration_seconds_bucket{le="0.01"}'), 0);
    // Log text in a label is escaped, so it cannot end the label or the line.
    match(text, /section="\\"><img src=x onerror=alert\(1\)>\\\\\\n"/);
  } finally {
    await h.close();
  }
});

Deno.test("renderMetrics() without request counters has the gauges only", async () => {
  const h = Harness.start();
  try {
    const text = renderMetrics({ wallMs: 0, source: h.source, engine: h.engine.view() }, undefined);
    equal(text.includes("monilog_http_requests_total"), false);
    // No second evaluated yet: no log time to give.
    equal(text.includes("monilog_log_time_seconds"), false);
    equal(value(text, "monilog_window_requests"), 0);
  } finally {
    await h.close();
  }
});

Deno.test("labels() escapes backslash, quote and newline", () => {
  equal(labels({ a: 'x\\"\ny' }), '{a="x\\\\\\"\\ny"}');
});

Deno.test(
  needs(
    "renderMetrics() passes promtool check metrics with nothing to say",
    ["promtool"],
    async () => {
      const h = Harness.start({ threshold: 2, window: 10, interval: 5 });
      try {
        sample(h);
        const text = renderMetrics(
          { wallMs: 0, source: h.source, engine: h.engine.view() },
          h.requests,
        );
        const child = new Deno.Command("promtool", {
          args: ["check", "metrics"],
          stdin: "piped",
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        const w = child.stdin.getWriter();
        await w.write(new TextEncoder().encode(text));
        await w.close();
        const out = await child.output();
        const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
        equal(said, "");
        equal(out.code, 0);
      } finally {
        await h.close();
      }
    },
  ),
);
