// Helpers for browser tests of a built site: build it with the real binary, serve the
// output folder over plain HTTP (no live reload), and launch Debian's Chromium.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function vacancyBin() {
  if (process.env.VACANCY_BIN) return path.resolve(process.env.VACANCY_BIN);
  const bin = path.join(REPO, "target/debug/vacancy");
  if (!existsSync(bin)) {
    const built = spawnSync("cargo", ["build", "--bin", "vacancy"], { cwd: REPO, stdio: "inherit" });
    assert.equal(built.status, 0, "cargo build failed");
  }
  return bin;
}

/** Builds the site in `root` into `out` at the fixed time `now`. */
export function buildSite(root, out, now) {
  const r = spawnSync(vacancyBin(), ["build", "--root", root, "--now", now, "-o", out], { encoding: "utf8" });
  assert.equal(r.status, 0, `vacancy build failed:\n${r.stderr}`);
  return r.stderr;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml" };

/** Serves `dir` on a free local port; resolves with { url, close }. */
export function serveDir(dir) {
  const server = createServer(async (req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, path.normalize(rel));
    try {
      if (!file.startsWith(dir) || !(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Builds the site in `root` into `root/public` at `now`, serves it and launches Chromium,
 * all undone when test `t` ends. Resolves with { out, server, browser }.
 */
export async function builtAndServed(t, root, now) {
  const out = path.join(root, "public");
  buildSite(root, out, now);
  const server = await serveDir(out);
  t.after(server.close);
  const browser = await launch();
  t.after(() => browser.close());
  return { out, server, browser };
}
