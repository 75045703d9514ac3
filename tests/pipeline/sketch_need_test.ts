import { equal } from "node:assert/strict";
import { needsSketches } from "../../src/pipeline/sketch_need.ts";
import type { MonitorConfig } from "../../src/pipeline/monitor_config.ts";
import { DEFAULT_ENGINE_OPTIONS } from "../../src/core/engine.ts";
import { clfLine } from "../_helpers/cli.ts";

function config(file: string, more: Partial<MonitorConfig> = {}): MonitorConfig {
  return {
    file,
    files: [file],
    byFile: false,
    format: "auto",
    fromStart: false,
    once: true,
    idleTimeout: 0,
    jobs: 1,
    json: true,
    engine: DEFAULT_ENGINE_OPTIONS,
    ...more,
  };
}

const json = (i: number) =>
  JSON.stringify({ time_iso8601: "2026-01-01T00:00:00Z", status: 200, request_time: i / 10 });

Deno.test("needsSketches() spares a replay of Common, Combined or CSV the sketches, and no other run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "monilog-sketch-" });
  try {
    const write = async (name: string, lines: string[]) => {
      await Deno.writeTextFile(`${dir}/${name}`, lines.join("\n") + "\n");
      return `${dir}/${name}`;
    };
    const clf = await write("a.log", Array.from({ length: 30 }, (_, i) => clfLine(1e9 + i)));
    const one = await write("one.log", [clfLine(1e9)]);
    const js = await write("a.jsonl", Array.from({ length: 30 }, (_, i) => json(i)));
    const empty = await write("empty.log", []);
    const garbage = await write("junk.log", ["what", "is", "this", "?", "!", "x"]);
    equal(await needsSketches(config(clf)), false);
    equal(await needsSketches(config(one)), false, "a one-line replay");
    equal(await needsSketches(config(clf, { format: "csv" })), false);
    equal(await needsSketches(config(js)), true);
    equal(await needsSketches(config(clf, { format: "w3c" })), true);
    equal(await needsSketches(config(clf, { logFormat: "$remote_addr $request_time" })), true);
    equal(
      await needsSketches(config(clf, { once: false })),
      true,
      "following: any format may come",
    );
    equal(await needsSketches(config(empty)), true, "nothing to tell by");
    equal(await needsSketches(config(garbage)), true, "nothing to tell by");
    equal(await needsSketches(config("-")), true, "standard input");
    equal(await needsSketches(config(`${dir}/*.log`)), true, "a pattern");
    equal(await needsSketches(config(`${dir}/missing.log`)), true, "the run says why");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
