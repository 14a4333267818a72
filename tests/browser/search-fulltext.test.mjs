// `search: full` in headless Chromium: a word that only a posting's description holds finds
// that posting through Pagefind, merged with the compact index's matches, and the facets
// still narrow the union (with their counts). The example site with two extra postings
// whose descriptions share a made-up word below their first paragraph (the compact index
// keeps titles, tags and summaries, never the body).
//
// Run from the repository root:  node --test tests/browser/

import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, builtAndServed } from "./static-site.mjs";

const WORD = "quokkaflux"; // in no title, summary, tag or first paragraph
const OTHER = "wombatic";
const posting = (title, category, type, summary, more) => `---
title: ${title}
summary: ${summary}
category: ${category}
employment_type: ${type}
location: {remote: true, countries: [worldwide]}
posted: 2026-11-20
apply: https://lumenlabs.example/careers/${category}
---
## About the role

You will join a small team and work on what matters most this year.

## How we work

We run every release through the ${WORD} checklist before it ships.${more}
`;

test("search: full finds words in descriptions", { timeout: 180_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-fulltext-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  for (const dir of ["content", "static"]) await cp(path.join(REPO, dir), path.join(root, dir), { recursive: true });
  const config = await readFile(path.join(REPO, "config.yaml"), "utf8");
  await writeFile(path.join(root, "config.yaml"), config.replace("social_cards: true", "social_cards: false") + "\nsearch: full\n");
  await writeFile(path.join(root, "content/jobs/release-engineer.md"), posting("Release Engineer", "engineering", "full-time", "Ship our releases.", ` The ${OTHER} rules apply.`));
  await writeFile(path.join(root, "content/jobs/release-writer.md"), posting("Release Writer", "marketing", "contract", `Write ${OTHER} release notes.`, ""));
  const { server, browser } = await builtAndServed(t, root, "2026-11-30T12:00:00Z");

  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  const titles = () => page.locator(".search-results .card-title a").allTextContents();

  await page.goto(server.url);
  assert.ok(!requested.some((p) => p.startsWith("/pagefind/")), "Pagefind loads only on first use");

  await t.test("a word only in descriptions finds both postings", async () => {
    await page.getByLabel("Search jobs").fill(WORD);
    await page.waitForFunction(() => /2 jobs match/.test(document.querySelector(".search-status").textContent), null, { timeout: 20_000 });
    assert.deepEqual((await titles()).sort(), ["Release Engineer", "Release Writer"]);
    assert.ok(requested.includes("/pagefind/pagefind.js"), requested.join(" "));
    assert.ok(requested.includes("/search/fulltext.json"), requested.join(" "));
    // Pagefind's fragments are never fetched: its page ids map straight to index records.
    assert.ok(!requested.some((p) => p.startsWith("/pagefind/fragment/")), requested.join(" "));
    assert.equal(new URL(page.url()).searchParams.get("q"), WORD);
  });

  await t.test("a facet narrows the full-text matches, and counts them", async () => {
    const category = page.getByLabel("Category");
    const options = await category.locator("option").allTextContents();
    assert.ok(options.includes("Engineering (1)"), options.join(" | "));
    assert.ok(options.includes("Marketing & Developer Relations (1)"), options.join(" | "));
    await category.selectOption("marketing");
    await page.waitForFunction(() => /^1 job matches/.test(document.querySelector(".search-status").textContent));
    assert.deepEqual(await titles(), ["Release Writer"]);
    await page.getByLabel("Category").selectOption("");
    await page.getByLabel("Employment type").selectOption("full-time");
    await page.waitForFunction(() => /^1 job matches/.test(document.querySelector(".search-status").textContent));
    assert.deepEqual(await titles(), ["Release Engineer"]);
  });

  await t.test("a reload restores a full-text search from the URL", async () => {
    await page.reload();
    await page.waitForFunction(() => /^1 job matches/.test(document.querySelector(".search-status")?.textContent || ""), null, { timeout: 20_000 });
    assert.deepEqual(await titles(), ["Release Engineer"]);
    assert.equal(await page.getByLabel("Search jobs").inputValue(), WORD);
  });

  await t.test("summary matches and description matches merge", async () => {
    // OTHER is in the writer's summary (the compact index) and the engineer's description.
    await page.goto(server.url + "?q=" + OTHER);
    await page.waitForFunction(() => /^2 jobs match/.test(document.querySelector(".search-status")?.textContent || ""), null, { timeout: 20_000 });
    assert.deepEqual((await titles()).sort(), ["Release Engineer", "Release Writer"]);
  });

  assert.deepEqual(errors, []);
});
