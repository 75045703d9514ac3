/**
 * Renders events as JSON lines (spec §4). Key names follow the spec's examples; extra keys are welcome
 * there and carry the rest of the figures. Pure: returns the line without its newline.
 */
import type { MonitorEvent, Ranked } from "../core/events.ts";
import { escapeJsonForTerminal } from "./escape.ts";

/** Returns the event as one line of JSON. */
export function formatJson(event: MonitorEvent): string {
  return escapeJsonForTerminal(JSON.stringify(toJson(event)));
}

function toJson(event: MonitorEvent): Record<string, unknown> {
  switch (event.type) {
    case "stats":
      return {
        type: "stats",
        start: event.start,
        end: event.end,
        hits: event.hits,
        rate: round2(event.hits / Math.max(1, event.end - (event.since ?? event.start))),
        bytes: event.bytes,
        sections: ranked(event.sections, "section"),
        sectionCount: event.sectionCount,
        status: event.status,
        statusClasses: event.statusClasses,
        clients: ranked(event.clients, "client"),
        clientCount: event.clientCount,
        methods: event.methods,
        ...(event.vhosts
          ? { vhosts: ranked(event.vhosts, "vhost"), vhostCount: event.vhostCount }
          : {}),
        ...(event.byFile ? { byFile: ranked(event.byFile, "file") } : {}),
        ...(event.approximate ? { approximate: true } : {}),
        ...(event.latency ? { latency: event.latency } : {}),
        invalid: event.invalid,
        late: event.late,
        skewed: event.skewed,
        ...(event.partial ? { partial: true } : {}),
        ...(event.since !== undefined ? { since: event.since } : {}),
      };
    case "quiet":
      return { ...event };
    case "alert":
    case "recover":
      return { ...event, rate: round2(event.rate) };
    case "summary":
      return {
        type: "summary",
        // With no record read there is no span: null, since 0 would be a real time (1970).
        start: event.hits > 0 ? event.start : null,
        end: event.hits > 0 ? event.end : null,
        hits: event.hits,
        bytes: event.bytes,
        invalid: event.invalid,
        late: event.late,
        unreported: event.unreported,
        skewed: event.skewed,
        sections: ranked(event.sections, "section"),
        status: event.status,
        statusClasses: event.statusClasses,
        clients: ranked(event.clients, "client"),
        clientCount: event.clientCount,
        ...(event.clientCountError > 0 ? { clientCountError: event.clientCountError } : {}),
        methods: event.methods,
        ...(event.vhosts ? { vhosts: ranked(event.vhosts, "vhost") } : {}),
        ...(event.byFile ? { byFile: ranked(event.byFile, "file") } : {}),
        ...(event.latency ? { latency: event.latency } : {}),
        alerts: event.alerts.map((a) => ({ ...a, rate: round2(a.rate) })),
        alerting: event.alerting,
        ...(event.files ? { files: event.files } : {}),
      };
  }
}

function ranked(rows: Ranked[], name: string) {
  return rows.map((r) =>
    r.error ? { [name]: r.key, hits: r.hits, error: r.error } : { [name]: r.key, hits: r.hits }
  );
}

/** Rounds to two decimals, as a rate is shown (1198 / 120 → 9.98). */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
