import { deepEqual } from "node:assert/strict";
import { route } from "../../../src/sinks/http/router.ts";

const at = (path: string) => new URL(`http://127.0.0.1${path}`);

Deno.test("route() knows its routes and answers GET and HEAD only", () => {
  for (
    const [path, name] of [
      ["/", "page"],
      ["/events", "events"],
      ["/api/state", "state"],
      ["/api/series", "series"],
      ["/metrics", "metrics"],
      ["/healthz", "healthz"],
      ["/?token=x", "page"],
    ]
  ) {
    deepEqual(route("GET", at(path)), { kind: "route", route: name });
    deepEqual(route("HEAD", at(path)), { kind: "route", route: name });
  }
  deepEqual(route("POST", at("/")).kind === "error" && route("POST", at("/")), {
    kind: "error",
    status: 405,
    message: "only GET and HEAD are served",
  });
});

Deno.test("route() gives 404 for anything else, 414 for a huge target", () => {
  for (const path of ["/index.html", "/api", "/api/state/", "/constructor", "/__proto__", "/%00"]) {
    const r = route("GET", at(path));
    deepEqual(r.kind === "error" && r.status, 404, path);
  }
  const r = route("GET", at(`/?q=${"x".repeat(5000)}`));
  deepEqual(r.kind === "error" && r.status, 414);
});
