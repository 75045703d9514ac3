/** Names the class of an HTTP status code: "2xx" … "5xx", or "other" outside 200–599 (e.g. 1xx, 0). */
export function statusClass(status: number): string {
  if (status >= 200 && status < 600) return STATUS_CLASSES[Math.floor(status / 100) - 2];
  return "other";
}

const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"];
