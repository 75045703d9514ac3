/** A log that exists but cannot be read: the message names the file and the reason. */
export class SourceError extends Error {
  override name = "SourceError";

  /** Creates the error for `path` with a short `reason` ("permission denied", "is a directory"). */
  constructor(readonly path: string, readonly reason: string) {
    super(`Cannot read log file "${path}": ${reason}`);
  }
}

/** Turns an error from opening or reading `path` into a SourceError with a readable reason. */
export function sourceError(path: string, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  if (err instanceof Deno.errors.NotFound) {
    return new SourceError(path, "no such file or directory");
  }
  if (err instanceof Deno.errors.PermissionDenied) {
    return new SourceError(path, "permission denied");
  }
  if (err instanceof Deno.errors.NotCapable) {
    return new SourceError(path, "outside what monilog's permission set allows");
  }
  if (err instanceof Deno.errors.IsADirectory) return new SourceError(path, "is a directory");
  const message = err instanceof Error ? err.message : String(err);
  return new SourceError(path, message.replace(/\s*\(os error \d+\).*$/, "").toLowerCase());
}
