import { deepEqual, equal } from "node:assert/strict";
import { expectedStory, type Phase, profileSeconds } from "../../src/generate/profile.ts";

Deno.test("expectedStory() forecasts the alert and the recovery of spec §3's worked examples", () => {
  const rule = { threshold: 10, window: 120 };
  const table: Array<[string, Phase[], { alert?: number; recover?: number }]> = [
    ["11/s for 300 s, then 5/s", [{ rate: 11, duration: 300 }, { rate: 5, duration: 300 }], {
      alert: 109,
      recover: 319,
    }],
    ["20/s for 60 s, then 10/s", [{ rate: 20, duration: 60 }, { rate: 10, duration: 300 }], {
      alert: 60,
      recover: 179,
    }],
    ["exactly 10/s is not above 10", [{ rate: 10, duration: 600 }], {}],
    ["the traffic ends before the window drains", [{ rate: 20, duration: 200 }, {
      rate: 0,
      duration: 30,
    }], { alert: 60 }],
    ["simulate's default profile", [{ rate: 6, duration: 150 }, { rate: 16, duration: 150 }, {
      rate: 4,
      duration: 150,
    }], { alert: 198, recover: 359 }],
  ];
  for (const [what, phases, expected] of table) {
    deepEqual(expectedStory(phases, rule), expected, what);
  }
});

Deno.test("expectedStory() is not fooled by fractional rates that add up to the threshold", () => {
  // 0.3 added 120 times is a little more than 36 in floating point.
  for (const rate of [0.3, 0.7, 2.3, 9.7]) {
    deepEqual(expectedStory([{ rate, duration: 600 }], { threshold: rate, window: 120 }), {});
  }
});

Deno.test("profileSeconds() adds the phases' durations", () => {
  equal(profileSeconds([{ rate: 1, duration: 150 }, { rate: 2, duration: 30 }]), 180);
  equal(profileSeconds([]), 0);
});
