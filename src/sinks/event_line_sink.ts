/**
 * The line outputs: each event as text (coloured only when asked: a terminal without NO_COLOR, never a
 * file) or as a JSON line, on standard output or appended to the --output file.
 */
import type { MonitorEvent } from "../core/events.ts";
import { formatJson } from "./json_format.ts";
import { formatText } from "./text_format.ts";
import type { LineOutput } from "./line_output.ts";
import type { Sink } from "./sink.ts";

/** Options for {@linkcode EventLineSink}. */
export interface EventLineOptions {
  /** Names the output in messages. */
  name: string;
  out: LineOutput;
  /** JSON lines instead of text. */
  json: boolean;
  /** ANSI colour (text only). */
  color: boolean;
  /** The terminal's width now, for text that must not wrap; undefined for files and pipes. */
  width?: () => number | undefined;
}

/** Writes every event to one line output. */
export class EventLineSink implements Sink {
  readonly name: string;
  readonly output = true;
  readonly #o: EventLineOptions;

  constructor(options: EventLineOptions) {
    this.#o = options;
    this.name = options.name;
  }

  event(event: MonitorEvent): void {
    const { json, color, out } = this.#o;
    out.writeLine(
      json ? formatJson(event) : formatText(event, { color, width: this.#o.width?.() }),
    );
    // The last event of a run: out now, whatever the output gathers (a replay held on by --http).
    if (event.type === "summary") out.flush?.();
  }

  close(): Promise<void> {
    this.#o.out.close();
    return Promise.resolve();
  }
}
