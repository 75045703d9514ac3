/**
 * The options of `monitor --http`, apart from the server itself: the CLI reads them without loading
 * the web server (start-up stays light when --http is not given).
 */
import { type ListenAddress, parseListenAddress } from "./listen_address.ts";

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

/** The command-line parser for `--http [HOST:]PORT`. */
export function listenAddressOption(value: string): ListenAddress {
  try {
    return parseListenAddress(value);
  } catch (err) {
    throw new Error(`${(err as Error).message}.`);
  }
}
