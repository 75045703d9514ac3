/** The bounds of `--refresh` (seconds between two frames of the dashboard). */
export const REFRESH_MIN = 0.2, REFRESH_MAX = 10;
