import { equal, match } from "node:assert/strict";
import { render, type RenderOptions } from "../../../src/sinks/tui/layout.ts";
import { displayWidth } from "../../../src/sinks/tui/text_width.ts";
import { clockTime } from "../../../src/sinks/tui/header.ts";
import { cases, trafficView } from "./_views.ts";

const SIZES = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 200, rows: 60 },
];
const PLAIN: RenderOptions = {
  color: false,
  tableMode: "window",
  rowsShown: 5,
  paused: false,
  help: false,
};
// deno-lint-ignore no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/** Checks what every frame must hold, and returns it as one string. */
function frame(name: string, size: { columns: number; rows: number }, o = PLAIN): string {
  const lines = render(cases()[name], size, o);
  equal(lines.length, size.rows, `${name} ${size.columns}x${size.rows}: line count`);
  lines.forEach((l, i) => {
    equal(displayWidth(l), size.columns, `${name} ${size.columns}x${size.rows} line ${i}: "${l}"`);
    equal(
      CONTROL.test(l),
      false,
      `control character in line ${i}: ${JSON.stringify(l)}`,
    );
  });
  // With colour: the same text once the colour codes are taken out, and nothing but colour codes.
  const colored = render(cases()[name], size, { ...o, color: true });
  equal(colored.map((l) => l.replace(SGR, "")).join("\n"), lines.join("\n"));
  for (const l of colored) {
    // deno-lint-ignore no-control-regex
    equal(/[\x00-\x1a\x1c-\x1f\x7f-\x9f]/.test(l.replace(SGR, "")), false);
  }
  return lines.join("\n");
}

