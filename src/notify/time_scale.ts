/** The notifiers' schedule scale, read by the runtime without loading the notifiers. */

/**
 * Reads MONILOG_NOTIFY_TIME_SCALE: a number in (0, 1]; anything else (or nothing) is 1, the real
 * schedule. It can only make the schedule faster, for tests; never slower than spec §8 says.
 */
export function parseTimeScale(value: string | undefined): number {
  if (value === undefined || !/^\d*\.?\d+$/.test(value.trim())) return 1;
  const n = Number(value);
  return n > 0 && n <= 1 ? n : 1;
}
