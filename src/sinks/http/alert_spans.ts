/**
 * The alert spans of the run, for shading the page's chart: each alert opens one, its recovery closes
 * it. Kept apart from the view (which holds only the last alerts) so a whole replay is shaded; bounded,
 * oldest dropped first.
 */
import type { MonitorEvent } from "../../core/events.ts";

/** `[start, end]` in log seconds; `end` null while the alert is active. */
export type AlertSpan = [number, number | null];

/** Spans kept at most. */
export const MAX_SPANS = 10_000;

/** Collects alert spans from the engine's events. */
export class AlertSpans {
  readonly #spans: AlertSpan[] = [];
  readonly #max: number;
  #version = 0;

  constructor(max = MAX_SPANS) {
    this.#max = max;
  }

  /** Changes with every change of the spans. */
  get version(): number {
    return this.#version;
  }

  /** Takes note of an event (only alerts and recoveries matter). */
  add(event: MonitorEvent): void {
    if (event.type === "alert" || event.type === "recover") this.#version++;
    if (event.type === "alert") {
      this.#spans.push([event.time, null]);
      if (this.#spans.length > this.#max) this.#spans.shift();
    } else if (event.type === "recover") {
      const last = this.#spans.at(-1);
      if (last !== undefined && last[1] === null) last[1] = event.time;
    }
  }

  /** A copy of the spans, oldest first. */
  list(): AlertSpan[] {
    return this.#spans.map(([s, e]) => [s, e]);
  }
}
