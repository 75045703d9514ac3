import { deepEqual } from "node:assert/strict";
import { rotateFile, shiftPlan } from "../../src/generate/rotation.ts";

Deno.test("shiftPlan() moves the oldest kept file first", () => {
  deepEqual(shiftPlan("a.log", 3), [["a.log.2", "a.log.3"], ["a.log.1", "a.log.2"]]);
  deepEqual(shiftPlan("a.log", 1), []);
});

async function listing(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    out[e.name] = await Deno.readTextFile(`${dir}/${e.name}`);
  }
  return out;
}

Deno.test("rotateFile() shifts old files, drops the oldest beyond keep, as logrotate does", async () => {
  for (const mode of ["rename", "copytruncate"] as const) {
    const dir = await Deno.makeTempDir();
    try {
      const log = `${dir}/access.log`;
      for (const content of ["one\n", "two\n", "three\n"]) {
        await Deno.writeTextFile(log, content, { append: true });
        await rotateFile(log, mode, 2);
        if (mode === "rename") await Deno.writeTextFile(log, "");
      }
      deepEqual(await listing(dir), {
        "access.log": "",
        "access.log.1": "three\n",
        "access.log.2": "two\n",
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});