for (const size of SIZES) {
  const at = `${size.columns}x${size.rows}`;

  Deno.test(`render() at ${at}: normal traffic shows the rate, OK, the chart and the tables`, () => {
    const s = frame("normal", size);
    match(s, /^ OK {2}.*6\.00 req\/s <= 10/m);
    match(s, /window rate \[█+·*\|·+\] 6\.00 \/ 10 req\/s/);
    match(s, /Requests\/s over the last 120 s/);
    match(s, /10 ┼─+/);
    match(s, /Top sections/);
    match(s, /Top clients/);
    match(s, /Status codes/);
    match(s, /\/api +\d+ +\d+\.\d%/);
    match(s, /2xx 70(\.0)?%/);
    match(s, /GET/);
    match(s, /no alert so far/);
    match(s, /q quit {2}\? help {2}p pause {2}t tables \(window\)/);
    match(s, /combined {1,2}following {1,2}log (time )?\S+/);
    match(s, /invalid 0 {1,2}late 0/);
  });

  Deno.test(`render() at ${at}: an active alert is a banner with its start and duration`, () => {
    const v = cases().alert;
    const since = v.engine.activeAlert!.time;
    const s = frame("alert", size);
    const banner = s.split("\n")[1];
    match(banner, /^ !!! ALERT !!! {2}since \d\d:\d\d:\d\d for \d+s/);
    equal(banner.includes(`since ${clockTime(since)} for ${v.engine.time! - since}s`), true);
    match(banner, /15\.03 req\/s > 10/);
    match(s, /\|▓+/);
    match(s, /Alerts 1 raised, 1 active/);
    match(s, /High traffic generated an alert - hits = \d+, triggered at/);
  });

  Deno.test(`render() at ${at}: after the recovery the state is OK and the history has both`, () => {
    const s = frame("recovered", size);
    match(s.split("\n")[1], /^ OK {2}.*recovered at \d\d:\d\d:\d\d/);
    match(s, /High traffic generated an alert - hits = 1214, triggered at/);
    match(s, /Traffic recovered - hits = 1183, recovered at/);
    match(s, /alert lasted/);
  });

  Deno.test(`render() at ${at}: an empty log waits, with an empty chart and tables`, () => {
    const s = frame("empty", size);
    match(s, /waiting for the first complete second of log time/);
    match(s, /no requests yet/);
    match(s, /^no requests {2,}/m);
    match(s, /format \?/);
  });

  Deno.test(`render() at ${at}: a log with response times shows p50, p90 and p99`, () => {
    const s = frame("latency", size);
    match(s, /latency p50 [\d.]+ ms {2}p90 [\d.]+ ms {2}p99 [\d.]+ ms/);
  });

  Deno.test(`render() at ${at}: a section holding an escape sequence is shown escaped`, () => {
    const s = frame("escape", size);
    equal(s.includes("\x1b"), false);
    equal(s.includes("\x07"), false);
    equal(s.includes("\u202e"), false);
    match(s, /\/\\x1b\[31m/);
    match(s, /\/\\x07bell/);
  });

  Deno.test(`render() at ${at}: wide and combining characters keep every cell in place`, () => {
    const s = frame("wide", size);
    match(s, /\/日本語/);
    match(s, /\/café\u0301s/);
    // Every row of the sections table puts its hits in the same cells.
    const rows = s.split("\n").filter((l) => /^\/(日|caf|👍|api|🇫)/.test(l));
    equal(rows.length, 5, s);
    const hitsAt = rows.map((l) => displayWidth(l.slice(0, l.search(/ +\d+ +\d+\.\d%/))));
    for (const x of hitsAt) equal(x <= hitsAt[0] + 16, true);
    const ends = rows.map((l) => {
      const m = l.match(/^(.*?\d+\.\d%)/)!;
      return displayWidth(m[1]);
    });
    equal(new Set(ends).size, 1, `share column moved: ${ends}`);
  });
}

Deno.test("render() switches the tables between the last interval, the window and the run", () => {
  const size = { columns: 120, rows: 40 };
  const interval = frame("normal", size, { ...PLAIN, tableMode: "interval" });
  match(interval, /\[last interval\]/);
  match(interval, /t tables \(last interval\)/);
  const run = frame("normal", size, { ...PLAIN, tableMode: "run" });
  match(run, /\[run\]/);
  // The last interval holds 10 s of 6 req/s; the run all of them.
  match(interval, /200 +36 +60\.0%/);
  match(run, /200 +\d{3,} +60\.0%/);
});

Deno.test("render() before any interval was reported says so in interval mode", () => {
  const s = render(trafficView([[5, 3]]), { columns: 80, rows: 24 }, {
    ...PLAIN,
    tableMode: "interval",
  }).join("\n");
  match(s, /no interval reported yet/);
});

Deno.test("render() shows as many table rows as asked, within the screen", () => {
  const count = (rows: number, height: number) =>
    render(cases().normal, { columns: 120, rows: height }, { ...PLAIN, rowsShown: rows })
      .filter((l) => /^\/\S* +\d+ +\d+\.\d%/.test(l)).length;
  equal(count(3, 40), 3);
  equal(count(7, 40), 7);
  // 24 rows cannot hold 20 table rows and the rest: the tables give way, the frame stays 24 rows.
  equal(count(20, 24) < 20, true);
});

Deno.test("render() draws the help box over the dashboard and says PAUSED in the footer", () => {
  const s = frame("alert", { columns: 80, rows: 24 }, { ...PLAIN, help: true, paused: true });
  match(s, /┌ Keys ─+┐/);
  match(s, /│ q, Ctrl-C +quit/);
  match(s, /PAUSED/);
  // The banner stays visible above the box.
  match(s.split("\n")[1], /!!! ALERT !!!/);
});

Deno.test("render() still fills a terminal smaller than 80x24", () => {
  for (
    const size of [{ columns: 40, rows: 10 }, { columns: 20, rows: 5 }, { columns: 1, rows: 1 }]
  ) {
    const lines = render(cases().alert, size, PLAIN);
    equal(lines.length, size.rows);
    for (const l of lines) equal(displayWidth(l), size.columns);
  }
});

Deno.test("render() names skewed lines in the header", () => {
  const view = trafficView([[6, 300]], { outlierAfter: 600 });
  equal(view.engine.run.skewed, 1);
  for (const size of SIZES) {
    match(render(view, size, PLAIN)[0], /invalid 0 {1,2}late 0 {1,2}skewed 1 *$/);
  }
  match(render(cases().normal, { columns: 120, rows: 40 }, PLAIN)[0], /skewed 0/);
  equal(render(cases().normal, { columns: 80, rows: 24 }, PLAIN)[0].includes("skewed"), false);
});
