/** The web server's routes: which handler a request goes to, or which 4xx it gets. Pure. */

/** The routes the server answers. */
export type RouteName = "page" | "events" | "state" | "series" | "metrics" | "healthz";

const ROUTES: Record<string, RouteName> = {
  "/": "page",
  "/events": "events",
  "/api/state": "state",
  "/api/series": "series",
  "/metrics": "metrics",
  "/healthz": "healthz",
};

/** Where a request goes. */
export type Routed =
  | { kind: "route"; route: RouteName }
  | { kind: "error"; status: 404 | 405 | 414; message: string };

/** Longest request target the server reads: the routes are short, anything longer is a probe. */
const MAX_TARGET = 4096;

/** Routes `method` and `url` (GET and HEAD only: nothing on the server can be changed). */
export function route(method: string, url: URL): Routed {
  if (url.pathname.length + url.search.length > MAX_TARGET) {
    return { kind: "error", status: 414, message: "request target too long" };
  }
  const name = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
  if (name === undefined) return { kind: "error", status: 404, message: "not found" };
  if (method !== "GET" && method !== "HEAD") {
    return { kind: "error", status: 405, message: "only GET and HEAD are served" };
  }
  return { kind: "route", route: name };
}
