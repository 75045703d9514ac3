/**
 * The three kinds of failure get three treatments (see the README's design notes): a user's mistake is a
 * UsageError (exit 2, one line), an I/O problem that cannot be survived is a RuntimeFailure (exit 1, one
 * line naming the file and the reason), and anything else is a bug that surfaces with its stack.
 */

/** A bad flag or value. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An I/O failure that cannot be survived, e.g. an output file on a full disk. */
export class RuntimeFailure extends Error {
  override name = "RuntimeFailure";

  /** `reported`: the message was already said when it happened; exit 1 without saying it again. */
  constructor(message: string, readonly reported = false) {
    super(message);
  }
}

/** Exit code for a usage error (spec §1). */
export const EXIT_USAGE = 2;
/** Exit code for a runtime failure (spec §1). */
export const EXIT_FAILURE = 1;

/** Turns a Deno I/O error into the short reason a person reads: "permission denied", "no such file". */
export function describeIoError(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "no such file or directory";
  if (err instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (err instanceof Deno.errors.NotCapable) return "not allowed by monilog's permission set";
  if (err instanceof Deno.errors.IsADirectory) return "is a directory";
  if (err instanceof Error) {
    // Deno messages look like "Permission denied (os error 13): open '/x'"; keep the reason only.
    const m = /^([^(:]+?)\s*(\(os error \d+\))?(:.*)?$/.exec(err.message);
    return (m ? m[1] : err.message).toLowerCase();
  }
  return String(err);
}
