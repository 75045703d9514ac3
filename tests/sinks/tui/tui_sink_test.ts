import { deepEqual, equal, match, throws } from "node:assert/strict";
import { TuiSink } from "../../../src/sinks/tui/tui_sink.ts";
import { ENTER_SCREEN } from "../../../src/sinks/tui/terminal.ts";
import type { SummaryEvent } from "../../../src/core/events.ts";
import { ManualClock } from "../../_helpers/manual_clock.ts";
import { FakeTerminal } from "./_fake_terminal.ts";
import { cases } from "./_views.ts";

function setup(refreshMs = 1000) {
  const clock = new ManualClock();
  const terminal = new FakeTerminal();
  const out: string[] = [];
  const err: string[] = [];
  let stops = 0;
  const sink = new TuiSink({
    clock,
    terminal,
    requestStop: () => stops++,
    refreshMs,
    color: false,
    rows: 5,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { clock, terminal, out, err, sink, stops: () => stops };
}

const summary: SummaryEvent = {
  type: "summary",
  start: 100,
  end: 200,
  hits: 1500,
  bytes: 1000,
  invalid: 0,
  late: 0,
  unreported: 0,
  skewed: 0,
  sections: [{ key: "/api", hits: 1500, error: 0 }],
  status: { "200": 1500 },
  statusClasses: { "2xx": 1500 },
  clients: [{ key: "10.0.0.1", hits: 1500 }],
  clientCount: 1,
  clientCountError: 0,
  methods: { GET: 1500 },
  alerts: [],
  alerting: false,
};

Deno.test("TuiSink takes the screen at the first view and draws it whole", () => {
  const { terminal, sink } = setup();
  equal(terminal.writes.length, 0);
  sink.view(cases().alert);
  equal(terminal.raw, true);
  equal(terminal.writes[0], ENTER_SCREEN);
  const screen = terminal.screen();
  equal(screen.length, 24);
  match(screen[1], /!!! ALERT !!!/);
});

Deno.test("TuiSink.view() redraws at most once per refresh period", async () => {
  const { clock, terminal, sink } = setup(1000);
  sink.view(cases().normal);
  sink.view(cases().normal);
  await clock.advance(500);
  sink.view(cases().alert);
  equal(terminal.frames.length, 1);
  await clock.advance(500);
  sink.view(cases().alert);
  equal(terminal.frames.length, 2);
  match(terminal.screen()[1], /ALERT/);
  // A key redraws at once, with the newest view even if it was not drawn yet.
  sink.view(cases().recovered);
  equal(terminal.frames.length, 2);
  terminal.press("+");
  equal(terminal.frames.length, 3);
  match(terminal.screen()[1], /recovered at/);
});

Deno.test("TuiSink keys: q asks to stop, ? help, t tables, +/- rows, p holds the display", () => {
  const { clock, terminal, sink, stops } = setup(0);
  sink.view(cases().normal);
  terminal.press("?");
  equal(sink.state.help, true);
  equal(terminal.screen().some((l) => l.includes("┌ Keys")), true);
  terminal.press("\x1b");
  equal(sink.state.help, false);
  terminal.press("t");
  equal(sink.state.tableMode, "run");
  terminal.press("\t\t");
  equal(sink.state.tableMode, "window");
  terminal.press("++-+");
  equal(sink.state.rowsShown, 7);
  terminal.press("p");
  equal(sink.state.paused, true);
  const frames = terminal.frames.length;
  sink.view(cases().alert);
  // Paused: no new view is drawn, and the screen still shows the one from before.
  equal(terminal.frames.length, frames);
  terminal.press("p");
  match(terminal.screen()[1], /ALERT/);
  terminal.press("q");
  equal(stops(), 1);
  // A second press asks again, as a second Ctrl-C would.
  terminal.press("\x03");
  equal(stops(), 2);
  void clock;
});

Deno.test("TuiSink follows a resize at once", () => {
  const { terminal, sink } = setup();
  sink.view(cases().normal);
  terminal.resize({ columns: 120, rows: 40 });
  const screen = terminal.screen();
  equal(screen.length, 40);
  equal(screen[0].length >= 120, true);
  equal(terminal.writes[terminal.writes.length - 1].startsWith("\x1b[2J"), true);
});

Deno.test("TuiSink.close() restores the terminal, then prints the summary on standard output", async () => {
  const { terminal, sink, out } = setup();
  sink.view(cases().normal);
  sink.event(summary);
  equal(out.length, 0);
  await sink.close(5000);
  equal(terminal.restored, 1);
  equal(terminal.listening, 0);
  equal(out.length, 1);
  match(out[0], /^Summary\n/);
  match(out[0], /1500 hits/);
  // Views after close draw nothing; a second close does nothing.
  const writes = terminal.writes.length;
  sink.view(cases().alert);
  await sink.close(5000);
  equal(terminal.writes.length, writes);
  equal(terminal.restored, 1);
});

Deno.test("TuiSink.close() before any view leaves the terminal alone", async () => {
  const { terminal, sink, out } = setup();
  sink.event(summary);
  await sink.close(5000);
  deepEqual(terminal.writes, []);
  equal(terminal.restored, 0);
  equal(out.length, 1);
});

Deno.test("TuiSink holds diagnostics while the screen is taken, shows the newest, prints them after", async () => {
  const { clock, terminal, sink, err, out } = setup(0);
  sink.diagnostic("monilog: before the screen");
  equal(err.length, 1);
  sink.view(cases().normal);
  sink.diagnostic("monilog: rotated \x1b[2J");
  equal(err.length, 1);
  sink.view(cases().normal);
  const footer = terminal.screen()[23];
  match(footer, /rotated \\x1b\[2J/);
  // It stays a while, then leaves the footer (it is still printed after the screen is restored).
  await clock.advance(16_000);
  sink.view(cases().normal);
  equal(terminal.screen()[23].includes("rotated"), false);
  sink.event(summary);
  await sink.close(1000);
  deepEqual(err.slice(1), ["monilog: rotated \x1b[2J"]);
  equal(out.length, 1);
});

Deno.test("TuiSink draws the last view of a finished replay at once, whatever the refresh", () => {
  const { terminal, sink } = setup(10_000);
  const replay = cases().alert;
  replay.source = { ...replay.source, mode: "replay", bytes: 50, bytesTotal: 100 };
  sink.view(replay);
  match(terminal.screen()[0], /replaying 50%/);
  sink.view({ ...replay, source: { ...replay.source, bytes: 100, ended: true } });
  equal(terminal.frames.length, 2);
  match(terminal.screen()[0], /replayed \(q quits\)/);
});

Deno.test("TuiSink gives the terminal back at once when a frame cannot be written", async () => {
  const { terminal, sink, err, out } = setup(0);
  sink.view(cases().normal);
  sink.diagnostic("monilog: held");
  terminal.write = () => {
    throw new Error("EIO");
  };
  throws(() => sink.view(cases().alert), /EIO/);
  equal(terminal.restored, 1);
  deepEqual(err, ["monilog: held"]);
  // What comes after goes straight to standard error; closing does nothing more.
  sink.diagnostic("monilog: after");
  deepEqual(err, ["monilog: held", "monilog: after"]);
  await sink.close(1000);
  equal(terminal.restored, 1);
  equal(out.length, 0);
});

Deno.test("TuiSink draws the next view at once after an alert or a recovery", async () => {
  const { clock, terminal, sink } = setup(10_000);
  sink.view(cases().normal);
  await clock.advance(250);
  sink.view(cases().normal);
  equal(terminal.frames.length, 1);
  const alert = cases().alert;
  sink.event(alert.engine.activeAlert!);
  sink.view(alert);
  equal(terminal.frames.length, 2);
  match(terminal.screen()[1], /!!! ALERT !!!/);
  sink.view(alert);
  equal(terminal.frames.length, 2);
});
