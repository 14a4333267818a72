// `vacancy serve` in a real browser: Debian's headless Chromium, driven by playwright-core.
//
// Run from the repository root:  node --test tests/browser/
// VACANCY_BIN picks the binary (default target/debug/vacancy, built if missing);
// CHROMIUM picks the browser (default /usr/bin/chromium). No browser is ever downloaded.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, REPO, vacancyBin } from "./static-site.mjs";

const POSTING = "content/jobs/rust-engineer.md";

function posting({ title = "Rust Engineer", body = "You will build a job board in Rust.", type = "full-time" } = {}) {
  return `---
title: ${title}
category: Engineering
employment_type: ${type}
location:
  remote: true
  countries: [DE]
posted: 2026-11-20
apply: https://testco.example/apply
---
${body}
`;
}

async function makeSite() {
  const root = await mkdtemp(path.join(tmpdir(), "vacancy-browser-"));
  await mkdir(path.join(root, "content/jobs"), { recursive: true });
  await writeFile(
    path.join(root, "config.yaml"),
    "title: Browser Test Board\nbase_url: https://jobs.example.test/\n" +
      "organization:\n  name: Testco\n  url: https://testco.example\n",
  );
  await writeFile(path.join(root, POSTING), posting());
  await writeFile(
    path.join(root, "content/jobs/data-analyst.md"),
    posting({ title: "Data Analyst", body: "You will count the jobs." }),
  );
  return root;
}


/** Starts `vacancy serve` (on a free port by default); `url` resolves once it prints it. */
function startServer(root, port = "0") {
  const child = spawn(vacancyBin(), ["serve", "--port", port, "--now", "2026-11-30", "--root", root], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`no URL after 30 s; stderr:\n${stderr}`)), 30_000);
    child.stdout.on("data", (d) => {
      stdout += d;
      const m = stdout.match(/^Serving .* at (http:\/\/\S+)/m);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`vacancy serve exited (${code}); stderr:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

/** Resolves with the exit code once the child has exited. */
function exited(child) {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

test("a posting page reloads itself on edits and overlays build errors", { timeout: 90_000 }, async (t) => {
  const root = await makeSite();
  const servers = [startServer(root)];
  const server = servers[0];
  t.after(async () => {
    for (const s of servers) {
      // The server's log says how long each rebuild took: keep it with the test output.
      t.diagnostic(`vacancy serve said:\n${s.stderr().trimEnd()}`);
      if (s.child.exitCode === null) s.child.kill("SIGKILL");
    }
    await rm(root, { recursive: true, force: true });
  });
  const base = await server.url;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const page = await browser.newPage();

  // The script asks for the build status once its event stream is open: after that
  // response, the page is listening.
  const listening = page.waitForResponse((r) => r.url().endsWith("/__vacancy/status"));
  await page.goto(`${base}jobs/rust-engineer/`);
  await listening;
  assert.match(await page.locator("main").innerText(), /build a job board in Rust/);

  await t.test("edits reload the page within two seconds", async () => {
    const start = performance.now();
    await writeFile(path.join(root, POSTING), posting({ body: "Freshly edited body text." }));
    await page.getByText("Freshly edited body text.").waitFor({ timeout: 5_000 });
    const ms = performance.now() - start;
    t.diagnostic(`reloaded with the new text after ${Math.round(ms)} ms`);
    assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  });

  await t.test("a broken posting shows the error overlay, on open and new tabs", async () => {
    await writeFile(path.join(root, POSTING), posting({ type: "fulltime", body: "Broken." }));
    // Wait for this error in particular: an editor's half-written file may show another first.
    const overlay = page.getByRole("alert").filter({ hasText: "rust-engineer.md:4:" });
    await overlay.waitFor({ timeout: 5_000 });
    const text = await overlay.innerText();
    assert.match(text, /content\/jobs\/rust-engineer\.md:4:18: employment_type: unknown value "fulltime"/);
    assert.match(text, /failed to build/);
    // The last good build is still what the page shows.
    assert.match(await page.locator("main").innerText(), /Freshly edited body text\./);

    const fresh = await browser.newPage();
    await fresh.goto(`${base}jobs/data-analyst/`);
    const freshText = await fresh.getByRole("alert").innerText({ timeout: 10_000 });
    assert.match(freshText, /content\/jobs\/rust-engineer\.md:4:18/);
    await fresh.close();
  });

  await t.test("fixing the posting removes the overlay", async () => {
    await writeFile(path.join(root, POSTING), posting({ body: "Fixed body text." }));
    await page.getByText("Fixed body text.").waitFor({ timeout: 5_000 });
    await page.locator("#vacancy-error-overlay").waitFor({ state: "detached", timeout: 5_000 });
    assert.equal(await page.getByRole("alert").count(), 0);
  });

  await t.test("Ctrl-C stops the server with status 0", async () => {
    server.child.kill("SIGINT");
    let timer;
    const code = await Promise.race([
      exited(server.child),
      new Promise((resolve) => (timer = setTimeout(() => resolve("still running after 5 s"), 5_000))),
    ]);
    clearTimeout(timer);
    assert.equal(code, 0, server.stderr());
  });

  await t.test("the page reconnects to a restarted server and catches up", async () => {
    // Edited while no server runs: only the reconnect can bring this text to the page.
    await writeFile(path.join(root, POSTING), posting({ body: "Edited while the server was down." }));
    const port = new URL(base).port;
    const again = startServer(root, port);
    servers.push(again);
    assert.equal(await again.url, base);
    await page.getByText("Edited while the server was down.").waitFor({ timeout: 10_000 });
  });
});
