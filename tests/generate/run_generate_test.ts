import { deepEqual, equal, match } from "node:assert/strict";
import { type GenerateConfig, runGenerate } from "../../src/generate/run_generate.ts";

function config(output: string, speed: number): GenerateConfig {
  return {
    phases: [{ rate: 50, duration: 20 }],
    start: 1_700_000_000,
    seed: 1,
    exact: true,
    format: "clf",
    output,
    speed,
  };
}

Deno.test("runGenerate() says once when it cannot keep the asked pace, and still writes everything", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A clock that jumps 2 s per reading: every second of traffic is already late when it is due.
    let clock = 0;
    const messages: string[] = [];
    const sleeps: number[] = [];
    const report = await runGenerate(config(`${dir}/a.log`, 10), {
      now: () => (clock += 2000),
      sleep: (ms) => Promise.resolve(void sleeps.push(ms)),
      stderr: (line) => messages.push(line),
      stdout: Deno.stdout,
    });
    equal(report.fellBehind, true);
    equal(messages.length, 1);
    match(messages[0], /cannot keep up with --speed 10: [\d.]+ s behind, writing \d+ lines\/s/);
    deepEqual(sleeps, []);
    equal(report.lines, 1000);
    equal((await Deno.readTextFile(`${dir}/a.log`)).split("\n").length - 1, 1000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runGenerate() paces the log's seconds at `speed` per real second", async () => {
  const dir = await Deno.makeTempDir();
  try {
    let clock = 0;
    const messages: string[] = [];
    const report = await runGenerate(config(`${dir}/a.log`, 4), {
      now: () => clock,
      sleep: (ms) => Promise.resolve(void (clock += ms)),
      stderr: (line) => messages.push(line),
      stdout: Deno.stdout,
    });
    // 20 log seconds at 4x: the last second is due 19/4 s after the first.
    equal(clock, 4750);
    equal(report.fellBehind, false);
    deepEqual(messages, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
