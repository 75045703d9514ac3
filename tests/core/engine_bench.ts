/** Micro-benchmark of the engine alone: records per second through MonitorEngine.add(). */
import { DEFAULT_ENGINE_OPTIONS, MonitorEngine } from "../../src/core/engine.ts";
import { newRecord } from "../../src/record.ts";

const N = 1_000_000;
const sections = ["/api", "/report", "/pages", "/static", "/img", "/login", "/search", "/cart"];
const hosts = Array.from({ length: 200 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);

Deno.bench("MonitorEngine.add() 1M records at 12 req/s", () => {
  let events = 0;
  const engine = new MonitorEngine(DEFAULT_ENGINE_OPTIONS, () => events++);
  const r = newRecord();
  for (let i = 0; i < N; i++) {
    r.time = 1_600_000_000 + Math.floor(i / 12);
    r.section = sections[i & 7];
    r.host = hosts[i % 200];
    r.status = i % 17 === 0 ? 500 : 200;
    r.method = i % 5 === 0 ? "POST" : "GET";
    r.bytes = 1234;
    engine.add(r);
  }
  engine.finish();
});
