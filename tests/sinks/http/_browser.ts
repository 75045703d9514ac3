/**
 * Real Chromium for the page's tests: Debian's /usr/bin/chromium driven by playwright-core, headless,
 * with a new empty profile and the flags that keep it off the network (toolchain.md).
 */
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** A browser context with its own empty user-data dir; `close()` removes both. */
export async function launchChromium() {
  const profile = await Deno.makeTempDir({ prefix: "monilog-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}
