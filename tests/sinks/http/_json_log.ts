/** nginx-style JSON log lines (any text fits in a path or client), written at a pace, for tests. */

/** One request as an nginx `log_format … escape=json` line. */
export function jsonLine(
  t: number,
  fields: { host?: string; path?: string; status?: number } = {},
) {
  return JSON.stringify({
    time_iso8601: new Date(t * 1000).toISOString().replace(".000Z", "+00:00"),
    remote_addr: fields.host ?? "10.0.0.1",
    request_method: "GET",
    request_uri: fields.path ?? "/api/user",
    status: fields.status ?? 200,
    body_bytes_sent: 512,
    request_time: 0.012,
  });
}

/** Phases of traffic: `rate` requests per log second for `seconds` seconds. */
export interface Phase {
  rate: number;
  seconds: number;
  /** Lines of a second that carry hostile text (path and client), among `rate`. */
  hostile?: number;
}

export const HOSTILE_PATH = '/"><img src=x onerror=alert(1)>';
export const HOSTILE_CLIENT = "<script>alert(2)</script>";

/**
 * Appends the phases to `path`, one log second every `msPerSecond` of real time, starting at log
 * second `start`; resolves when all is written (or `signal` aborts).
 */
export async function writeSurge(
  path: string,
  start: number,
  phases: Phase[],
  msPerSecond: number,
  signal?: AbortSignal,
): Promise<number> {
  const file = await Deno.open(path, { append: true, create: true });
  const encoder = new TextEncoder();
  let t = start;
  try {
    for (const phase of phases) {
      for (let s = 0; s < phase.seconds && !signal?.aborted; s++, t++) {
        const lines: string[] = [];
        for (let i = 0; i < phase.rate; i++) {
          const bad = i < (phase.hostile ?? 0);
          lines.push(jsonLine(t, {
            host: bad ? HOSTILE_CLIENT : `10.0.${i % 4}.${i % 9}`,
            path: bad ? HOSTILE_PATH : ["/api/user", "/report/x", "/static/a.css"][i % 3],
            status: i % 10 === 9 ? 500 : 200,
          }));
        }
        await file.write(encoder.encode(lines.map((l) => `${l}\n`).join("")));
        await new Promise((r) => setTimeout(r, msPerSecond));
      }
    }
  } finally {
    file.close();
  }
  return t;
}
