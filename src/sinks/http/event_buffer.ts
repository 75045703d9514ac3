/**
 * The replay buffer behind `/events`: the most recent §4 events as ready-to-send SSE messages, each with
 * an id made of its log second, so that a browser reconnecting with `Last-Event-ID` is sent what it
 * missed. Bounded by count and by bytes, oldest dropped first. Pure.
 */

/** An event's SSE id: its log second, and a sequence number when a second carries more than one. */
export interface EventId {
  second: number;
  seq: number;
}

/** One buffered message. */
export interface BufferedEvent {
  id: EventId;
  /** The whole SSE message, blank line included. */
  message: string;
}

/** Formats an id: `1549573956`, or `1549573956.1` for the second event of that second. */
export function formatEventId(id: EventId): string {
  return id.seq === 0 ? String(id.second) : `${id.second}.${id.seq}`;
}

/** Parses a Last-Event-ID header; undefined when it is not one of ours. */
export function parseEventId(text: string | null): EventId | undefined {
  if (text === null) return undefined;
  const m = /^(-?\d{1,15})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (m === null) return undefined;
  return { second: Number(m[1]), seq: m[2] === undefined ? 0 : Number(m[2]) };
}

function after(a: EventId, b: EventId): boolean {
  return a.second > b.second || (a.second === b.second && a.seq > b.seq);
}

/** Bounded, ordered buffer of sent events. */
export class EventBuffer {
  readonly #events: BufferedEvent[] = [];
  /** Index of the oldest kept event in #events (a ring by offset, compacted now and then). */
  #head = 0;
  #bytes = 0;
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #last: EventId | undefined;
  /** The newest event dropped for room, if any. */
  #dropped: EventId | undefined;

  constructor(options: { maxEvents?: number; maxBytes?: number } = {}) {
    this.#maxEvents = options.maxEvents ?? 10_000;
    this.#maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  }

  /**
   * The id for an event of log second `second`: never before the last one given, so ids stay in order
   * even when an event names an earlier second than the one before it (a quiet run's start).
   */
  nextId(second: number): EventId {
    const last = this.#last;
    const id = last === undefined || second > last.second
      ? { second, seq: 0 }
      : { second: last.second, seq: last.seq + 1 };
    this.#last = id;
    return id;
  }

  /** Keeps a message under its id (ids from nextId, in order). */
  push(event: BufferedEvent): void {
    this.#events.push(event);
    this.#bytes += event.message.length;
    while (
      this.#events.length - this.#head > this.#maxEvents ||
      (this.#bytes > this.#maxBytes && this.#events.length - this.#head > 1)
    ) {
      const old = this.#events[this.#head];
      this.#bytes -= old.message.length;
      this.#dropped = old.id;
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#events.length) {
      this.#events.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** Events kept. */
  get size(): number {
    return this.#events.length - this.#head;
  }

  /**
   * What a client that last saw `last` missed, oldest first; `complete` is false when some of it was
   * already dropped from memory.
   */
  since(last: EventId | undefined): { events: BufferedEvent[]; complete: boolean } {
    const kept = this.#events.slice(this.#head);
    if (last === undefined) return { events: kept, complete: true };
    let i = kept.length;
    while (i > 0 && after(kept[i - 1].id, last)) i--;
    const complete = this.#dropped === undefined || !after(this.#dropped, last);
    return { events: kept.slice(i), complete };
  }
}

/** One SSE message: `event:` name, optional `id:`, data lines (a payload never holds a raw newline). */
export function sseMessage(event: string, data: string, id?: EventId): string {
  const idLine = id === undefined ? "" : `id: ${formatEventId(id)}\n`;
  return `event: ${event}\n${idLine}data: ${data.replace(/\n/g, "\ndata: ")}\n\n`;
}
