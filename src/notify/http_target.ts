/**
 * Receiver URLs as the user gives them, made safe to use and to name. fetch refuses a URL that holds
 * `user:pass@`, so credentials move to an Authorization header; and a receiver is only ever named by
 * its kind and host, since the rest of a URL (a Slack webhook's path, an ntfy token, a password) is a
 * secret.
 */

/** A URL ready for fetch, with the credentials it held as a header. */
export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  /** "webhook hooks.example.com": safe to print. */
  name: string;
}

/** Why a receiver URL was refused; names the flag, never the value (it may hold a secret). */
export class ReceiverUrlError extends Error {
  override name = "ReceiverUrlError";
}

/** Reads an http(s) URL given to `flag` (e.g. "--webhook") for a receiver of kind `kind`. */
export function httpTarget(flag: string, kind: string, value: string): HttpTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReceiverUrlError(`${flag}: expected an http:// or https:// URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ReceiverUrlError(
      `${flag}: expected an http:// or https:// URL, not ${url.protocol.slice(0, -1)}://`,
    );
  }
  const headers: Record<string, string> = {};
  if (url.username !== "" || url.password !== "") {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${
      btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${pass}`)))
    }`;
    url.username = "";
    url.password = "";
  }
  return { url: url.href, headers, name: `${kind} ${url.host}` };
}
