// Search and filters in headless Chromium, on a generated board of at least 2,000 postings.
//
// Run from the repository root:  node --test tests/browser/
// SEARCH_BOARD is the generated site's folder (.ci/run writes it with the shared generator:
// gen_postings.py --n 2500 --format vacancy: two index shards). Without it the test generates one from
// ../shared/bench/gen_postings.py, or is skipped when that is not there either.
// Screenshots go to target/screenshots/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { REPO, buildSite, launch, serveDir } from "./static-site.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const NOW = "2026-01-01T00:00:00Z"; // every generated posting is open then
const GENERATOR = path.join(REPO, "../shared/bench/gen_postings.py");
const SHOTS = path.join(REPO, "target/screenshots");

async function board(t) {
  if (process.env.SEARCH_BOARD) return path.resolve(process.env.SEARCH_BOARD);
  if (!existsSync(GENERATOR)) return null;
  const dir = await mkdtemp(path.join(tmpdir(), "vacancy-board-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const r = spawnSync("python3", [GENERATOR, "--n", "2500", "--format", "vacancy", "--out", dir], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

/** The index as the build wrote it, as one object per posting: the test's oracle. */
async function records(out) {
  const m = JSON.parse(await readFile(path.join(out, "search/index.json"), "utf8"));
  const recs = [];
  for (let i = 0; i < m.shards.length; i++) {
    const s = JSON.parse(await readFile(path.join(out, `search/${i}.json`), "utf8"));
    s.slug.forEach((slug, j) => {
      recs.push({
        slug,
        title: s.title[j],
        company: m.tables.companies[s.company[j]],
        category: m.tables.categories[s.category[j]][0],
        types: s.types[j].map((k) => m.tables.types[k][0]),
        mode: s.mode[j],
        where: s.where[j],
        salary: s.salary[j],
        tags: s.tags[j],
      });
    });
  }
  return { m, recs };
}

const countText = (n) => (n === 1 ? "1 job matches" : `${n.toLocaleString("en")} jobs match`);
/** The count an option's label shows: "Engineering (123)" → 123. */
const optionCount = (label) => Number(label.match(/\(([\d,]+)\)$/)[1].replace(/,/g, ""));

test("search and filters on a generated board of 2,500 postings", { timeout: 300_000 }, async (t) => {
  const src = await board(t);
  if (!src) {
    t.skip(`no SEARCH_BOARD and no generator at ${GENERATOR}`);
    return;
  }
  const out = await mkdtemp(path.join(tmpdir(), "vacancy-board-out-"));
  t.after(() => rm(out, { recursive: true, force: true }));
  buildSite(src, out, NOW);
  const { m, recs } = await records(out);
  assert.equal(m.count, recs.length);
  assert.ok(recs.length >= 2000, `only ${recs.length} postings`);

  const server = await serveDir(out);
  t.after(server.close);
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  // The "posted within" filter counts by the reader's clock: pin it to the build's day.
  await page.clock.setFixedTime(new Date("2026-01-01T12:00:00Z"));
  const status = page.locator(".search-status");
  const cards = page.locator(".search-results > .card");
  const shown = async () => (await status.innerText()).trim();

  await page.goto(server.url);
  // The index page itself does not fetch the search assets.
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.waitForLoadState("load");
  assert.deepEqual(requested.filter((p) => p.startsWith("/search")), []);

  await t.test("typing words from one posting's title and tags finds it", async () => {
    const target = recs[777];
    const words = [...target.title.toLowerCase().split(/\s+/), target.tags[0], target.company[1].toLowerCase().split(" ")[0]];
    const q = words.join(" ");
    await page.getByLabel("Search jobs").fill(q);
    // The oracle: every word in one of the posting's searchable fields.
    const text = (r) => [r.title, r.company[1], r.tags.join(" ")].join(" ").toLowerCase();
    const sure = recs.filter((r) => words.every((w) => text(r).includes(w)));
    assert.ok(sure.some((r) => r.slug === target.slug));
    await page.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
    const n = Number((await shown()).replace(/[^\d]/g, ""));
    assert.ok(n >= sure.length && n < recs.length, `${await shown()} for "${q}", expected at least ${sure.length}`);
    const slugs = await cards.locator(".card-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    if (n <= 20) assert.ok(slugs.includes(`/jobs/${target.slug}/`), `${target.slug} not among ${slugs}`);
    assert.equal(new URL(page.url()).searchParams.get("q"), q);
    // Newest first, like the listings.
    const dates = await cards.locator("time").evaluateAll((ts) => ts.map((x) => x.getAttribute("datetime")));
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  await t.test("each filter narrows the list, and its count says by how much", async () => {
    await page.goto(server.url);
    await page.getByLabel("Search jobs").focus();
    await page.locator("#f-category option").nth(1).waitFor({ state: "attached" });
    for (const id of ["category", "type", "country", "company", "tag", "within", "pay"]) {
      await page.goto(server.url);
      await page.getByLabel("Search jobs").focus();
      const select = page.locator(`#f-${id}`);
      await select.locator("option").nth(1).waitFor({ state: "attached" });
      const options = await select.locator("option").evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
      // The second-most-common value: a narrowing that is neither everything nor nothing.
      const [value, label] = options.slice(1).sort((a, b) => optionCount(b[1]) - optionCount(a[1]))[Math.min(1, options.length - 2)];
      await select.selectOption(value);
      const n = optionCount(label);
      await assert.doesNotReject(page.waitForFunction((want) => document.querySelector(".search-status").textContent === want, countText(n), { timeout: 5000 }), `${id}=${value}: "${await shown()}" instead of ${countText(n)}`);
      assert.ok(n > 0 && n < recs.length, `${id}=${value} gives ${n}`);
      assert.equal(await cards.count(), Math.min(n, 20));
      assert.equal(new URL(page.url()).searchParams.get(id), value);
      const oracle = {
        category: (r) => r.category === value,
        type: (r) => r.types.includes(value),
        company: (r) => r.company[0] === value,
        tag: (r) => r.tags.includes(value),
        pay: (r) => r.salary && `${r.salary[2]}-${r.salary[3]}` === value,
      }[id];
      if (oracle) assert.equal(n, recs.filter(oracle).length, `${id}=${value}`);
    }
    for (const [name, bit] of [["remote", 1], ["hybrid", 2], ["onsite", 4]]) {
      await page.goto(server.url);
      await page.getByLabel("Search jobs").focus();
      await page.getByRole("checkbox", { name: new RegExp(`^${name === "onsite" ? "On-site" : name}`, "i") }).check();
      const want = recs.filter((r) => r.mode & bit).length;
      await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, countText(want));
      assert.equal(new URL(page.url()).searchParams.get(name), "1");
    }
  });

  await t.test("filters combine, the URL keeps them, reload and back restore them", async () => {
    await page.goto(server.url);
    await page.getByLabel("Search jobs").focus();
    await page.locator("#f-category option").nth(1).waitFor({ state: "attached" });
    const category = recs[0].category;
    await page.locator("#f-category").selectOption(category);
    const one = recs.filter((r) => r.category === category).length;
    await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, countText(one));
    await page.getByRole("checkbox", { name: /^Remote/ }).check();
    const both = recs.filter((r) => r.category === category && r.mode & 1).length;
    assert.ok(both > 0 && both < one);
    await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, countText(both));
    await page.getByLabel("Search jobs").fill("engineer");
    const three = await shown();
    const url = new URL(page.url());
    assert.equal(url.search, `?q=engineer&category=${category}&remote=1`);
    assert.notEqual(three, countText(both));

    await page.reload();
    await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, three);
    assert.equal(await page.getByLabel("Search jobs").inputValue(), "engineer");
    assert.equal(await page.locator("#f-category").inputValue(), category);
    assert.ok(await page.getByRole("checkbox", { name: /^Remote/ }).isChecked());

    await page.goBack(); // before typing "engineer"
    await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, countText(both));
    assert.equal(await page.getByLabel("Search jobs").inputValue(), "");
    await page.goBack(); // before "remote"
    await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, countText(one));
    assert.equal(await page.getByRole("checkbox", { name: /^Remote/ }).isChecked(), false);
  });

  await t.test("a tag link opens the search filtered by that tag", async () => {
    await page.goto(`${server.url}jobs/${recs[5].slug}/`);
    const tag = recs[5].tags[0];
    await page.locator(".job-details .tags a", { hasText: tag }).first().click();
    await page.waitForURL((u) => u.searchParams.get("tag") === tag);
    const want = recs.filter((r) => r.tags.includes(tag)).length;
    await page.waitForFunction((w) => document.querySelector(".search-status").textContent === w, countText(want));
    assert.equal(await page.locator("#f-tag").inputValue(), tag);
  });

  await t.test("keyboard only: a result, then its apply button", async () => {
    await page.goto(server.url);
    const focused = () => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.className || document.activeElement.tagName));
    let hops = 0;
    while ((await focused()) !== "search-q" && hops++ < 40) await page.keyboard.press("Tab");
    assert.equal(await focused(), "search-q");
    await page.keyboard.type("designer");
    await page.waitForFunction(() => document.querySelectorAll(".search-results .card").length > 0);
    hops = 0;
    while (!(await page.evaluate(() => !!document.activeElement.closest(".search-results .card-title"))) && hops++ < 80) {
      await page.keyboard.press("Tab");
    }
    const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
    assert.match(href, /^\/jobs\/.+\/$/);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === href);
    hops = 0;
    while (!(await page.evaluate(() => document.activeElement.classList.contains("button"))) && hops++ < 40) {
      await page.keyboard.press("Tab");
    }
    assert.match(await page.evaluate(() => document.activeElement.textContent), /Apply/);
  });

  await t.test("screenshots: results and a filtered view, 1280 and 390 px, light and dark; no sideways scroll at 320 px", async () => {
    await mkdir(SHOTS, { recursive: true });
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 390]) {
        const p = await context.newPage();
        await p.clock.setFixedTime(new Date("2026-01-01T12:00:00Z"));
        await p.emulateMedia({ colorScheme: scheme });
        await p.setViewportSize({ width, height: width < 400 ? 1400 : 900 });
        await p.goto(`${server.url}?q=engineer`);
        await p.waitForFunction(() => document.querySelectorAll(".search-results .card").length > 0);
        await p.screenshot({ path: path.join(SHOTS, `search-results-${width}-${scheme}.png`) });
        await p.goto(`${server.url}?type=full-time&remote=1&salary=1&within=30`);
        await p.waitForFunction(() => document.querySelectorAll(".search-results .card").length > 0);
        await p.locator("details.filters-box").evaluate((d) => (d.open = true));
        await p.screenshot({ path: path.join(SHOTS, `search-filtered-${width}-${scheme}.png`) });
        await p.close();
      }
    }
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 320, height: 700 });
    await narrow.goto(`${server.url}?q=engineer&remote=1`);
    await narrow.waitForFunction(() => document.querySelectorAll(".search-results .card").length > 0);
    await narrow.locator("details.filters-box").evaluate((d) => (d.open = true));
    const [scroll, client] = await narrow.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `page is ${scroll} px wide in a ${client} px window`);
    await narrow.close();
  });

  await t.test("axe finds no violations with results and filters open, 1280 and 390 px, light and dark", async () => {
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 390]) {
        const p = await context.newPage();
        await p.emulateMedia({ colorScheme: scheme });
        await p.setViewportSize({ width, height: 900 });
        await p.goto(`${server.url}?q=engineer&remote=1`);
        await p.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent));
        await p.locator("details.filters-box").evaluate((d) => (d.open = true));
        await p.addScriptTag({ path: AXE });
        const violations = await p.evaluate(async () =>
          (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`));
        assert.deepEqual(violations, [], `${width} px ${scheme}`);
        await p.close();
      }
    }
  });

  await t.test("without JavaScript the search form is hidden and says why; listings still browse", async () => {
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const p = await nojs.newPage();
    await p.goto(server.url);
    assert.equal(await p.locator("#job-search").isVisible(), false);
    assert.match(await p.locator("main").innerText(), /Search needs JavaScript/);
    assert.ok((await p.locator("main .cards > .card").count()) > 0);
    assert.ok((await p.locator(".pagination a").count()) > 0, "no pagination links");
    await nojs.close();
  });
});
