// The embed in a real browser: a company's page on one origin loads /embed.js from a built
// board served on another, as on the web. Debian's headless Chromium via playwright-core;
// axe-core checks the rendered lists (in their shadow roots) for accessibility.
//
// Run from the repository root:  node --test tests/browser/
// VACANCY_BIN picks the binary (default target/debug/vacancy, built if missing);
// CHROMIUM picks the browser (default /usr/bin/chromium). No browser is ever downloaded.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, REPO, vacancyBin } from "./static-site.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");


function posting({ title, company, category, posted }) {
  return `---
title: ${title}
company: {name: ${company[0].toUpperCase() + company.slice(1)}}
category: ${category}
employment_type: full-time
location: {remote: true, countries: [DE]}
posted: ${posted}
apply: https://${company}.example/apply
---
The job.
`;
}

/** Builds a board with two companies and two categories; returns its public/ folder. */
async function buildBoard(root) {
  await mkdir(path.join(root, "content/jobs"), { recursive: true });
  await writeFile(
    path.join(root, "config.yaml"),
    "title: \"Embed Test Board $&\"\nbase_url: https://jobs.example.test/\n" +
      "categories:\n  - {key: engineering, name: Engineering}\n  - {key: design, name: Design}\n" +
      "check: {allow_example_domains: true}\n",
  );
  const jobs = [
    ["rust-engineer", "Rust Engineer", "acme", "engineering", "2026-11-20"],
    ["go-engineer", "Go Engineer", "acme", "engineering", "2026-11-19"],
    ["designer", "Product Designer", "acme", "design", "2026-11-18"],
    ["data-engineer", "Data Engineer", "globex", "engineering", "2026-11-17"],
  ];
  for (const [slug, title, company, category, posted] of jobs) {
    await writeFile(path.join(root, `content/jobs/${slug}.md`), posting({ title, company, category, posted }));
  }
  const out = spawnSync(vacancyBin(), ["build", "--root", root, "--now", "2026-11-30", "--quiet"], {
    encoding: "utf8",
  });
  assert.equal(out.status, 0, out.stderr);
  return path.join(root, "public");
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
};

/** Serves `dir` on 127.0.0.1 as a static host would, with the CORS header docs/publishing.md advises. */
function serveBoard(dir) {
  return listen(
    createServer(async (req, res) => {
      let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (rel.endsWith("/")) rel += "index.html";
      const file = path.join(dir, path.normalize(rel));
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          "content-type": TYPES[path.extname(file)] || "application/octet-stream",
          "access-control-allow-origin": "*",
        });
        res.end(body);
      } catch {
        res.writeHead(404, { "access-control-allow-origin": "*" }).end("not found");
      }
    }),
    "127.0.0.1",
  );
}

/** Serves one HTML page on `localhost`: another origin than the board's 127.0.0.1. */
function serveHost(html) {
  return listen(
    createServer((req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html)),
    "localhost",
  );
}

