/**
 * Writes each event to standard output and, with --output, appends it to a file: JSON lines with --json,
 * otherwise text (coloured only on a terminal; never in the file).
 */
import type { MonitorEvent } from "../core/events.ts";
import { formatJson } from "./json_format.ts";
import { formatText } from "./text_format.ts";
import type { LineOutput } from "./line_output.ts";

/** Options for {@linkcode EventWriter}. */
export interface EventWriterOptions {
  /** JSON lines instead of text. */
  json: boolean;
  /** Colour on the main output (text only). */
  color: boolean;
  /** The main output, usually standard output. */
  main: LineOutput;
  /** A file that also receives every line, without colour. */
  copy?: LineOutput;
}

/** Formats events and writes them to every destination. */
export class EventWriter {
  readonly #o: EventWriterOptions;

  /** Creates a writer. */
  constructor(options: EventWriterOptions) {
    this.#o = options;
  }

  /** Writes one event. */
  write(event: MonitorEvent): void {
    const { json, color, main, copy } = this.#o;
    if (json) {
      const line = formatJson(event);
      main.writeLine(line);
      copy?.writeLine(line);
      return;
    }
    const plain = formatText(event, { color: false });
    main.writeLine(color ? formatText(event, { color: true }) : plain);
    copy?.writeLine(plain);
  }

  /** Closes the file copy (standard output stays open). */
  close(): void {
    this.#o.copy?.close();
  }
}
