/**
 * `--http-token`: every route needs `Authorization: Bearer T`. A browser cannot put a header on an
 * EventSource, so the page is opened once as `/?token=T`: the server answers with a cookie holding the
 * token (HttpOnly, SameSite=Strict, so no other site's page can send it) and a redirect to `/` that
 * drops the token from the address bar and history; the page's later requests carry the cookie. Pure.
 */

/** Name of the cookie that keeps the token for the page. */
export const TOKEN_COOKIE = "monilog_token";

/** The outcome of checking a request. */
export type AuthResult =
  | { kind: "ok" }
  /** Valid `?token=` on the page: set the cookie and redirect to the clean address. */
  | { kind: "adopt"; cookie: string; location: string }
  | { kind: "denied" };

/** Checks `request` against `token` (undefined: no token asked, all pass). */
export function authorize(request: Request, url: URL, token: string | undefined): AuthResult {
  if (token === undefined) return { kind: "ok" };
  const header = request.headers.get("authorization");
  if (header !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m !== null && sameText(m[1], token) ? { kind: "ok" } : { kind: "denied" };
  }
  const query = url.searchParams.get("token");
  if (query !== null) {
    if (url.pathname !== "/" || !sameText(query, token)) return { kind: "denied" };
    const cookie = `${TOKEN_COOKIE}=${
      encodeURIComponent(token)
    }; Path=/; HttpOnly; SameSite=Strict`;
    return { kind: "adopt", cookie, location: "/" };
  }
  const cookie = cookieValue(request.headers.get("cookie"), TOKEN_COOKIE);
  return cookie !== undefined && sameText(cookie, token) ? { kind: "ok" } : { kind: "denied" };
}

/** The value of cookie `name` in a Cookie header, decoded; undefined when absent or malformed. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Compares in time that depends on the lengths only, not on where the texts differ. */
export function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
