// Search on a careers page (examples/careers) in headless Chromium: the result cards are
// the listing's cards (same markup, "New" badge and relative date from cards.js), there is
// no company filter and a shared `company=` is ignored, and what the index and a posting
// page load before any interaction. axe and screenshots (target/screenshots/careers-*) at
// 1280 and 390 px, light and dark.
//
// Run from the repository root:  node --test tests/browser/

import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, builtAndServed } from "./static-site.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const SHOTS = path.join(REPO, "target/screenshots");
const CLOCK = new Date("2026-11-30T12:00:00Z"); // the reader's clock: E-commerce Developer is 3 days old
const POSTING = "jobs/ecommerce-developer/";

/** A card's markup without the whitespace between tags, which templates and scripts lay out differently. */
const markup = (el) => el.outerHTML.replace(/>\s+</g, "><").trim();

test("search on the careers example", { timeout: 180_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-careers-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  await cp(path.join(REPO, "examples/careers"), root, { recursive: true, filter: (src) => !src.includes(`${path.sep}public`) });
  const { out, server, browser } = await builtAndServed(t, root, "2026-11-30T12:00:00Z");
  const context = await browser.newContext();
  await context.clock.setFixedTime(CLOCK);

  /** Opens `url` and records the CSS and JS it loads: [{ path, bytes }]. */
  async function open(url, opts = {}) {
    const p = await context.newPage();
    if (opts.scheme) await p.emulateMedia({ colorScheme: opts.scheme });
    if (opts.width) await p.setViewportSize({ width: opts.width, height: 900 });
    const paths = [];
    p.on("request", (r) => {
      if (["stylesheet", "script"].includes(r.resourceType())) paths.push(new URL(r.url()).pathname);
    });
    await p.goto(server.url + url);
    await p.waitForLoadState("load");
    // Sizes as served: the files the build wrote.
    const loaded = await Promise.all(paths.map(async (x) => ({ path: x, bytes: (await stat(path.join(out, x))).size })));
    return { p, loaded };
  }

  await t.test("a search result is the listing's card, with its New badge and relative date", async () => {
    const { p } = await open("");
    const listed = p.locator(".cards:not(.search-results) > .card", { has: p.getByRole("link", { name: "E-commerce Developer", exact: true }) });
    await listed.locator(".badge-new").waitFor({ timeout: 5_000 });
    const listedMarkup = await listed.evaluate(markup); // before the search hides the listing
    await p.getByLabel("Search jobs").fill("e-commerce developer");
    const found = p.locator(".search-results > .card");
    await p.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
    assert.equal(await found.count(), 1);
    assert.equal(await found.locator(".badge-new").textContent(), "New");
    assert.equal(await found.locator(".card-date").innerText(), "Posted 3 days ago");
    assert.equal(await found.locator(".card-date time").getAttribute("title"), "27 Nov 2026");
    assert.equal(await found.evaluate(markup), listedMarkup);
    await p.close();
  });

  await t.test("every result card is the listing's card, for every posting", async () => {
    const { p } = await open("");
    const listed = await p.locator(".cards:not(.search-results) > .card").evaluateAll((cs) =>
      cs.map((c) => c.outerHTML.replace(/>\s+</g, "><").trim()));
    // A word every posting has: the organization's name is on each card.
    await p.getByLabel("Search jobs").fill("birchwood");
    await p.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
    const found = await p.locator(".search-results > .card").evaluateAll((cs) =>
      cs.map((c) => c.outerHTML.replace(/>\s+</g, "><").trim()));
    assert.equal(found.length, listed.length);
    assert.deepEqual(found, listed);
    await p.close();
  });

  await t.test("no company filter; a shared company= is ignored", async () => {
    const { p } = await open("?company=globex&q=developer");
    await p.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
    assert.equal(await p.locator(".search-status").innerText(), "1 job matches");
    await p.locator("#f-category").waitFor({ state: "attached" });
    assert.equal(await p.locator("#f-company").count(), 0);
    assert.equal(await p.getByLabel("Company", { exact: true }).count(), 0);
    assert.equal(new URL(p.url()).search, "?q=developer");
    // The other filters work: a category narrows the results.
    await p.getByLabel("Search jobs").fill("");
    await p.locator("#f-category").selectOption("cafes");
    await p.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
    const titles = await p.locator(".search-results .card-title").allInnerTexts();
    assert.equal(titles.length, 1);
    assert.match(titles[0], /^Café Manager/);
    await p.close();
  });

  await t.test("the index loads no search asset before use; a posting page at most 30 KB of CSS + JS and none", async () => {
    const index = await open("");
    assert.deepEqual(index.loaded.map((r) => r.path).sort(), ["/cards.js", "/style.css"]);
    await index.p.close();
    const posting = await open(POSTING);
    const total = posting.loaded.reduce((n, r) => n + r.bytes, 0);
    assert.ok(posting.loaded.some((r) => r.path === "/style.css"));
    assert.deepEqual(posting.loaded.filter((r) => r.path.startsWith("/search")), []);
    assert.ok(total <= 30 * 1024, `${total} bytes: ${JSON.stringify(posting.loaded)}`);
    await posting.p.close();
  });

  await t.test("axe and screenshots of the index with results and a posting page, 1280 and 390 px, light and dark", async () => {
    await mkdir(SHOTS, { recursive: true });
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 390]) {
        for (const [name, url] of [["index", "?q=birchwood"], ["posting", POSTING]]) {
          const { p } = await open(url, { scheme, width });
          if (name === "index") {
            await p.waitForFunction(() => document.querySelectorAll(".search-results .badge-new").length > 0);
            await p.locator("details.filters-box").evaluate((d) => (d.open = true));
          }
          await p.screenshot({ path: path.join(SHOTS, `careers-${name}-${width}-${scheme}.png`), fullPage: true });
          const [scroll, client] = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
          assert.ok(scroll <= client, `${name} is ${scroll} px wide in a ${client} px window`);
          await p.addScriptTag({ path: AXE });
          const violations = await p.evaluate(async () =>
            (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target} ${n.failureSummary}`).join(" | ")}`));
          assert.deepEqual(violations, [], `${name} ${width} px ${scheme}: ${JSON.stringify(violations)}`);
          await p.close();
        }
      }
    }
  });
});
