// Search result cards are the listing's cards, on the repository's example board (many
// companies, every location rule: "Anywhere", regions, places) built as a preview with its
// draft: for each open card on the home page, a search for its title renders the same markup,
// "New" badge, relative date and "Draft" badge included.
//
// Run from the repository root:  node --test tests/browser/

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, launch, serveDir, vacancyBin } from "./static-site.mjs";

test("every open listing card comes back identical from the search", { timeout: 180_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-example-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  for (const part of ["config.yaml", "content", "static"]) await cp(path.join(REPO, part), path.join(root, part), { recursive: true });
  const out = path.join(root, "public");
  const r = spawnSync(vacancyBin(), ["build", "--root", root, "--now", "2026-11-30T12:00:00Z", "--drafts", "-o", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const server = await serveDir(out);
  t.after(server.close);
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext();
  await context.clock.setFixedTime(new Date("2026-11-30T12:00:00Z"));
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator(".card-date time[title]").first().waitFor({ timeout: 5_000 }); // cards.js ran
  const listed = await page.locator(".cards > .card:not(.is-closed)").evaluateAll((cs) =>
    cs.map((c) => ({ title: c.querySelector(".card-title a").textContent, href: c.querySelector(".card-title a").getAttribute("href"), html: c.outerHTML.replace(/>\s+</g, "><").trim() })));
  assert.ok(listed.length >= 5, `${listed.length} cards`);
  assert.ok(listed.some((c) => c.html.includes("badge-draft")), "the draft is listed");
  assert.ok(listed.some((c) => c.html.includes("Anywhere")), "a posting open anywhere is listed");
  for (const card of listed) {
    await page.goto(`${server.url}?q=${encodeURIComponent(card.title)}`);
    const found = page.locator(`.search-results > .card:has(.card-title a[href="${card.href}"])`);
    await found.waitFor({ timeout: 10_000 });
    assert.equal(await found.evaluate((c) => c.outerHTML.replace(/>\s+</g, "><").trim()), card.html, card.title);
  }
});
