/** The release workflow builds every target the compile task knows, from the one version. */
import { equal, match } from "node:assert/strict";
import { TARGETS } from "../../tasks/compile.ts";
import { VERSION } from "../../src/version.ts";
import { REPO_ROOT, runCli } from "../_helpers/cli.ts";

const workflow = await Deno.readTextFile(`${REPO_ROOT}.github/workflows/release.yml`);

Deno.test("the release workflow gates, compiles all targets and publishes checksums on a tag", () => {
  match(workflow, /tags: \["v\*"\]/);
  match(workflow, /run: bash \.ci\/run/);
  match(workflow, /deno task compile --target all/);
  match(workflow, /sha256sum monilog-\* > SHA256SUMS/);
  match(workflow, /src\/version\.ts/);
  equal(TARGETS.length, 5);
});

Deno.test("monilog --version prints the version from src/version.ts", async () => {
  const { code, stdout } = await runCli(["--version"]);
  equal(code, 0);
  equal(stdout.trim(), VERSION);
  match(VERSION, /^\d+\.\d+\.\d+$/);
});
