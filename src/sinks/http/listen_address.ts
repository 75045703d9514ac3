/** `--http [HOST:]PORT`: where the web server listens. Pure. */

/** A host and port to listen on. */
export interface ListenAddress {
  hostname: string;
  port: number;
}

/** Loopback unless a host is given: the page shows what the log holds. */
export const DEFAULT_HOST = "127.0.0.1";

/**
 * Parses `PORT`, `HOST:PORT` or `[IPv6]:PORT` (port 0 picks a free one). Throws an Error naming what
 * is wrong, for the option parser to turn into a usage error.
 */
export function parseListenAddress(text: string): ListenAddress {
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(text.trim());
  if (m === null) {
    throw new Error(`"${text}" is not [HOST:]PORT (e.g. 8080, 0.0.0.0:8080 or [::1]:8080)`);
  }
  const port = Number(m[2]);
  if (port > 65535) throw new Error(`port ${port} is out of range (0 to 65535)`);
  const host = m[1] === undefined ? DEFAULT_HOST : m[1].replace(/^\[|\]$/g, "");
  return { hostname: host, port };
}

/** The address as a URL's origin (`http://127.0.0.1:8080`, `http://[::1]:8080`). */
export function originOf(address: ListenAddress): string {
  const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname;
  return `http://${host}:${address.port}`;
}
