/** Completion scripts: generated from the real command tree, valid in each shell, and useful. */
import { equal, match } from "node:assert/strict";
import { needs } from "../_helpers/requires.ts";
import { runCli } from "../_helpers/cli.ts";

/** Runs bash completion for the words typed so far and returns its candidates. */
async function bashComplete(script: string, words: string[]): Promise<string[]> {
  const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})
COMP_CWORD=${words.length - 1}
_monilog
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = await new Deno.Command("bash", { args: ["-c", program] }).output();
  return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "");
}

Deno.test("monilog completions bash completes subcommands, options and their values", async () => {
  const { code, stdout } = await runCli(["completions", "bash"]);
  equal(code, 0);
  equal((await bashComplete(stdout, ["monilog", "g"])).join(" "), "generate");
  equal((await bashComplete(stdout, ["monilog", "monitor", "--fo"])).join(" "), "--format");
  equal(
    (await bashComplete(stdout, ["monilog", "monitor", "--format", ""])).join(" "),
    "auto clf combined vhost_common vhost_combined csv w3c json",
  );
  equal(
    (await bashComplete(stdout, ["monilog", "generate", "--rotate-mode", "c"])).join(" "),
    "copytruncate",
  );
  equal((await bashComplete(stdout, ["monilog", "completions", "f"])).join(" "), "fish");
});

for (const shell of ["zsh", "fish"]) {
  Deno.test(`monilog completions ${shell} names every option`, async () => {
    const { code, stdout } = await runCli(["completions", shell]);
    equal(code, 0);
    for (const option of ["--threshold", "--idle-timeout", "--rotate-mode", "--seed"]) {
      match(stdout, new RegExp(shell === "fish" ? `-l ${option.slice(2)}` : option));
    }
  });

  Deno.test(
    needs(`monilog completions ${shell} is a script ${shell} accepts`, [shell], async () => {
      const { stdout } = await runCli(["completions", shell]);
      const path = await Deno.makeTempFile({ suffix: `.${shell}` });
      await Deno.writeTextFile(path, stdout);
      const check = await new Deno.Command(shell, { args: ["-n", path] }).output();
      await Deno.remove(path);
      equal(check.success, true, new TextDecoder().decode(check.stderr));
    }),
  );
}

Deno.test("monilog completions rejects an unknown shell with exit 2 and one line", async () => {
  const { code, stderr } = await runCli(["completions", "tcsh"]);
  equal(code, 2);
  equal(stderr.trimEnd().split("\n").length, 1);
  match(stderr, /bash, zsh, fish/);
});
