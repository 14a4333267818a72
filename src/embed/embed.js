/*! Vacancy embed: lists a job board's open positions on another website.
 *
 * <div data-vacancy-jobs data-category="engineering" data-limit="5"></div>
 * <script src="https://jobs.example.com/embed.js" async></script>
 *
 * Attributes of each [data-vacancy-jobs] element (all optional):
 *   data-company   a company key (as in /companies/<key>/)
 *   data-category  a category key (as in /categories/<key>/)
 *   data-limit     at most this many postings (default 10, at most 100; a company or
 *                  category has at most the board's feed_limit in its feed)
 *   data-heading   the list's heading (default "Open positions", in the board's language; "" for none)
 * The list is drawn in a shadow root, so the page's styles cannot break it nor it the
 * page's; it inherits the font and colour, and --vacancy-link, --vacancy-muted and
 * --vacancy-line (CSS custom properties) restyle it, as do ::part(root|heading|list|item|link|meta). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  // The board is where this script was loaded from.
  var board = new URL(".", script.src);
  var KEY = /^[a-z0-9][a-z0-9-]*$/;
  var cache = {};
  // The board's strings, in its language: the build writes its translation table's
  // `embed_` keys here (camelCase), the language as `lang` and the board's title as `site`.
  var T = /*vacancy:strings*/{};
  function fill(s, n, board) {
    // A function, so a "$" in the board's title is not read as a replacement pattern.
    return s.replace("{n}", n.toLocaleString(T.lang)).replace("{site}", function () {
      return board;
    });
  }

  var STYLE =
    ":host{display:block;font:inherit;color:inherit}" +
    "h2{font-size:1.25em;margin:0 0 .5em}" +
    "ul{list-style:none;margin:0;padding:0}" +
    "li{padding:.6em 0;border-bottom:1px solid var(--vacancy-line,rgba(127,127,127,.35))}" +
    "a{color:var(--vacancy-link,inherit);text-underline-offset:.18em}" +
    ".title{font-weight:600}" +
    ".meta{display:block;margin-top:.15em;font-size:.875em;color:var(--vacancy-muted,inherit)}" +
    ".more{margin:.75em 0 0;font-size:.875em}";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // The smallest file that holds the wanted postings: a company's or a category's RSS feed
  // (each item has the facts a line needs as dc: and vacancy: elements), else the board's
  // JSON file (its site feed carries whole descriptions).
  function source(company, category) {
    if (company) return "companies/" + company + "/feed.xml";
    if (category) return "categories/" + category + "/feed.xml";
    return "embed/jobs.json";
  }

  var DC = "http://purl.org/dc/elements/1.1/";
  var OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
  var VACANCY = "urn:vacancy:rss:1";
  // The text of `parent`'s first `name` element (RSS's own when `ns` is null), or "".
  function text(parent, ns, name) {
    var e = ns ? parent.getElementsByTagNameNS(ns, name)[0] : parent.getElementsByTagName(name)[0];
    return e ? e.textContent : "";
  }
  // A feed read into the JSON file's shape: {url, total, jobs: [{title, url, company,
  // location, salary, category}]}.
  function fromFeed(xml) {
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    var channel = doc.getElementsByTagName("channel")[0];
    if (!channel || doc.getElementsByTagName("parsererror").length) throw new Error("not an RSS feed");
    var jobs = Array.prototype.map.call(channel.getElementsByTagName("item"), function (item) {
      return {
        title: text(item, null, "title"),
        url: text(item, null, "link"),
        company: text(item, DC, "creator"),
        location: text(item, DC, "coverage"),
        salary: text(item, VACANCY, "salary"),
        category: text(item, VACANCY, "category")
      };
    });
    var total = parseInt(text(channel, OPENSEARCH, "totalResults"), 10);
    return { url: text(channel, null, "link"), total: isNaN(total) ? jobs.length : total, jobs: jobs };
  }

  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, board), { credentials: "omit" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return /\.xml$/.test(path) ? r.text().then(fromFeed) : r.json();
      });
    }
    return cache[path];
  }

  function mount(host) {
    if (host.shadowRoot || host.dataset.vacancyMounted) return;
    host.dataset.vacancyMounted = "";
    var company = (host.dataset.company || "").trim().toLowerCase();
    var category = (host.dataset.category || "").trim().toLowerCase();
    var limit = Math.min(Math.max(parseInt(host.dataset.limit, 10) || 10, 1), 100);
    var heading = host.hasAttribute("data-heading") ? host.dataset.heading : T.heading;
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", {}, STYLE));
    // Not a <section>: several lists on one page would be landmarks with the same name.
    var box = el("div", { part: "root" });
    if (heading) box.appendChild(el("h2", { part: "heading" }, heading));
    var status = el("p", { role: "status" }, T.loading);
    box.appendChild(status);
    box.setAttribute("aria-busy", "true");
    root.appendChild(box);

    if ((company && !KEY.test(company)) || (category && !KEY.test(category))) {
      status.textContent = T.misconfigured;
      box.removeAttribute("aria-busy");
      return;
    }
    load(source(company, category))
      .then(function (data) {
        var jobs = data.jobs.filter(function (j) {
          return !category || j.category === category;
        });
        // Filtered here, the total is what the file shows; otherwise the file's own count.
        var total = company && category ? jobs.length : data.total;
        box.removeChild(status);
        if (jobs.length === 0) {
          box.appendChild(el("p", {}, T.none));
        } else {
          var list = el("ul", heading ? { part: "list" } : { part: "list", "aria-label": T.heading });
          jobs.slice(0, limit).forEach(function (j) {
            var item = el("li", { part: "item" });
            item.appendChild(el("a", { class: "title", part: "link", href: j.url }, j.title));
            var meta = [j.company, j.location];
            if (j.salary) meta.push(j.salary);
            item.appendChild(el("span", { class: "meta", part: "meta" }, meta.join(" · ")));
            list.appendChild(item);
          });
          box.appendChild(list);
        }
        var more = el("p", { class: "more" });
        var url = company && category ? new URL("categories/" + category + "/", board).href : data.url;
        var label = total > Math.min(limit, jobs.length) ? T.all : T.more;
        more.appendChild(el("a", { href: url, part: "link" }, fill(label, total, T.site)));
        box.appendChild(more);
      })
      .catch(function () {
        status.textContent = T.failed + " ";
        status.appendChild(el("a", { href: board.href }, T.seeBoard));
      })
      .then(function () {
        box.removeAttribute("aria-busy");
      });
  }

  function start() {
    document.querySelectorAll("[data-vacancy-jobs]").forEach(mount);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
