/**
 * `monitor --http`: what the wiring needs — the options' type, their parser, and the sink built from
 * them (see http_sink.ts for how it keeps browsers from slowing the reading).
 */
import { RuntimeFailure } from "../../errors.ts";
import type { Clock } from "../../clock.ts";
import type { RequestCounter } from "../../core/request_counter.ts";
import { HttpSink, ListenError } from "./http_sink.ts";

export { HttpSink } from "./http_sink.ts";
export { RequestCounter } from "../../core/request_counter.ts";

export {
  DEFAULT_METRICS_SECTIONS,
  type HttpConfig,
  listenAddressOption,
  TOKEN_ENV,
} from "./options.ts";
import type { HttpConfig } from "./options.ts";

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
