import { deepEqual, equal, throws } from "node:assert/strict";
import { originOf, parseListenAddress } from "../../../src/sinks/http/listen_address.ts";

Deno.test("parseListenAddress() takes PORT, HOST:PORT and [IPv6]:PORT, loopback by default", () => {
  deepEqual(parseListenAddress("8080"), { hostname: "127.0.0.1", port: 8080 });
  deepEqual(parseListenAddress("0.0.0.0:80"), { hostname: "0.0.0.0", port: 80 });
  deepEqual(parseListenAddress("localhost:0"), { hostname: "localhost", port: 0 });
  deepEqual(parseListenAddress("[::1]:9000"), { hostname: "::1", port: 9000 });
});

Deno.test("parseListenAddress() names what is wrong", () => {
  throws(() => parseListenAddress("99999"), /port 99999 is out of range/);
  for (const bad of ["", "http://x:80", "x:", ":80", "a b:80", "::1:80", "8080x"]) {
    throws(() => parseListenAddress(bad), /is not \[HOST:\]PORT/, bad);
  }
});

Deno.test("originOf() brackets an IPv6 host", () => {
  equal(originOf({ hostname: "::1", port: 1 }), "http://[::1]:1");
  equal(originOf({ hostname: "127.0.0.1", port: 2 }), "http://127.0.0.1:2");
});
