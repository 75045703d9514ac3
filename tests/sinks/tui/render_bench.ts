/**
 * Micro-benchmark of the dashboard's frame: render() of a 200×60 screen during an alert, with colour,
 * and the frame's escape codes around it — the main-thread cost of each redraw (budget: 2 ms).
 * Run: `npx deno bench -P=test --no-check tests/sinks/tui/render_bench.ts`.
 */
import { render } from "../../../src/sinks/tui/layout.ts";
import { frameText } from "../../../src/sinks/tui/terminal.ts";
import { cases } from "./_views.ts";

const all = cases();
const size = { columns: 200, rows: 60 };
const options = {
  color: true,
  tableMode: "window" as const,
  rowsShown: 10,
  paused: false,
  help: false,
};

Deno.bench("render() 200x60, alert, colour, 10 rows a table", () => {
  frameText(render(all.alert, size, options));
});

Deno.bench("render() 200x60, wide characters and escapes in the tables", () => {
  frameText(render(all.wide, size, options));
  frameText(render(all.escape, size, options));
});

Deno.bench("render() 80x24, alert, colour", () => {
  frameText(render(all.alert, { columns: 80, rows: 24 }, options));
});
