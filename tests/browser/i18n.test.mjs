// The German build's search UI is German: the example site with `language: de`, in
// Chromium. The form comes from the templates; the filters, counts and status lines from
// search.js, which reads the strings the build writes into #vacancy-strings.
//
// Run from the repository root:  node --test tests/browser/

import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, buildSite, launch, serveDir } from "./static-site.mjs";

const NOW = "2026-11-30T12:00:00Z";

test("the German example's search UI is German", { timeout: 120_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-i18n-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  for (const folder of ["content", "static"]) {
    await cp(path.join(REPO, folder), path.join(root, folder), { recursive: true });
  }
  const config = await readFile(path.join(REPO, "config.yaml"), "utf8");
  assert.match(config, /\nlanguage: en\n/);
  await writeFile(path.join(root, "config.yaml"), config.replace("\nlanguage: en\n", "\nlanguage: de\n"));
  const out = path.join(root, "public");
  buildSite(root, out, NOW);
  const server = await serveDir(out);
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.clock.setFixedTime(new Date(NOW));

  await page.goto(server.url);
  assert.equal(await page.getAttribute("html", "lang"), "de");
  assert.equal(await page.textContent("label[for=search-q]"), "Jobs suchen");
  assert.equal(await page.getAttribute("#search-q", "placeholder"), "Titel, Fähigkeit, Unternehmen oder Ort");

  // Typing loads search.js and the index; the filters and the status come from the strings.
  await page.fill("#search-q", "engineer");
  await page.waitForFunction(() => /passende/.test(document.querySelector(".search-status").textContent));
  const status = await page.textContent(".search-status");
  assert.match(status, /^\d+ passende Jobs$|^1 passender Job$/);
  assert.equal(await page.textContent(".filters-box summary"), "Filter");
  assert.equal(await page.textContent("label[for=f-category]"), "Kategorie");
  assert.equal(await page.textContent("#f-category option[value='']"), "Alle Kategorien");
  assert.equal(await page.textContent(".filter-checks legend"), "Arbeitsmodell");
  // The result cards are German too: employment types and dates come from the build.
  const facts = await page.$$eval(".search-results .fact-type", (els) => els.map((e) => e.textContent));
  assert.ok(facts.length > 0 && facts.every((f) => !/Full-time|Contract/.test(f)), facts.join(" | "));
  assert.ok(facts.some((f) => /Vollzeit/.test(f)), facts.join(" | "));
  // The country filter names countries in German, in German alphabetical order.
  const countries = await page.$$eval("#f-country option", (els) => els.map((e) => e.textContent));
  const names = countries.map((c) => c.replace(/ \(\d+\)$/, ""));
  for (const name of ["Deutschland", "Österreich", "Vereinigte Staaten", "Vereinigtes Königreich"]) {
    assert.ok(names.includes(name), `${name} in ${names.join(" | ")}`);
  }
  for (const english of ["Germany", "Austria", "United States", "United Kingdom"]) {
    assert.ok(!names.includes(english), `${english} in ${names.join(" | ")}`);
  }
  assert.ok(names.indexOf("Österreich") < names.indexOf("Polen"), names.join(" | "));

  // A country's German name finds the postings open to it or placed in it.
  // (Waiting times out, failing the test, if it never shows.)
  await page.fill("#search-q", "österreich");
  await page.waitForFunction(
    () => [...document.querySelectorAll(".search-results .card-title")].some((e) => /Content Marketing Manager/.test(e.textContent)),
    null,
    { timeout: 10_000 },
  );

  await page.fill("#search-q", "zzzzqqq");
  await page.waitForFunction(() => /Keine passenden/.test(document.querySelector(".search-status").textContent));

  // No English string of the search UI is on the page.
  const text = await page.evaluate(() => document.querySelector("#job-search").innerText);
  for (const english of ["Search jobs", "All categories", "All countries", "Work mode", "Salary given", "jobs match", "Filters"]) {
    assert.ok(!text.includes(english), `"${english}" in the German search UI:\n${text}`);
  }
});
