// The hostile corpus (tests/fixtures/hostile/) in headless Chromium: every front-matter field
// holds `</script>`, `<!--`, `]]>`, quotes, U+2028/U+2029, bidi overrides, emoji, template
// syntax and long strings, and the bodies every dangerous HTML and Markdown construct, each
// trying to set `window.__pwned`. Every page of the built site is opened, every link, button
// and field that hostile input controls is hovered, focused and clicked, and the trap must
// stay unset while each posting page still says exactly what its front matter says.
//
// The front matter of the fixture is written as JSON (YAML reads it the same way), so the
// intended values come straight from the files, not from anything the build wrote.
//
// Run from the repository root:  node --test tests/browser/hostile.test.mjs

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, buildSite, launch, serveDir } from "./static-site.mjs";

const FIXTURE = path.join(REPO, "tests/fixtures/hostile");
const NOW = "2026-11-30T12:00:00Z";

/** The JSON between the `---` fences of a posting (or a whole company file). */
async function jsonOf(file, fenced = true) {
  const text = await readFile(file, "utf8");
  return JSON.parse(fenced ? text.split("\n---\n")[0].replace(/^---\n/, "") : text);
}

/** What each posting should show, keyed by slug: title, company name, places. */
async function intended() {
  const out = new Map();
  for (const name of await readdir(path.join(FIXTURE, "content/jobs"))) {
    const fm = await jsonOf(path.join(FIXTURE, "content/jobs", name));
    const company =
      typeof fm.company === "string"
        ? await jsonOf(path.join(FIXTURE, "content/companies", `${fm.company}.yaml`), false)
        : fm.company;
    out.set(name.replace(/\.md$/, ""), { ...fm, companyName: company.name, places: fm.location.places ?? [] });
  }
  return out;
}

/** Every HTML page the build wrote, as URL paths. */
async function pages(dir, rel = "") {
  const found = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) found.push(...(await pages(dir, r)));
    else if (e.name.endsWith(".html")) found.push("/" + r.split("/").map(encodeURIComponent).join("/").replace(/index\.html$/, ""));
  }
  return found.sort();
}

// Installed in every document and frame before any of its own script runs: setting
// `window.__pwned` (or `parent.__pwned` from a frame) reports to the test, as do dialogs.
// The property cannot be redefined by the page; named elements (`id="__pwned"`) cannot
// shadow it either, so the test looks for those separately.
function trap() {
  let value;
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get: () => value,
    set: (v) => {
      value = v;
      window.__reportPwned(String(v), location.href);
    },
  });
  for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = (m) => window.__reportPwned(`${name}(${m})`, location.href);
}

// What hostile input can put on a page that does something when used.
const ACTIVE = "main a, main button, main input, main select, main textarea, main summary, main [onclick], main [tabindex], main area, .site-footer a";

