// Measures the search UI on a built board (not a test: timings vary with the machine).
//
//   python3 ../shared/bench/gen_postings.py --n 10000 --format vacancy --out /tmp/b10k
//   target/release/vacancy build --root /tmp/b10k --now 2026-01-01T00:00:00Z -o /tmp/b10k-out
//   node tests/browser/bench-search.mjs /tmp/b10k-out [runs]
//
// Each run opens the home page in a fresh browser context (empty cache) from a local
// server, then focuses the search field and types "r" at once: the time from that
// keydown to the first result card is the cold first-result time (fetching search.js
// and the index included; the first results come from the first shard), and to the full
// count (every shard in). Then it types "ust" and times each later keystroke.

import path from "node:path";
import { launch, serveDir } from "./static-site.mjs";

const out = path.resolve(process.argv[2] || "");
const runs = Number(process.argv[3] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveDir(out);
const browser = await launch();
const cold = [], counted = [], later = [], loads = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__keys = [];
    window.__shown = [];
    document.addEventListener("keydown", () => window.__keys.push(performance.now()), true);
    new MutationObserver(() => {
      if (!window.__card && document.querySelector(".search-results .card")) window.__card = performance.now();
      const s = document.querySelector(".search-status");
      if (s && /match/.test(s.textContent)) window.__shown.push([performance.now(), s.textContent]);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(server.url, { waitUntil: "load" });
  loads.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
  await page.focus("#search-q");
  await page.keyboard.type("r");
  await page.waitForFunction(() => document.querySelector(".search-results .card"));
  const [key] = await page.evaluate(() => window.__keys);
  const card = await page.evaluate(() => window.__card);
  cold.push(card - key);
  await page.waitForFunction(() => window.__shown.length > 0);
  const [first] = await page.evaluate(() => window.__shown);
  counted.push(first[0] - key);
  for (const ch of "ust") {
    const before = await page.evaluate(() => window.__shown.length);
    await page.keyboard.type(ch);
    await page.waitForFunction((n) => window.__shown.length > n, before);
    const [keys, shown] = await page.evaluate(() => [window.__keys, window.__shown]);
    later.push(shown[shown.length - 1][0] - keys[keys.length - 1]);
  }
  if (i === 0) {
    const sizes = await page.evaluate(() =>
      performance.getEntriesByType("resource").filter((r) => /search/.test(r.name)).map((r) => [new URL(r.name).pathname, r.decodedBodySize]));
    console.log("search resources (raw bytes):", JSON.stringify(sizes));
    console.log("status after 'rust':", await page.locator(".search-status").innerText());
  }
  await context.close();
}
console.log(`home page load event: median ${median(loads).toFixed(0)} ms`);
console.log(`cold first keystroke -> first result: ${cold.map((x) => x.toFixed(0)).join(", ")} ms (median ${median(cold).toFixed(0)})`);
console.log(`cold first keystroke -> full count: ${counted.map((x) => x.toFixed(0)).join(", ")} ms (median ${median(counted).toFixed(0)})`);
console.log(`later keystrokes -> results: median ${median(later).toFixed(1)} ms, max ${Math.max(...later).toFixed(1)} ms`);
await browser.close();
await server.close();
