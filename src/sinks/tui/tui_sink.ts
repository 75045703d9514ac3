/**
 * `monitor --tui`: the dashboard as a Sink. It redraws the whole screen from the newest view, at most
 * once per `refreshMs` of machine time (a key or a resize redraws at once), keeps the summary event
 * for after the screen is given back, and turns keys into actions: quit asks the pipeline to stop
 * (the summary then comes through `event`, and `close` prints it on the normal screen).
 */
import type { Clock } from "../../clock.ts";
import type { MonitorEvent, SummaryEvent } from "../../core/events.ts";
import type { MonitorView, Sink } from "../sink.ts";
import { formatText } from "../text_format.ts";
import { render, type RenderOptions } from "./layout.ts";
import { type KeyAction, keyActions } from "./keys.ts";
import { TABLE_MODES } from "./tables.ts";
import { CLEAR_SCREEN, ENTER_SCREEN, frameText, type TerminalIo } from "./terminal.ts";

/** Bounds of `--refresh`, seconds. */
export { REFRESH_MAX, REFRESH_MIN } from "./refresh.ts";
const ROWS_MAX = 50;

/** What the dashboard is built with. */
export interface TuiSinkOptions {
  clock: Clock;
  /** Asks the monitor to stop (for `q` and Ctrl-C, each press), as SIGINT would. */
  requestStop: () => void;
  terminal: TerminalIo;
  /** Least machine time between two frames drawn for new views. */
  refreshMs: number;
  /** ANSI colours allowed (no NO_COLOR). */
  color: boolean;
  /** Rows per table to start with (`--top`). */
  rows: number;
  /** Writes a line (the summary) on the normal standard output, once the screen is restored. */
  stdout: (line: string) => void;
  /** Writes a line on standard error (diagnostics held while the screen is taken). */
  stderr: (line: string) => void;
}

/** Diagnostics held while the screen is taken, printed after it is restored. */
const HELD_MAX = 100;
/** How long a diagnostic stays in the footer, ms of machine time. */
const MESSAGE_MS = 15_000;

/** The terminal dashboard. */
export class TuiSink implements Sink {
  readonly name = "terminal dashboard";
  readonly output = true;
  readonly #o: TuiSinkOptions;
  readonly #render: RenderOptions;
  #latest: MonitorView | undefined;
  /** The view on screen: the one kept while paused. */
  #shown: MonitorView | undefined;
  #lastDraw = -Infinity;
  #entered = false;
  #closed = false;
  #clear = false;
  /** An alert or a recovery came since the last frame. */
  #urgent = false;
  #summary: SummaryEvent | undefined;
  readonly #held: string[] = [];
  /** When the footer's message came (it goes after MESSAGE_MS). */
  #messageAt = 0;
  #heldDropped = 0;
  readonly #stops: Array<() => void> = [];

  constructor(options: TuiSinkOptions) {
    this.#o = options;
    this.#render = {
      color: options.color,
      tableMode: "window",
      rowsShown: Math.max(1, Math.min(ROWS_MAX, options.rows)),
      paused: false,
      help: false,
    };
  }

  /** The display options now (for tests and the help). */
  get state(): Readonly<RenderOptions> {
    return this.#render;
  }

  event(event: MonitorEvent): void {
    if (event.type === "summary") this.#summary = event;
    // A change of state shows with the next view, not up to a refresh period later.
    if (event.type === "alert" || event.type === "recover") this.#urgent = true;
  }

  view(view: MonitorView): void {
    if (this.#closed) return;
    this.#latest = view;
    if (!this.#entered) this.#enter();
    if (this.#render.paused) return;
    // The last view of a finished input is drawn at once: no other view may follow it.
    const now = view.source.ended || this.#urgent;
    if (!now && this.#o.clock.now() - this.#lastDraw < this.#o.refreshMs) return;
    this.#urgent = false;
    this.#draw();
  }

  /**
   * A diagnostic line (a notice, a failed output): written to standard error at once while the screen
   * is not taken; else held — a write would land in the middle of the frame — shown in the footer and
   * printed after the screen is restored.
   */
  diagnostic(line: string): void {
    this.#render.message = line;
    this.#messageAt = this.#o.clock.now();
    if (!this.#entered || this.#closed) return this.#o.stderr(line);
    if (this.#held.length < HELD_MAX) this.#held.push(line);
    else this.#heldDropped++;
  }

  close(_deadlineMs: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#giveBack();
    if (this.#summary !== undefined) {
      this.#o.stdout(formatText(this.#summary, { color: this.#o.color }));
    }
    return Promise.resolve();
  }

  /** Restores the terminal and prints what was held for after: once, on close or on a failure. */
  #giveBack(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stop of this.#stops.splice(0)) stop();
    if (this.#entered) this.#o.terminal.restore();
    for (const line of this.#held.splice(0)) this.#o.stderr(line);
    if (this.#heldDropped > 0) {
      this.#o.stderr(`monilog: ${this.#heldDropped} more messages were not kept`);
    }
  }

  #enter(): void {
    const t = this.#o.terminal;
    this.#entered = true;
    t.setRaw(true);
    t.write(ENTER_SCREEN);
    this.#stops.push(t.onKey((input) => this.#keys(input)));
    this.#stops.push(t.onResize(() => {
      this.#clear = true;
      this.#draw();
    }));
  }

  #keys(input: string): void {
    if (this.#closed) return;
    for (const action of keyActions(input)) this.#act(action);
    try {
      this.#draw();
    } catch (err) {
      // A key has no caller to report to: say it, and stop as `q` would (the screen is back).
      this.#o.stderr(`monilog: terminal dashboard failed: ${err}`);
      this.#o.requestStop();
    }
  }

  #act(action: KeyAction): void {
    const r = this.#render;
    switch (action) {
      case "quit":
        // Every press asks: a second one means "at once" to a pipeline that drains a backlog first.
        this.#o.requestStop();
        return;
      case "help":
        r.help = !r.help;
        return;
      case "closeHelp":
        r.help = false;
        return;
      case "pause":
        r.paused = !r.paused;
        return;
      case "tables":
        r.tableMode = TABLE_MODES[(TABLE_MODES.indexOf(r.tableMode) + 1) % TABLE_MODES.length];
        return;
      case "more":
        r.rowsShown = Math.min(ROWS_MAX, r.rowsShown + 1);
        return;
      case "less":
        r.rowsShown = Math.max(1, r.rowsShown - 1);
        return;
    }
  }

  #draw(): void {
    // Paused, the screen keeps the view it showed; else every frame shows the newest.
    const view = this.#render.paused ? this.#shown ?? this.#latest : this.#latest;
    if (this.#closed || view === undefined) return;
    this.#shown = view;
    const t = this.#o.terminal;
    if (this.#o.clock.now() - this.#messageAt > MESSAGE_MS) this.#render.message = undefined;
    try {
      const lines = render(view, t.size(), this.#render);
      t.write((this.#clear ? CLEAR_SCREEN : "") + frameText(lines));
    } catch (err) {
      // The fan-out takes a failed sink out without closing it: give the screen back first, so
      // that the failure can be read.
      this.#giveBack();
      throw err;
    }
    this.#clear = false;
    this.#lastDraw = this.#o.clock.now();
  }
}
