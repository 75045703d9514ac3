import { deepEqual, equal, throws } from "node:assert/strict";
import { httpTarget, ReceiverUrlError } from "../../src/notify/http_target.ts";

Deno.test("httpTarget() moves credentials to a header and names the receiver by host only", () => {
  const t = httpTarget(
    "--ntfy",
    "ntfy",
    "https://bob:s%C3%A9cret@ntfy.example.com:8443/alerts?x=1",
  );
  equal(t.url, "https://ntfy.example.com:8443/alerts?x=1");
  equal(t.name, "ntfy ntfy.example.com:8443");
  deepEqual(t.headers, { authorization: `Basic ${btoa("bob:s\u00c3\u00a9cret")}` });
});

Deno.test("httpTarget() refuses what is not http(s) without repeating the value", () => {
  for (const bad of ["hooks.slack.com/services/T0/B0/SECRET", "ftp://SECRET@x/", ""]) {
    throws(() => httpTarget("--slack", "slack", bad), (err: Error) => {
      equal(err instanceof ReceiverUrlError, true);
      equal(err.message.includes("SECRET"), false, err.message);
      equal(err.message.startsWith("--slack: expected an http:// or https:// URL"), true);
      return true;
    });
  }
});
