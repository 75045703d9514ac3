/** monilog's version: the one place it is written; `--version` and release builds read it. */
export const VERSION = "0.1.0";