let dir, site, browser, context, page, origin, want;
const pwned = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "vacancy-hostile-"));
  const out = path.join(dir, "public");
  buildSite(FIXTURE, out, NOW);
  // The positive control: the same tricks on a page that does not sanitise must trip the trap.
  await writeFile(
    path.join(out, "trap-control.html"),
    `<!doctype html><title>control</title><main><img src=x onerror="window.__pwned='control-onerror'">` +
      `<a href="javascript:window.__pwned='control-link'">js</a><iframe srcdoc="<script>parent.__pwned='control-frame'</script>"></iframe></main>`,
  );
  await writeFile(
    path.join(out, "embed-host.html"),
    `<!doctype html><title>host</title><div id="all" data-vacancy-jobs data-limit="100"></div><script src="/embed.js" async></script>`,
  );
  site = await serveDir(out);
  origin = new URL(site.url).origin;
  want = await intended();
  browser = await launch();
  context = await browser.newContext();
  await context.exposeBinding("__reportPwned", (_source, what, where) => pwned.push(`${what} at ${where}`));
  await context.addInitScript(trap);
  // Nothing leaves 127.0.0.1: other hosts answer 204, so a click on an outside link stays on the page.
  await context.route("**/*", (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.fulfill({ status: 204 }),
  );
  context.on("page", (p) => p.on("dialog", (d) => (pwned.push(`dialog ${d.message()}`), d.dismiss())));
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Hovers, focuses and clicks the `i`th active element; returns to the page if it navigated. */
async function use(i) {
  const url = page.url();
  const el = page.locator(ACTIVE).nth(i);
  let navigation = null;
  const onRequest = (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigation = r.url();
  };
  page.on("request", onRequest);
  await el.evaluate((e) => {
    e.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    e.focus();
    e.click();
  });
  // A javascript: URL runs in a task after the click; give it time to run before looking.
  await page.waitForTimeout(60);
  page.off("request", onRequest);
  // A same-site page it led to gets loaded (and trapped) too; other hosts answered 204.
  if (navigation && new URL(navigation).origin === origin) {
    await page.waitForURL((u) => u.href.split("#")[0] === navigation.split("#")[0], { waitUntil: "load" });
  }
  if (page.url() !== url) await page.goto(url);
}

// Same-site pages (path and query) that links point to, and those the test has opened.
const linked = new Set();
const opened = new Set();
const key = (u) => u.pathname + u.search;

/** Opens `url`, uses everything active on it, and fails on any sign of script from content. */
async function exercise(url) {
  opened.add(key(new URL(url)));
  await page.goto(url);
  const n = await page.locator(ACTIVE).count();
  for (let i = 0; i < n; i++) {
    const href = await page.locator(ACTIVE).nth(i).getAttribute("href");
    const target = href === null ? null : new URL(href, page.url());
    // A same-site http link does nothing but open its page, which the test opens itself.
    if (target && target.origin === origin) {
      linked.add(key(target));
      continue;
    }
    await use(i);
  }
  const clobbered = await page.evaluate(() => document.getElementById("__pwned") !== null || document.getElementsByName("__pwned").length > 0);
  assert.equal(clobbered, false, `${url}: an element named __pwned`);
  assert.deepEqual(pwned, [], `script from content ran on ${url}`);
}

test("the trap and the clicks catch script on a page that does not sanitise", async () => {
  await exercise(`${site.url}trap-control.html`).catch(() => {});
  assert.deepEqual(
    pwned.map((p) => p.split(" at ")[0]).sort(),
    ["control-frame", "control-link", "control-onerror"],
  );
  pwned.length = 0;
});

test("no script runs on any page of the hostile board, whatever is clicked", async () => {
  const ours = ["/trap-control.html", "/embed-host.html"];
  const all = (await pages(path.join(dir, "public"))).filter((p) => !ours.includes(p));
  assert.ok(all.length > 30, `only ${all.length} pages`);
  for (const p of all) await exercise(new URL(p, site.url).href);
  // Then every same-site link not opened yet: tag filters open the search UI with hostile
  // values in the URL.
  for (let more; (more = [...linked].filter((k) => !opened.has(k))).length; ) {
    for (const k of more) await exercise(new URL(k, site.url).href);
  }
  const tags = [...want.values()].flatMap((fm) => fm.tags ?? []);
  const tagged = [...opened].filter((k) => k.startsWith("/?tag=")).map((k) => new URL(k, site.url).searchParams.get("tag"));
  assert.ok(tags.length > 3 && tags.every((t) => tagged.includes(t)), `tag links opened: ${JSON.stringify(tagged)}`);
});

test("posting pages show the front-matter values exactly, in text and in JSON-LD", async () => {
  for (const [slug, fm] of want) {
    await page.goto(`${site.url}jobs/${slug}/`);
    const got = await page.evaluate(() => ({
      h1: document.querySelector("h1").textContent,
      title: document.title,
      og: document.querySelector('meta[property="og:title"]').content,
      ld: [...document.querySelectorAll('script[type="application/ld+json"]')]
        .map((s) => JSON.parse(s.textContent))
        .find((d) => d["@type"] === "JobPosting"),
    }));
    assert.equal(got.h1, fm.title, `${slug}: h1`);
    assert.equal(got.og, fm.title, `${slug}: og:title`);
    assert.ok(got.title.startsWith(fm.title), `${slug}: <title> ${JSON.stringify(got.title.slice(0, 80))}`);
    assert.equal(got.ld.title, fm.title, `${slug}: JSON-LD title`);
    assert.equal(got.ld.hiringOrganization.name, fm.companyName, `${slug}: JSON-LD company`);
    const addresses = (got.ld.jobLocation ?? []).map((l) => l.address);
    assert.equal(addresses.length, fm.places.length, `${slug}: JSON-LD places`);
    fm.places.forEach((place, i) => {
      const a = addresses[i];
      assert.deepEqual(
        [a.addressLocality, a.addressRegion, a.streetAddress, a.postalCode, a.addressCountry],
        [place.city, place.region, place.street, place.postal_code, place.country],
        `${slug}: JSON-LD place ${i}`,
      );
    });
  }
  assert.deepEqual(pwned, []);
});

test("listings, search results, filters and the embed show the titles exactly", async () => {
  const titles = [...want.values()].map((fm) => fm.title).sort();
  const texts = (sel) => page.locator(sel).evaluateAll((es) => es.map((e) => e.textContent).sort());

  await page.goto(site.url);
  assert.deepEqual(await texts("main .card-title a"), titles, "home page cards");
  // The search index holds the titles as written, and renders the same cards from them.
  const shard = await (await fetch(`${site.url}search/0.json`)).json();
  assert.deepEqual([...shard.title].sort(), titles, "search index titles");
  await page.getByLabel("Search jobs").fill("e");
  await page.waitForFunction((n) => document.querySelectorAll(".search-results .card").length === n, titles.length);
  assert.deepEqual(await texts(".search-results .card-title a"), titles, "search results");
  await page.locator("#f-category option").nth(1).waitFor({ state: "attached" });
  const categories = new Set((await texts("#f-category option")).map((t) => t.replace(/ \(\d+\)$/, "")));
  for (const fm of want.values()) assert.ok(categories.has(fm.category), `category filter lacks ${JSON.stringify(fm.category)}`);

  await page.goto(`${site.url}embed/`);
  assert.deepEqual(await texts("a[href*='/jobs/']"), titles, "the iframe embed page");

  await page.goto(`${site.url}embed-host.html`);
  await page.waitForFunction(() => document.getElementById("all").shadowRoot?.querySelectorAll("a[href*='/jobs/']").length > 0);
  const embedded = await page.evaluate(() =>
    [...document.getElementById("all").shadowRoot.querySelectorAll("a[href*='/jobs/']")].map((a) => a.textContent).sort(),
  );
  assert.deepEqual(embedded, titles, "embed.js on another page");
  assert.deepEqual(pwned, []);
});
