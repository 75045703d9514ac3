// The live page of `monilog monitor --http`. It starts from the `state` message of /events, applies the
// `view` deltas and the §4 events that follow, and fetches /api/series for the chart when told to.
// Everything that came from the log is put on screen with textContent, never as markup; the page's
// Content-Security-Policy allows only this script and uPlot's, by hash.
(() => {
  "use strict";
  /* global uPlot */

  const $ = (id) => document.getElementById(id);
  const page = {
    state: undefined,
    scope: "window",
    series: { time: [], width: [], hits: [], windowMax: [] },
    spans: [],
    history: [],
    chart: undefined,
    follow: true,
    seriesPending: false,
  };

  // ---- formatting ------------------------------------------------------------------------------
  const fmt2 = (n) => (Math.round(n * 100) / 100).toFixed(2);
  const int = (n) => Math.round(n).toLocaleString("en-US");
  const pad = (n) => String(n).padStart(2, "0");
  function logTime(t) {
    if (t === null || t === undefined) return "–";
    const d = new Date(t * 1000);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
      `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  // The terminal's wording and formats (src/sinks/time_format.ts), in the browser's time zone.
  function isoTime(t) {
    const d = new Date(t * 1000);
    const off = -d.getTimezoneOffset();
    const local = new Date(d.getTime() + off * 60000);
    const abs = Math.abs(off);
    return `${local.toISOString().slice(0, 19)}${off < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${
      pad(abs % 60)
    }`;
  }
  function shortDuration(s) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (h > 0) return `${h}h${pad(m)}m${pad(s % 60)}s`;
    if (m > 0) return `${m}m${pad(s % 60)}s`;
    return `${s}s`;
  }
  function duration(s) {
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    const h = Math.floor(s / 3600);
    if (h < 48) return `${h} h ${Math.floor((s % 3600) / 60)} min`;
    return `${Math.floor(h / 24)} d ${h % 24} h`;
  }
  function text(id, value) {
    const el = $(id);
    if (el.textContent !== value) el.textContent = value;
  }

  // ---- summary figures -------------------------------------------------------------------------
  function drawSummary() {
    const s = page.state;
    if (!s) return;
    text("files", s.source.files.join(", "));
    text("mode", s.source.ended ? "replay finished" : s.source.mode);
    text("logtime", `log time ${logTime(s.time)}`);
    text("readrate", s.source.ended ? "" : `${int(s.source.linesPerSecond)} lines/s`);
    text("rate", fmt2(s.window.rate));
    text("threshold", String(s.threshold));
    text("windowhits", int(s.window.hits));
    text("windowlen", `requests in ${s.window.seconds} s`);
    text("runhits", int(s.run.hits));
    text(
      "runextra",
      `requests, ${int(s.run.invalid)} invalid, ${int(s.run.late)} late, ${
        int(s.run.skewed || 0)
      } skewed`,
    );
    const state = $("state");
    if (s.alerting) {
      text("state", "ALERT");
      state.className = "big alert";
      const age = s.time !== null && s.since !== null ? s.time - s.since : 0;
      text("age", `since ${logTime(s.since)} (${duration(age)})`);
    } else {
      text("state", "OK");
      state.className = "big ok";
      text("age", s.alertCount > 0 ? `${s.alertCount} alert(s) in the run` : "");
    }
  }

  // ---- tables ------------------------------------------------------------------------------------
  // Ten rows of keys of at most 80 characters, as the view updates carry them (view_delta.ts), so a
  // table looks the same after a reload and after an update.
  const short = (k) => k.length > 80 ? `${k.slice(0, 79)}…` : k;
  function rows(id, list, total) {
    const body = $(id);
    const trs = list.slice(0, 10).map(([key, value]) => {
      const tr = document.createElement("tr");
      for (
        const cell of [short(key), int(value), total > 0 ? `${fmt2((100 * value) / total)} %` : ""]
      ) {
        const td = document.createElement("td");
        td.textContent = cell;
        tr.append(td);
      }
      return tr;
    });
    body.replaceChildren(...trs);
  }
  function drawTables() {
    const s = page.state;
    if (!s) return;
    const t = s.tables[page.scope];
    if (!t) {
      for (const id of ["sections", "clients", "status", "methods", "latency"]) {
        $(id).replaceChildren();
      }
      text("scopespan", "no interval reported yet");
      return;
    }
    text(
      "scopespan",
      `${logTime(t.start)} – ${logTime(t.end)}${t.approximate ? " (approx.)" : ""}`,
    );
    rows("sections", (t.sections || []).map((r) => [r.key, r.hits]), t.hits);
    rows("clients", (t.clients || []).map((r) => [r.key, r.hits]), t.hits);
    const status = Object.entries(t.status || {}).sort((a, b) => b[1] - a[1]).slice(0, 10);
    rows("status", status, t.hits);
    rows(
      "methods",
      Object.entries(t.methods || {}).sort((a, b) => b[1] - a[1]).slice(0, 10),
      t.hits,
    );
    const lat = $("latency");
    if (t.latency) {
      const trs = [["p50", t.latency.p50], ["p90", t.latency.p90], ["p99", t.latency.p99]].map(
        ([k, v]) => {
          const tr = document.createElement("tr");
          const a = document.createElement("td");
          a.textContent = k;
          const b = document.createElement("td");
          b.textContent = fmt2(v);
          tr.append(a, b);
          return tr;
        },
      );
      lat.replaceChildren(...trs);
    } else {
      const tr = document.createElement("tr");
      const td = document.createElement("td");
      td.textContent = "not in this log format";
      td.colSpan = 2;
      tr.append(td);
      lat.replaceChildren(tr);
    }
  }
  for (const button of document.querySelectorAll("[data-scope]")) {
    button.addEventListener("click", () => {
      page.scope = button.dataset.scope;
      for (const b of document.querySelectorAll("[data-scope]")) {
        b.classList.toggle("on", b === button);
      }
      drawTables();
    });
  }

  // ---- alert history -----------------------------------------------------------------------------
  function addHistory(a) {
    if (page.history.some((h) => h.type === a.type && h.time === a.time)) return false;
    page.history.push(a);
    page.history.sort((x, y) => x.time - y.time || (x.type === "alert" ? -1 : 1));
    if (page.history.length > 200) page.history.shift();
    return true;
  }
  function drawHistory() {
    const items = page.history.slice().reverse().map((a) => {
      const li = document.createElement("li");
      li.className = a.type;
      li.textContent = a.text;
      return li;
    });
    $("history").replaceChildren(...items);
  }
  function eventText(e) {
    if (e.type === "alert") {
      return `High traffic generated an alert - hits = ${e.hits}, triggered at ${
        isoTime(e.time)
      } (${fmt2(e.rate)} req/s > ${e.threshold} over ${e.window} s)`;
    }
    return `Traffic recovered - hits = ${e.hits}, recovered at ${isoTime(e.time)} (${
      fmt2(e.rate)
    } req/s <= ${e.threshold}; alert lasted ${shortDuration(e.duration)})`;
  }

  // ---- chart -------------------------------------------------------------------------------------
  function chartData() {
    const s = page.series;
    const w = page.state ? page.state.window.seconds : 1;
    const threshold = page.state ? page.state.threshold : 0;
    const rate = s.hits.map((h, i) => h / s.width[i]);
    const win = s.windowMax.map((m) => m / w);
    return [s.time, rate, win, s.time.map(() => threshold)];
  }
  function chartSize() {
    const el = $("chart");
    return { width: Math.max(300, el.clientWidth || 800), height: 320 };
  }
  function shadeAlerts(u) {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const end = page.state && page.state.time !== null ? page.state.time + 1 : u.scales.x.max;
    ctx.save();
    ctx.fillStyle = "rgba(215, 38, 61, 0.18)";
    for (const [start, stop] of page.spans) {
      const x0 = Math.max(left, u.valToPos(start, "x", true));
      const x1 = Math.min(left + width, u.valToPos(stop === null ? end : stop, "x", true));
      if (x1 > x0) ctx.fillRect(x0, top, x1 - x0, height);
    }
    ctx.restore();
  }
  function makeChart() {
    const steps = uPlot.paths.stepped({ align: 1 });
    page.chart = new uPlot(
      {
        ...chartSize(),
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        series: [
          {},
          {
            label: "requests/s",
            stroke: "#3a86ff",
            width: 1,
            paths: steps,
            points: { show: false },
          },
          { label: "window average", stroke: "#ff9f1c", width: 2, points: { show: false } },
          {
            label: "threshold",
            stroke: "#d7263d",
            width: 1,
            dash: [6, 4],
            points: { show: false },
          },
        ],
        axes: [{}, { label: "req/s" }],
        hooks: {
          drawClear: [shadeAlerts],
          setSelect: [() => page.follow = false],
          setScale: [(u, key) => key === "x" && showSpan(u)],
        },
      },
      chartData(),
      $("chart"),
    );
    page.chart.over.addEventListener("dblclick", () => {
      page.follow = true;
    });
    globalThis.addEventListener("resize", () => page.chart.setSize(chartSize()));
  }
  // The span shown, for whoever reads the page (and its tests).
  function showSpan(u) {
    const el = $("chart");
    el.dataset.xmin = String(Math.round(u.scales.x.min));
    el.dataset.xmax = String(Math.round(u.scales.x.max));
  }
  function drawChart() {
    if (!page.chart) makeChart();
    else page.chart.setData(chartData(), page.follow);
    $("chart").dataset.points = String(page.series.time.length);
  }
  function applySeries(from, data) {
    const s = page.series;
    if (from > s.time.length) return loadSeries();
    for (const k of Object.keys(s)) {
      s[k].length = from;
      for (const v of data[k]) s[k].push(v);
    }
    drawChart();
  }
  // One fetch at a time, and not too often: while a replay is being read, every 5 s only (the reading
  // is what must go fast then, and each fetch costs the server a serialisation of the series).
  let nextSeriesAt = 0;
  let seriesTimer;
  async function loadSeries() {
    const wait = nextSeriesAt - Date.now();
    if (page.seriesPending || wait > 0) {
      if (seriesTimer === undefined) {
        seriesTimer = setTimeout(() => {
          seriesTimer = undefined;
          loadSeries();
        }, Math.max(wait, 250));
      }
      return;
    }
    page.seriesPending = true;
    try {
      const res = await fetch("/api/series", { credentials: "same-origin", cache: "no-store" });
      if (res.ok) {
        const body = await res.json();
        page.series = body.series;
        page.spans = body.spans;
        drawChart();
      }
    } catch {
      // The connection dropped: the next state message asks again.
    } finally {
      page.seriesPending = false;
      const s = page.state;
      const replaying = s && s.source.mode === "replay" && !s.source.ended;
      nextSeriesAt = Date.now() + (replaying ? 5000 : 250);
    }
  }

  // ---- the event stream -------------------------------------------------------------------------
  function setConn(label, cls) {
    const el = $("conn");
    text("conn", label);
    el.className = `conn ${cls}`;
  }
  function onState(s) {
    page.state = s;
    for (const a of s.alerts) addHistory({ ...a, text: eventText(a) });
    drawSummary();
    drawTables();
    drawHistory();
    loadSeries();
  }
  function onView(d) {
    const s = page.state;
    if (!s) return;
    Object.assign(s, {
      wallMs: d.wallMs,
      time: d.time,
      newest: d.newest,
      alerting: d.alerting,
      since: d.since,
      alertCount: d.alertCount,
      run: d.run,
    });
    Object.assign(s.window, d.window);
    Object.assign(s.source, d.source);
    // Table parts: a scope's figures, sections and clients come each when they changed.
    for (const [scope, t] of Object.entries(d.tables || {})) {
      s.tables[scope] = t === null ? null : { ...s.tables[scope], ...t };
    }
    drawSummary();
    if (d.tables) drawTables();
    if (d.series) {
      if (d.series.reload) loadSeries();
      else applySeries(d.series.from, d.series.data);
    } else if (page.chart && page.spans.some((sp) => sp[1] === null)) {
      page.chart.redraw(false);
    }
  }
  function onThreshold(e) {
    if (e.type === "alert") page.spans.push([e.time, null]);
    else {
      const last = page.spans[page.spans.length - 1];
      if (last && last[1] === null) last[1] = e.time;
    }
    if (addHistory({ ...e, text: eventText(e) })) drawHistory();
    if (page.state) {
      page.state.alerting = e.type === "alert";
      page.state.since = e.type === "alert" ? e.time : null;
      if (e.type === "alert") page.state.alertCount++;
      drawSummary();
    }
    if (page.chart) page.chart.redraw(false);
  }
  function connect() {
    const source = new EventSource("/events");
    source.addEventListener("open", () => setConn("live", "live"));
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused for good (e.g. the server restarted without us): start over in a while.
        setConn("disconnected, retrying", "down");
        setTimeout(connect, 3000);
      } else setConn("reconnecting", "down");
    });
    source.addEventListener("state", (m) => onState(JSON.parse(m.data)));
    source.addEventListener("view", (m) => onView(JSON.parse(m.data)));
    source.addEventListener("alert", (m) => onThreshold(JSON.parse(m.data)));
    source.addEventListener("recover", (m) => onThreshold(JSON.parse(m.data)));
    source.addEventListener("summary", () => {
      if (page.state) {
        page.state.source.ended = true;
        drawSummary();
      }
      // The whole run, at once.
      nextSeriesAt = 0;
      loadSeries();
    });
  }
  connect();
})();