function listen(server, host) {
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

const origin = (server, host) => `http://${host}:${server.address().port}`;

test("the embed lists a board's jobs on another origin, filtered, accessibly", { timeout: 90_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-embed-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  const board = await serveBoard(await buildBoard(root));
  t.after(() => board.close());
  const boardUrl = origin(board, "127.0.0.1");
  const host = await serveHost(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme: careers</title></head>
<body><main><h1>Work at Acme</h1>
<div id="all" data-vacancy-jobs></div>
<div id="eng" data-vacancy-jobs data-category="engineering" data-limit="2" data-heading="Engineering jobs"></div>
<div id="acme-design" data-vacancy-jobs data-company="acme" data-category="design" data-heading=""></div>
<div id="globex" data-vacancy-jobs data-company="globex"></div>
<div id="missing" data-vacancy-jobs data-category="no-such-category"></div>
<script src="${boardUrl}/embed.js" async></script>
</main></body></html>`);
  t.after(() => host.close());
  const hostUrl = origin(host, "localhost");
  assert.notEqual(new URL(hostUrl).origin, new URL(boardUrl).origin);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(hostUrl);
  // Playwright's CSS locators pierce open shadow roots.
  await page.locator("#all li").first().waitFor({ timeout: 10_000 });
  await page.locator("#acme-design li").first().waitFor({ timeout: 10_000 });
  await page.locator("#missing [role=status]").filter({ hasText: "could not be loaded" }).waitFor({ timeout: 10_000 });

  await t.test("the whole board, newest first, each linking to its page on the board", async () => {
    const all = page.locator("#all");
    assert.deepEqual(await all.locator("li a").allInnerTexts(), [
      "Rust Engineer",
      "Go Engineer",
      "Product Designer",
      "Data Engineer",
    ]);
    assert.equal(
      await all.locator("li a").first().getAttribute("href"),
      "https://jobs.example.test/jobs/rust-engineer/",
    );
    assert.match(await all.locator("li").first().innerText(), /Acme · Remote/);
    assert.equal(await all.getByRole("heading").innerText(), "Open positions");
    // The content lives in a shadow root: the host page's own DOM is untouched.
    assert.equal(await page.evaluate(() => document.querySelector("#all").children.length), 0);
  });

  await t.test("data-category and data-limit filter and cut the list", async () => {
    const eng = page.locator("#eng");
    assert.deepEqual(await eng.locator("li a").allInnerTexts(), ["Rust Engineer", "Go Engineer"]);
    assert.equal(await eng.getByRole("heading").innerText(), "Engineering jobs");
    const more = eng.locator("p.more a");
    assert.equal(await more.innerText(), "All 3 positions on Embed Test Board $&");
    assert.equal(await more.getAttribute("href"), "https://jobs.example.test/categories/engineering/");
  });

  await t.test("data-company reads the company's RSS feed", async () => {
    const globex = page.locator("#globex");
    await globex.locator("li").first().waitFor({ timeout: 10_000 });
    assert.deepEqual(await globex.locator("li a").allInnerTexts(), ["Data Engineer"]);
    assert.match(await globex.locator("li").first().innerText(), /Globex · Remote/);
    const more = globex.locator("p.more a");
    assert.equal(await more.innerText(), "More on Embed Test Board $&");
    assert.equal(await more.getAttribute("href"), "https://jobs.example.test/companies/globex/");
  });

  await t.test("data-company with data-category reads the company's feed and filters it", async () => {
    const design = page.locator("#acme-design");
    assert.deepEqual(await design.locator("li a").allInnerTexts(), ["Product Designer"]);
    assert.equal(await design.getByRole("heading").count(), 0, 'data-heading="" shows no heading');
    assert.equal(await design.locator("ul").getAttribute("aria-label"), "Open positions");
  });

  await t.test("axe finds no accessibility violations", async () => {
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => (await axe.run(document)).violations);
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
    );
    assert.deepEqual(errors, []);
  });

  await t.test("the iframe page reports its height to the embedding page", async () => {
    const framed = await serveHost(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme: careers</title></head>
<body><main><h1>Work at Acme</h1>
<iframe id="jobs" title="Open positions" src="${boardUrl}/embed/engineering/" style="width:100%;border:0" height="50"></iframe>
<script>
addEventListener("message", (e) => {
  if (e.origin === "${boardUrl}" && e.data && e.data.type === "vacancy-embed:height") {
    document.getElementById("jobs").height = e.data.height;
  }
});
</script></main></body></html>`);
    t.after(() => framed.close());
    const host2 = await browser.newPage();
    await host2.goto(origin(framed, "localhost"));
    const frame = host2.frameLocator("#jobs");
    assert.deepEqual(await frame.locator("li a").allInnerTexts(), ["Rust Engineer", "Go Engineer", "Data Engineer"]);
    await host2.waitForFunction(() => Number(document.getElementById("jobs").height) > 150, null, { timeout: 10_000 });
    assert.equal(await frame.locator("li a").first().getAttribute("href"), "https://jobs.example.test/jobs/rust-engineer/");
    await host2.close();
  });
});
