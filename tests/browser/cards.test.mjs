// The cards' "New" badge and "posted N days ago" in a real browser, on examples/careers.
// They come from cards.js and the reader's clock, which the test fixes; the HTML itself
// only carries the date (tests/board.rs checks that it does not change with the build date).
//
// Run from the repository root:  node --test tests/browser/

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, REPO, vacancyBin } from "./static-site.mjs";



test("cards show New and a relative date by the reader's clock", { timeout: 60_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-cards-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  await cp(path.join(REPO, "examples/careers"), root, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}public`),
  });
  const child = spawn(vacancyBin(), ["serve", "--port", "0", "--now", "2026-11-30", "--root", root], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => child.kill("SIGKILL"));
  const base = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("no URL after 30 s")), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/^Serving .* at (http:\/\/\S+)/m);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.clock.setFixedTime(new Date("2026-11-30T12:00:00Z"));
  await page.goto(base);
  const card = (title) => page.locator(".card", { has: page.getByRole("link", { name: title, exact: true }) });

  // Posted 27 Nov: three days ago, and new.
  const dev = card("E-commerce Developer");
  await dev.locator(".badge-new").waitFor({ timeout: 5_000 });
  assert.equal(await dev.locator(".card-date").innerText(), "Posted 3 days ago");
  assert.equal(await dev.locator(".card-date time").getAttribute("title"), "27 Nov 2026");
  // Posted 4 Nov: an old posting gets its age but no badge.
  const care = card("Customer Care Specialist");
  assert.equal(await care.locator(".card-date").innerText(), "Posted 26 days ago");
  assert.equal(await care.locator(".badge-new").count(), 0);

  // A week later by the reader's clock, nothing on the board is new any more.
  await page.clock.setFixedTime(new Date("2026-12-07T12:00:00Z"));
  await page.reload();
  await page.locator(".card-date", { hasText: "days ago" }).first().waitFor({ timeout: 5_000 });
  assert.equal(await page.locator(".badge-new").count(), 0);
  assert.equal(await card("E-commerce Developer").locator(".card-date").innerText(), "Posted 10 days ago");
});
