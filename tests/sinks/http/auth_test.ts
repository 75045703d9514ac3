import { deepEqual, equal } from "node:assert/strict";
import { authorize, cookieValue, sameText } from "../../../src/sinks/http/auth.ts";

function check(
  path: string,
  headers: Record<string, string> = {},
  token: string | null = "s3cret",
) {
  const request = new Request(`http://127.0.0.1${path}`, { headers });
  return authorize(request, new URL(request.url), token ?? undefined).kind;
}

Deno.test("authorize() lets everything through when no token is asked", () => {
  equal(check("/metrics", {}, null), "ok");
});

Deno.test("authorize() wants the bearer token, the page's cookie, or ?token= on the page", () => {
  equal(check("/metrics", { authorization: "Bearer s3cret" }), "ok");
  equal(check("/metrics", { authorization: "bearer s3cret" }), "ok");
  equal(check("/events", { cookie: "a=b; monilog_token=s3cret" }), "ok");
  equal(check("/?token=s3cret"), "adopt");
  for (
    const [path, headers] of [
      ["/metrics", {}],
      ["/metrics", { authorization: "Bearer wrong" }],
      ["/metrics", { authorization: "Basic czNjcmV0" }],
      ["/metrics", { authorization: "Bearer s3cret extra" }],
      ["/?token=wrong", {}],
      // The token in the address is taken on the page only, where it is dropped at once.
      ["/metrics?token=s3cret", {}],
      ["/events", { cookie: "monilog_token=wrong" }],
      // A wrong header is not rescued by a good cookie.
      ["/events", { authorization: "Bearer x", cookie: "monilog_token=s3cret" }],
    ] as Array<[string, Record<string, string>]>
  ) equal(check(path, headers), "denied", `${path} ${JSON.stringify(headers)}`);
});

Deno.test("authorize() adopts ?token= as an HttpOnly, SameSite=Strict cookie and a clean address", () => {
  const request = new Request("http://127.0.0.1/?token=a%20b");
  deepEqual(authorize(request, new URL(request.url), "a b"), {
    kind: "adopt",
    cookie: "monilog_token=a%20b; Path=/; HttpOnly; SameSite=Strict",
    location: "/",
  });
});

Deno.test("cookieValue() finds one cookie and survives malformed ones", () => {
  equal(cookieValue("x=1; monilog_token=a%20b", "monilog_token"), "a b");
  equal(cookieValue("monilog_token=%E0%A4%A", "monilog_token"), undefined);
  equal(cookieValue(null, "monilog_token"), undefined);
  equal(cookieValue("monilog_tokenx=1", "monilog_token"), undefined);
});

Deno.test("sameText() compares whole texts", () => {
  equal(sameText("abc", "abc"), true);
  equal(sameText("abc", "abd"), false);
  equal(sameText("abc", "abcd"), false);
  equal(sameText("", ""), true);
});
