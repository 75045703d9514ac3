/**
 * A real Alertmanager (Debian's prometheus-alertmanager) for tests: on a loopback port, with no
 * cluster gossip, a temporary storage path, and one webhook receiver that is an HttpRecorder in the
 * test, with short group waits so that a notification arrives within a second or two.
 */
import { HttpRecorder } from "./http_recorder.ts";

/** Alertmanager's binary name on Debian. */
export const ALERTMANAGER = "prometheus-alertmanager";

/** A free loopback TCP port (bound, read, released). */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** One webhook notification Alertmanager sent: its status and its alerts' statuses and labels. */
export interface AmNotification {
  status: string;
  alerts: Array<
    { status: string; labels: Record<string, string>; annotations: Record<string, string> }
  >;
}

/** A running Alertmanager and the webhook receiver it notifies. */
export class TestAlertmanager {
  readonly hook: HttpRecorder;
  readonly url: string;
  readonly #child: Deno.ChildProcess;
  readonly #dir: string;

  private constructor(hook: HttpRecorder, url: string, child: Deno.ChildProcess, dir: string) {
    this.hook = hook;
    this.url = url;
    this.#child = child;
    this.#dir = dir;
  }

  /** Starts Alertmanager with `resolveTimeout` (e.g. "3s") and waits until it is ready. */
  static async start(resolveTimeout = "5m"): Promise<TestAlertmanager> {
    const hook = new HttpRecorder();
    const dir = await Deno.makeTempDir({ prefix: "monilog-am-" });
    const config = [
      "global:",
      `  resolve_timeout: ${resolveTimeout}`,
      "route:",
      "  receiver: hook",
      "  group_by: [alertname, host, file]",
      "  group_wait: 1s",
      "  group_interval: 1s",
      "  repeat_interval: 1h",
      "receivers:",
      "  - name: hook",
      "    webhook_configs:",
      `      - url: ${hook.url}/alerts`,
      "        send_resolved: true",
      "",
    ].join("\n");
    await Deno.writeTextFile(`${dir}/alertmanager.yml`, config);
    const port = freePort();
    const child = new Deno.Command(ALERTMANAGER, {
      args: [
        `--config.file=${dir}/alertmanager.yml`,
        `--storage.path=${dir}/data`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--cluster.listen-address=",
        "--log.level=warn",
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const am = new TestAlertmanager(hook, `http://127.0.0.1:${port}`, child, dir);
    await am.#ready();
    return am;
  }

  async #ready(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${this.url}/-/ready`);
        await r.body?.cancel();
        if (r.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error("Alertmanager did not become ready in 15 s");
  }

  /** The webhook notifications received so far. */
  notifications(): AmNotification[] {
    return this.hook.requests.filter((r) => r.path === "/alerts").map((r) => JSON.parse(r.body));
  }

  /** The alerts Alertmanager holds now (GET /api/v2/alerts). */
  async alerts(): Promise<Array<{ labels: Record<string, string>; status: { state: string } }>> {
    const r = await fetch(`${this.url}/api/v2/alerts`);
    return await r.json();
  }

  async stop(): Promise<void> {
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // Already gone.
    }
    await this.#child.stderr.cancel();
    await this.#child.status;
    await this.hook.close();
    await Deno.remove(this.#dir, { recursive: true });
  }
}
