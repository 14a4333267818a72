// Measures `search: full` on a built board (not a test: timings vary with the machine).
//
//   python3 ../shared/bench/gen_postings.py --n 10000 --format vacancy --out /tmp/b10k
//   echo "search: full" >> /tmp/b10k/config.yaml
//   target/release/vacancy build --root /tmp/b10k --now 2026-01-01T00:00:00Z -o /tmp/b10k-out
//   node tests/browser/bench-fulltext.mjs /tmp/b10k-out terraform [runs]
//
// WORD should be in descriptions only (the generator's "terraform" is in 204 bodies and no
// title, tag or summary), so the compact index finds nothing and every match is Pagefind's.
// Each run opens the home page in a fresh browser context (empty cache), puts WORD in the
// search field at once, and times the input to the first result card: search.js, the
// compact index, pagefind.js, its WebAssembly, the id map and the index chunks all load
// in that time. It prints what was fetched from /pagefind/ and /search/.

import path from "node:path";
import { launch, serveDir } from "./static-site.mjs";

const out = path.resolve(process.argv[2] || "");
const word = process.argv[3] || "terraform";
const runs = Number(process.argv[4] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveDir(out);
const browser = await launch();
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener("input", () => { window.__input = performance.now(); }, true);
    new MutationObserver(() => {
      if (!window.__card && document.querySelector(".search-results .card")) window.__card = performance.now();
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(server.url, { waitUntil: "load" });
  await page.fill("#search-q", word);
  await page.waitForFunction(() => window.__card, null, { timeout: 60_000 });
  times.push(await page.evaluate(() => window.__card - window.__input));
  if (i === 0) {
    await page.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
    const got = await page.evaluate(() =>
      performance.getEntriesByType("resource").filter((r) => /\/(pagefind|search)\//.test(r.name))
        .map((r) => [new URL(r.name).pathname, r.encodedBodySize]));
    const pf = got.filter(([p]) => p.startsWith("/pagefind/"));
    console.log(`fetched from /pagefind/: ${pf.length} files, ${pf.reduce((n, [, b]) => n + b, 0)} bytes as served`);
    console.log(JSON.stringify(got));
    console.log("status:", await page.locator(".search-status").innerText());
  }
  await context.close();
}
console.log(`cold input "${word}" -> first full-text result: ${times.map((x) => x.toFixed(0)).join(", ")} ms (median ${median(times).toFixed(0)})`);
await browser.close();
await server.close();
