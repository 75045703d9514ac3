/**
 * What a checkpoint costs (--state writes one about once a second): taking one of a busy run and
 * turning it to JSON, and restoring one. The run: 200,000 lines, 20,000 clients and 2,000 sections
 * by id (the dictionary the checkpoint carries), response times, a window of 120 s.
 */
import { DEFAULT_ENGINE_OPTIONS, MonitorEngine } from "../../src/core/engine.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { newRecord } from "../../src/record.ts";
import { loadSketches } from "../../src/core/sketches.ts";

// Response-time sketches are loaded by the wiring for runs that need them; here, by hand.
await loadSketches();

function busyEngine(): { engine: MonitorEngine; dictionary: RunDictionary } {
  const dictionary = new RunDictionary();
  const engine = new MonitorEngine(DEFAULT_ENGINE_OPTIONS, () => {}, { dictionary });
  const r = newRecord();
  for (let i = 0; i < 200_000; i++) {
    r.time = 1_600_000_000 + Math.floor(i / 50);
    r.host = `10.0.${(i * 7919 % 20_000) >> 8}.${i * 7919 % 20_000 & 255}`;
    r.section = `/s${i * 31 % 2000}`;
    r.method = i % 5 === 0 ? "POST" : "GET";
    r.hostId = dictionary.idOf("host", r.host);
    r.sectionId = dictionary.idOf("section", r.section);
    r.methodId = dictionary.idOf("method", r.method);
    r.status = i % 17 === 0 ? 500 : 200;
    r.bytes = 1234;
    r.duration = (i % 1000) / 1000;
    engine.add(r);
  }
  return { engine, dictionary };
}

const { engine } = busyEngine();
const text = JSON.stringify(engine.checkpoint());
console.log(`checkpoint of the busy run: ${(text.length / 1024).toFixed(0)} KiB of JSON`);

Deno.bench("MonitorEngine.checkpoint() and JSON.stringify of a busy run", () => {
  JSON.stringify(engine.checkpoint());
});

Deno.bench("JSON.parse and MonitorEngine.restore() of a busy run", () => {
  MonitorEngine.restore(JSON.parse(text), () => {}, {
    options: DEFAULT_ENGINE_OPTIONS,
    dictionary: new RunDictionary(),
  });
});
