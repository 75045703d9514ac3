/**
 * Tests that need a real outside component (a shell, a browser, Prometheus, tmux, …) use this to say
 * so: where the component is missing they are reported as ignored, with the reason in their name,
 * never as passed. Under CI=true they run anyway and fail, because CI installs everything.
 */

/** True when `command` is on the PATH (or is an absolute path to an executable). */
export function hasCommand(command: string): boolean {
  if (command.includes("/")) return isExecutable(command);
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (dir !== "" && isExecutable(`${dir}/${command}`)) return true;
  }
  return false;
}

function isExecutable(path: string): boolean {
  try {
    const st = Deno.statSync(path);
    return st.isFile && ((st.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** True under CI (CI=true), where a missing component is a failure, not a reason to skip. */
export function inCi(): boolean {
  return Deno.env.get("CI") === "true";
}

/**
 * `Deno.test` options for a test that needs `commands`: ignored (its name says which is missing)
 * when one is missing outside CI; run, and so failing, under CI.
 */
export function needs(
  name: string,
  commands: string[],
  fn: (t: Deno.TestContext) => void | Promise<void>,
): Deno.TestDefinition {
  const missing = commands.filter((c) => !hasCommand(c));
  const skip = missing.length > 0 && !inCi();
  return {
    name: skip ? `${name} (ignored: ${missing.join(", ")} not installed)` : name,
    ignore: skip,
    fn,
  };
}
