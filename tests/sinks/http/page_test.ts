import { equal, match, ok } from "node:assert/strict";
import { page } from "../../../src/sinks/http/page.ts";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

Deno.test("page() inlines uPlot and the app, each allowed by its hash and nothing else", async () => {
  const { html, csp } = await page();
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  equal(scripts.length, 2);
  match(scripts[0], /uPlot/);
  const allowed = /script-src ([^;]+)/.exec(csp)![1].split(" ");
  equal(allowed.length, 2);
  for (const s of scripts) ok(allowed.includes(`'sha256-${await sha256(s)}'`));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  equal(styles.length, 1);
  ok(csp.includes(`style-src 'sha256-${await sha256(styles[0])}'`));
  for (const part of ["default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'"]) {
    ok(csp.includes(part), part);
  }
  ok(!/unsafe-inline|unsafe-eval/.test(csp));
});

Deno.test("page() loads nothing from elsewhere and renders log text as text only", async () => {
  const { html } = await page();
  // No CDN, no external script or stylesheet, no inline handlers.
  // (uPlot's banner comment names its home page: the only address in the page.)
  const urls = html.match(/https?:\/\/[^\s"'()]+/g) ?? [];
  equal(urls.every((u) => u === "https://github.com/leeoniya/uPlot"), true, urls.join(" "));
  equal(/<script[^>]+src=|<link[^>]+stylesheet|@import/i.test(html), false);
  equal(/\son[a-z]+=/i.test(html.replace(/<script>[\s\S]*?<\/script>/g, "")), false);
  const app = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)][1][1];
  equal(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/.test(app), false);
});
