/**
 * What a replay or a follow loads before its first line: the entry point and the monitor's action,
 * with every module they import statically. Nothing there may wake Deno's Node-compatibility layer
 * (a `node:` module costs 5–15 ms of every start); the one that must, for a standard output that is
 * not a terminal, is imported dynamically (src/cli/deno_runtime.ts).
 */
import { deepEqual } from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

interface InfoModule {
  specifier: string;
  dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
}

/** The modules `entries` import statically, as `deno info` resolves them. */
async function staticGraph(entries: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const entry of entries) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: ROOT.pathname,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    const { modules } = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: InfoModule[];
    };
    const bySpecifier = new Map(modules.map((m) => [m.specifier, m]));
    const walk = (specifier: string) => {
      if (seen.has(specifier)) return;
      seen.add(specifier);
      for (const d of bySpecifier.get(specifier)?.dependencies ?? []) {
        if (d.code !== undefined && !d.isDynamic) walk(d.code.specifier);
      }
    };
    walk(new URL(entry, ROOT).href);
  }
  return seen;
}

Deno.test("a replay's start loads no node: module and no npm package but the CLI's and colours'", async () => {
  const graph = await staticGraph(["main.ts", "src/cli/monitor_action.ts"]);
  const outside = [...graph].filter((s) => !s.startsWith(ROOT.href + "src/"));
  deepEqual(
    outside.filter((s) => s.startsWith("node:")),
    [],
    "node: modules imported statically",
  );
  const packages = outside.filter((s) => s.startsWith("npm:") || s.includes("/node_modules/"))
    .map((s) => s.match(/(?:npm:\/?|\/node_modules\/)((?:@[^/]+\/)?[^/@]+)/)?.[1]);
  deepEqual([...new Set(packages)].sort(), ["@stricli/core", "ansi-styles"]);
});
