// Live reload for `vacancy serve`. Injected into HTML responses by the dev server only;
// `vacancy build` never writes it.
//
// Connects to /__vacancy/events (Server-Sent Events). On every (re)connect it asks
// /__vacancy/status which build is current: a page from an older build (edited while the
// tab was disconnected, or a restarted server) reloads, and a broken build shows its
// error over the page, so tabs opened while the site is broken see it too.
(() => {
  "use strict";
  const BASE = "/__vacancy/";
  const script = document.currentScript;
  const pageBuild = script ? script.dataset.vacancyBuild : null;
  let source = null;
  let delay = 250;

  function connect() {
    source = new EventSource(BASE + "events");
    source.addEventListener("open", () => {
      delay = 250;
      sync();
    });
    source.addEventListener("reload", () => location.reload());
    source.addEventListener("build-error", (e) => show(e.data));
    source.addEventListener("error", () => {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up, so we retry,
      // backing off while the server is down.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      }
    });
  }

  async function sync() {
    try {
      const res = await fetch(BASE + "status", { cache: "no-store" });
      const state = await res.json();
      if (pageBuild && state.build !== pageBuild) {
        location.reload();
      } else if (state.error) {
        show(state.error);
      } else {
        hide();
      }
    } catch (_) {
      // The server went away between connecting and asking; the next connect asks again.
    }
  }

  const STYLE = `
    :host { all: initial; }
    .backdrop {
      position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
      display: flex; align-items: flex-start; justify-content: center;
      padding: 6vh 1rem; box-sizing: border-box;
      background: rgba(15, 15, 20, 0.72);
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    }
    .panel {
      width: 100%; max-width: 60rem; box-sizing: border-box;
      background: #ffffff; color: #1b1b1f;
      border-top: 6px solid #b3261e; border-radius: 8px;
      padding: 1.25rem 1.5rem; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.4);
    }
    h2 { margin: 0 0 0.25rem; font-size: 1.25rem; color: #b3261e; }
    p { margin: 0 0 1rem; }
    pre {
      margin: 0 0 1rem; padding: 1rem; max-height: 60vh; overflow: auto;
      background: #f4f4f6; color: #1b1b1f; border-radius: 4px;
      font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      white-space: pre-wrap; overflow-wrap: anywhere;
    }
    button {
      font: inherit; padding: 0.4rem 1rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #1b1b1f; background: #ffffff; color: #1b1b1f;
    }
    button:focus-visible { outline: 3px solid #2f46c4; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .panel { background: #1e1e24; color: #ececf1; border-top-color: #ff8a80; }
      h2 { color: #ff8a80; }
      pre { background: #2a2a32; color: #ececf1; }
      button { background: #1e1e24; color: #ececf1; border-color: #ececf1; }
    }`;

  let overlay = null;

  // A shadow root keeps the site's CSS off the overlay and the overlay's CSS off the site.
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("vacancy-error-overlay");
      overlay.id = "vacancy-error-overlay";
      const root = overlay.attachShadow({ mode: "open" });
      root.innerHTML = `<style>${STYLE}</style>
        <div class="backdrop">
          <section class="panel" role="alert" aria-labelledby="vacancy-title">
            <h2 id="vacancy-title">The site failed to build</h2>
            <p>You are looking at the last good build. Fix the problem below and this
              page reloads by itself.</p>
            <pre></pre>
            <button type="button">Dismiss</button>
          </section>
        </div>`;
      root.querySelector("button").addEventListener("click", hide);
      document.addEventListener("keydown", onKey);
    }
    overlay.shadowRoot.querySelector("pre").textContent = text;
    if (!overlay.isConnected) document.documentElement.appendChild(overlay);
  }

  function hide() {
    if (overlay) overlay.remove();
  }

  function onKey(e) {
    if (e.key === "Escape") hide();
  }

  connect();
})();
