/**
 * `monitor --http`: what the wiring needs — the options' type, their parser, and the sink built from
 * them (see http_sink.ts for how it keeps browsers from slowing the reading).
 */
import { InvalidArgumentError } from "@commander-js/extra-typings";
import { RuntimeFailure } from "../../errors.ts";
import type { Clock } from "../../clock.ts";
import type { RequestCounter } from "../../core/request_counter.ts";
import { HttpSink, ListenError } from "./http_sink.ts";
import { type ListenAddress, parseListenAddress } from "./listen_address.ts";

export { HttpSink } from "./http_sink.ts";
export { RequestCounter } from "../../core/request_counter.ts";

/** The web server's settings (MonitorConfig.http). */
export interface HttpConfig {
  address: ListenAddress;
  /** Bearer token every request must carry. */
  token?: string;
  /** Sections with their own series in /metrics; the rest are "other". */
  metricsSections: number;
}

/** Default of --metrics-sections (spec §7). */
export const DEFAULT_METRICS_SECTIONS = 50;

/** The environment variable that may hold the token instead of --http-token (spec §6). */
export const TOKEN_ENV = "MONILOG_HTTP_TOKEN";

/** commander parser for `--http [HOST:]PORT`. */
export function listenAddressOption(value: string): ListenAddress {
  try {
    return parseListenAddress(value);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
}

/** Starts the web server and says where on stderr; a failure to listen is a RuntimeFailure. */
export function startHttpSink(
  config: HttpConfig,
  world: {
    clock: Clock;
    stderr: (line: string) => void;
    requests: RequestCounter | undefined;
    /** The run holds after the end of its input (--once): say so when it comes. */
    holds: boolean;
  },
): HttpSink {
  let sink: HttpSink;
  try {
    sink = new HttpSink({
      address: config.address,
      token: config.token,
      clock: world.clock,
      requests: world.requests,
      onInputEnd: world.holds
        ? () => world.stderr(`monilog: replay done; the page stays at ${sink.url}/ until Ctrl-C`)
        : undefined,
    });
  } catch (err) {
    if (err instanceof ListenError) throw new RuntimeFailure(err.message);
    throw err;
  }
  world.stderr(
    `monilog: web page at ${sink.url}/${config.token === undefined ? "" : " (token required)"}`,
  );
  return sink;
}
