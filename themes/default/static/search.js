// Vacancy search: filters the board in the browser from the compact index the build writes
// (search/index.json + shards; record layout in src/search/record.rs). Loaded by
// partials/search.html on first use. A plain scan over precomputed lower-case text: 10,000
// postings take a few milliseconds per keystroke, so no search library is needed (see the
// README's "Search" section for the measurements). The state lives in the URL query.
// With `search: full` the manifest names a Pagefind bundle too: free text then also matches
// whole descriptions, and those matches join the scan's before the filters apply.
(function () {
  "use strict";

  // Every user-visible string comes from the page, in the site's language: the build
  // writes the translation table's `js_` strings into #vacancy-strings (see docs/themes.md).
  var T = readStrings();
  var lang = document.documentElement.lang || undefined;
  T.matches = function (n) {
    return (n === 1 ? T.matchesOne : T.matchesOther).replace("{n}", n.toLocaleString(lang));
  };
  function readStrings() {
    var el = document.getElementById("vacancy-strings");
    try {
      return el ? JSON.parse(el.textContent) : {};
    } catch (e) {
      return {};
    }
  }
  var PAGE = 20; // results shown at a time (layout, not matching, is the cost of a keystroke)
  var MAX_OPTIONS = 100; // a longer list is no use in a select (3,600 companies on a big board)
  var DAY = 86400000;
  // URL parameters, in the order they are written.
  var KEYS = ["q", "category", "type", "remote", "hybrid", "onsite", "country", "company", "tag", "salary", "pay", "min", "within"];
  var SELECTS = ["category", "type", "country", "company", "tag", "within", "pay"];
  // The facet (manifest `facets`) each URL parameter belongs to.
  var FACET = { remote: "mode", hybrid: "mode", onsite: "mode", pay: "salary", min: "salary" };

  var box = document.getElementById("job-search");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  var form = box.querySelector("form");
  var input = form.elements.q;
  var panel = box.querySelector(".search-filters");
  var summary = box.querySelector(".search-summary");
  var status = box.querySelector(".search-status");
  var clear = box.querySelector(".search-clear");
  var list = box.querySelector(".search-results");
  var moreRow = box.querySelector(".search-more-row");
  var main = document.getElementById("main") || document.body;
  // The static listing, hidden while a search is active.
  var listing = [].filter.call(main.querySelectorAll(".cards, .pagination, .empty, .page-header .count"), function (el) {
    return !box.contains(el);
  });

  // The filters' and results' styles load with this script, not with the page: the index
  // page's first load waits on nothing search needs (the field itself is in style.css).
  var css = new Promise(function (done) {
    if (!box.dataset.style) return done(); // an older search.html links it itself
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = box.dataset.style;
    link.onload = link.onerror = done;
    document.head.appendChild(link);
  });

  var data = null; // { m: manifest, recs: [...], complete: every shard is in }
  var pending = 0; // the deferred update of the filters' counts
  var shown = PAGE;
  var lastInput = false; // the last history entry came from typing: replace it, don't stack

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ---- state <-> URL and form
  // Whether the board offers the filter of URL parameter `k`: a careers page has no company
  // facet, so a `company=` in a shared URL is ignored rather than showing nothing.
  function offered(k) {
    var f = data && data.m.facets;
    return k === "q" || !f || f.indexOf(FACET[k] || k) >= 0;
  }
  function readUrl() {
    var p = new URLSearchParams(location.search), s = {};
    KEYS.forEach(function (k) { s[k] = offered(k) ? (p.get(k) || "").trim() : ""; });
    return s;
  }
  function readForm() {
    var s = { q: input.value.trim() };
    if (!data || !data.complete) return Object.assign(readUrl(), s);
    var e = form.elements;
    SELECTS.forEach(function (k) { s[k] = offered(k) ? e[k].value : ""; });
    ["remote", "hybrid", "onsite", "salary"].forEach(function (k) { s[k] = e[k].checked ? "1" : ""; });
    s.min = e.min.value.trim();
    return s;
  }
  function writeForm(s) {
    input.value = s.q;
    if (!data || !data.complete) return;
    var e = form.elements;
    SELECTS.filter(offered).forEach(function (k) { ensureOption(e[k], s[k]); e[k].value = s[k]; });
    ["remote", "hybrid", "onsite", "salary"].forEach(function (k) { e[k].checked = s[k] === "1"; });
    e.min.value = s.min;
  }
  function query(s) {
    var p = new URLSearchParams();
    KEYS.forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    var q = p.toString();
    return q ? "?" + q : "";
  }
  function active(s) {
    return KEYS.some(function (k) { return s[k]; });
  }

  // ---- loading
  function get(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function prepare(m, shards) {
    var t = m.tables, regions = t.regions, recs = [];
    // Shards hold columns; r is one record's fields in the order of src/search/record.rs.
    var COLS = ["slug", "title", "company", "category", "types", "mode", "where", "location", "salary", "posted", "posted_display", "summary", "tags"];
    shards.forEach(function (shard) {
      shard.slug.forEach(function (_, i) {
        var r = COLS.map(function (c) { return shard[c][i]; });
        var company = t.companies[r[2]], category = t.categories[r[3]];
        var ww = r[6].indexOf("worldwide") >= 0, codes = null;
        if (!ww) {
          codes = [];
          r[6].forEach(function (term) {
            (regions[term] || [term]).forEach(function (c) { if (codes.indexOf(c) < 0) codes.push(c); });
          });
        }
        var types = r[4].map(function (k) { return t.types[k]; });
        // Country names in the board's language too: "Österreich" finds "Remote (DE, AT, CH)".
        var countries = r[6].map(function (x) { return t.countries[x] || ""; }).join(" ");
        recs.push({
          i: recs.length, r: r, company: company, category: category, types: types, ww: ww, codes: codes,
          time: Date.parse(r[9]),
          pay: r[8] ? r[8][2] + "-" + r[8][3] : "",
          text: [r[1], company[1], category[1], r[7], r[6].join(" "), countries, r[11], r[12].join(" "),
            types.map(function (x) { return x[1]; }).join(" ")].join("\n").toLowerCase(),
        });
      });
    });
    return { m: m, recs: recs };
  }

  // ---- matching and counting
  function filters(s) {
    var f = [], now = Date.now();
    var words = s.q.toLowerCase().split(/\s+/).filter(Boolean);
    var inText = full.q === s.q && full.hits ? full.hits : null;
    if (words.length) {
      f.push(["q", function (x) {
        return words.every(function (w) { return x.text.indexOf(w) >= 0; }) || (inText !== null && inText.has(x.i));
      }]);
    }
    if (s.category) f.push(["category", function (x) { return x.category[0] === s.category; }]);
    if (s.type) f.push(["type", function (x) { return x.types.some(function (t) { return t[0] === s.type; }); }]);
    var bits = (s.remote ? 1 : 0) | (s.hybrid ? 2 : 0) | (s.onsite ? 4 : 0);
    if (bits) f.push(["mode", function (x) { return (x.r[5] & bits) !== 0; }]);
    if (s.country) f.push(["country", function (x) { return x.ww || x.codes.indexOf(s.country) >= 0; }]);
    if (s.company && offered("company")) f.push(["company", function (x) { return x.company[0] === s.company; }]);
    if (s.tag) f.push(["tag", function (x) { return x.r[12].indexOf(s.tag) >= 0; }]);
    if (s.salary) f.push(["salary", function (x) { return x.r[8] !== null; }]);
    var min = parseFloat(s.min);
    if (s.pay) {
      f.push(["pay", function (x) {
        if (x.pay !== s.pay) return false;
        var top = x.r[8][1] !== null ? x.r[8][1] : x.r[8][0];
        return !(min > 0) || top >= min;
      }]);
    }
    var days = parseInt(s.within, 10);
    if (days > 0) f.push(["within", function (x) { return x.time >= now - days * DAY; }]);
    return f;
  }
  function bump(o, k) { o[k] = (o[k] || 0) + 1; }
  // Counts per facet value, each over the postings that pass every *other* filter, so a
  // count says what choosing that value would show.
  function tally(x, c, only, now) {
    var all = only === null;
    if (all || only === "category") bump(c.category, x.category[0]);
    if (all || only === "type") x.types.forEach(function (t) { bump(c.type, t[0]); });
    if (all || only === "mode") {
      if (x.r[5] & 1) bump(c.mode, "remote");
      if (x.r[5] & 2) bump(c.mode, "hybrid");
      if (x.r[5] & 4) bump(c.mode, "onsite");
    }
    if (all || only === "country") {
      if (x.ww) c.anywhere++;
      else x.codes.forEach(function (k) { bump(c.country, k); });
    }
    if (all || only === "company") bump(c.company, x.company[0]);
    if (all || only === "tag") x.r[12].forEach(function (t) { bump(c.tag, t); });
    if ((all || only === "salary") && x.r[8]) c.salary++;
    if ((all || only === "pay") && x.pay) bump(c.pay, x.pay);
    if (all || only === "within") {
      if (x.time >= now - 7 * DAY) c.within["7"]++;
      if (x.time >= now - 30 * DAY) c.within["30"]++;
    }
  }
  function search(s) {
    var f = filters(s), now = Date.now(), hits = [];
    var c = { category: {}, type: {}, mode: {}, country: {}, anywhere: 0, company: {}, tag: {}, salary: 0, pay: {}, within: { "7": 0, "30": 0 } };
    data.recs.forEach(function (x) {
      var failed = null, fails = 0;
      for (var i = 0; i < f.length && fails < 2; i++) {
        if (!f[i][1](x)) {
          fails++;
          failed = f[i][0];
          if (failed === "q") return;
        }
      }
      if (fails === 0) {
        hits.push(x);
        tally(x, c, null, now);
      } else if (fails === 1) {
        tally(x, c, failed, now);
      }
    });
    return { hits: hits, counts: c };
  }

  // ---- full-text matches (`search: full`): Pagefind's page ids map to records through the
  // build's search/fulltext.json (record i's id at position i), so no Pagefind fragment is
  // fetched. pagefind.js, its index and the id list load on the first query.
  var full = { q: "", hits: null, lib: null };
  function fullText(q) {
    var ft = data && data.m.fulltext;
    if (!ft || !q || full.q === q) return;
    full = { q: q, hits: null, lib: full.lib };
    if (!full.lib) {
      full.lib = Promise.all([import(ft.bundle + "pagefind.js"), get(ft.ids)]).then(function (got) {
        var index = {};
        got[1].forEach(function (id, i) { index[id] = i; });
        return { pagefind: got[0], index: index };
      });
    }
    var mine = full;
    mine.lib
      .then(function (lib) {
        return lib.pagefind.search(q).then(function (res) {
          return new Set(((res && res.results) || []).map(function (r) { return lib.index[r.id]; }));
        });
      })
      .then(function (hits) {
        if (full !== mine) return; // a newer query took over
        full.hits = hits;
        if (readForm().q === q) show(readForm());
      })
      .catch(function () { /* the scan's matches stand */ });
  }

  // ---- filter controls
  function ensureOption(sel, value) {
    if (!value || [].some.call(sel.options, function (o) { return o.value === value; })) return;
    var o = document.createElement("option");
    o.value = value;
    o.textContent = value;
    sel.appendChild(o);
  }
  // Sets a select's options to `items` ([value, label, count]), keeping the choice. Long
  // lists keep their MAX_OPTIONS most frequent values; free text finds the others.
  function fill(sel, first, items) {
    var value = sel.value;
    if (items.length > MAX_OPTIONS) {
      var top = items.filter(function (it) { return it[2] > 0; })
        .sort(function (a, b) { return b[2] - a[2]; })[MAX_OPTIONS - 1];
      var floor = top ? top[2] : 0;
      var kept = 0;
      items = items.filter(function (it) { return it[0] === value || (it[2] >= floor && it[2] > 0 && kept++ < MAX_OPTIONS); });
    }
    var html = '<option value="">' + esc(first) + "</option>";
    items.forEach(function (it) {
      if (it[2] > 0 || it[0] === value) {
        html += '<option value="' + esc(it[0]) + '">' + esc(it[1]) + " (" + it[2].toLocaleString(lang) + ")</option>";
      }
    });
    if (sel.dataset.html !== html) {
      sel.innerHTML = html;
      sel.dataset.html = html;
      ensureOption(sel, value);
      sel.value = value;
    }
  }
  function field(name, label) {
    return '<div class="filter"><label for="f-' + name + '">' + esc(label) + '</label><select id="f-' + name + '" name="' + name + '"></select></div>';
  }
  function check(name, label) {
    return '<label class="check"><input type="checkbox" name="' + name + '" value="1"> <span>' + esc(label) + '</span> <span class="n" data-n="' + name + '"></span></label>';
  }
  function buildPanel() {
    var open = window.matchMedia("(min-width: 48rem)").matches ? " open" : "";
    panel.innerHTML =
      '<details class="filters-box"' + open + "><summary>" + esc(T.filters) + '</summary><div class="filters-grid">' +
      field("category", T.category) + field("type", T.type) + field("country", T.country) +
      (offered("company") ? field("company", T.company) : "") + field("tag", T.tag) + field("within", T.within) +
      '<fieldset class="filter filter-checks"><legend>' + esc(T.mode) + "</legend>" +
      check("remote", T.remote) + check("hybrid", T.hybrid) + check("onsite", T.onsite) + "</fieldset>" +
      '<fieldset class="filter filter-salary"><legend>' + esc(T.salary) + "</legend>" + check("salary", T.salaryGiven) +
      '<div class="pay-row"><div><label for="f-pay">' + esc(T.pay) + '</label><select id="f-pay" name="pay"></select></div>' +
      '<div><label for="f-min">' + esc(T.atLeast) + '</label><input id="f-min" name="min" type="number" min="0" step="1000" inputmode="numeric"></div></div>' +
      "</fieldset></div></details>";
    panel.hidden = false;
  }
  function updatePanel(c) {
    var t = data.m.tables, e = form.elements;
    fill(e.category, T.allCategories, t.categories.map(function (x) { return [x[0], x[1], c.category[x[0]] || 0]; }));
    fill(e.type, T.allTypes, t.types.map(function (x) { return [x[0], x[1], c.type[x[0]] || 0]; }));
    fill(e.country, T.allCountries, Object.keys(t.countries).map(function (k) {
      return [k, t.countries[k], (c.country[k] || 0) + c.anywhere];
    }).sort(function (a, b) { return a[1].localeCompare(b[1]); }));
    if (offered("company")) fill(e.company, T.allCompanies, t.companies.map(function (x) { return [x[0], x[1], c.company[x[0]] || 0]; }));
    fill(e.tag, T.allTags, Object.keys(c.tag).sort().map(function (k) { return [k, k, c.tag[k]]; }));
    fill(e.within, T.anyTime, [["7", T.days7, c.within["7"]], ["30", T.days30, c.within["30"]]]);
    fill(e.pay, T.anyPay, Object.keys(c.pay).sort().map(function (k) {
      var cp = k.split("-");
      return [k, cp[0] + T.per + cp[1], c.pay[k]];
    }));
    ["remote", "hybrid", "onsite"].forEach(function (k) {
      box.querySelector('[data-n="' + k + '"]').textContent = "(" + (c.mode[k] || 0).toLocaleString(lang) + ")";
    });
    box.querySelector('[data-n="salary"]').textContent = "(" + c.salary.toLocaleString(lang) + ")";
  }

  // ---- results, as the same cards as the listings (partials/card.html)
  function card(x) {
    var r = x.r, co = x.company, jobs = data.m.jobs;
    var logo = co[2]
      ? '<img class="logo" src="' + esc(co[2]) + '" alt="" width="44" height="44" loading="lazy" decoding="async">'
      : '<span class="logo" aria-hidden="true">' + esc(co[1].charAt(0).toUpperCase()) + "</span>";
    // partials/facts.html: each fact after its name, a visually hidden <dt> (the strings
    // carry a trailing ": " for other uses).
    function fact(name, cls, text) {
      return "<dt>" + esc(name.replace(/[\s:\uff1a]+$/, "")) + '</dt><dd class="fact-' + cls + '">' + esc(text) + "</dd>";
    }
    var facts = fact(T.location, "location", r[7]);
    if (x.types.length) facts += fact(T.employmentType, "type", x.types.map(function (t) { return t[1]; }).join(", "));
    if (r[8]) facts += fact(T.salaryLabel, "salary", r[8][4]);
    var tags = r[12].length
      ? '<ul class="tags" aria-label="' + esc(T.tags) + '">' + r[12].map(function (t) {
        return '<li><a href="' + esc(box.dataset.page + "?tag=" + encodeURIComponent(t)) + '"><span class="vh">' + esc(T.tagLink) + "</span>" + esc(t) + "</a></li>";
      }).join("") + "</ul>"
      : "";
    return '<li class="card"><article><header>' + logo + "<div>" +
      '<h2 class="card-title"><a href="' + esc(jobs + r[0] + "/") + '">' + esc(r[1]) + "</a></h2>" +
      '<p><a href="' + esc(data.m.companies + co[0] + "/") + '">' + esc(co[1]) + "</a></p></div>" +
      ((data.m.drafts || []).indexOf(r[0]) >= 0 ? '<span class="badge badge-draft">' + esc(T.draft) + "</span>" : "") + "</header>" +
      '<dl class="facts">' + facts + "</dl>" +
      (r[11] ? '<p class="card-summary">' + esc(r[11]) + "</p>" : "") +
      '<footer>' + tags + '<p class="card-date">' + esc(T.posted) +
      '<time datetime="' + esc(r[9]) + '">' + esc(r[10]) + "</time></p></footer></article></li>";
  }
  function show(s) {
    var on = active(s);
    listing.forEach(function (el) { el.hidden = on; });
    summary.hidden = !on;
    list.hidden = !on;
    clear.hidden = !on;
    if (!data) {
      if (on) status.textContent = T.loading;
      moreRow.hidden = true;
      return;
    }
    fullText(s.q);
    var res = search(s);
    // Results first; the filters' counts (thousands of options on a big board) a moment later.
    clearTimeout(pending);
    if (data.complete) pending = setTimeout(function () { updatePanel(res.counts); }, 0);
    if (!on) {
      list.innerHTML = "";
      moreRow.hidden = true;
      return;
    }
    // Until every shard is in, the newest postings are searched: their matches come first
    // anyway, but the total is not known yet.
    status.textContent = !data.complete ? T.loading : res.hits.length ? T.matches(res.hits.length) : T.none;
    list.innerHTML = res.hits.slice(0, shown).map(card).join("");
    // "New" and "3 days ago" as on the listing's cards (cards.js; if it is still loading,
    // it does these cards too when it runs).
    if (window.vacancyCards) window.vacancyCards(list);
    moreRow.hidden = !data.complete || res.hits.length <= shown;
  }

  // ---- events
  function commit(fromInput) {
    var s = readForm(), url = location.pathname + query(s) + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      if (fromInput && lastInput) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    lastInput = fromInput;
    shown = PAGE;
    show(s);
  }
  input.addEventListener("input", function () { commit(true); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); commit(false); });
  form.addEventListener("change", function (ev) { if (ev.target !== input) commit(false); });
  clear.addEventListener("click", function () {
    writeForm(KEYS.reduce(function (o, k) { o[k] = ""; return o; }, {}));
    commit(false);
    input.focus();
  });
  moreRow.querySelector("button").addEventListener("click", function () {
    var first = list.children.length;
    shown += PAGE;
    show(readForm());
    var next = list.children[first];
    if (next) next.querySelector(".card-title a").focus();
  });
  window.addEventListener("popstate", function () {
    lastInput = false;
    shown = PAGE;
    var s = readUrl();
    writeForm(s);
    show(s);
  });

  // Typing may have begun while this script loaded: keep it, in the URL too.
  var initial = readUrl();
  if (input.value.trim()) {
    initial.q = input.value.trim();
    history.replaceState(null, "", location.pathname + query(initial) + location.hash);
    lastInput = true;
  }
  writeForm(initial);
  show(initial);
  // The manifest and the first shard (the newest postings) load in parallel: the first
  // results show from that shard, and the counts once every shard is in.
  var shard0 = get(box.dataset.index.replace(/[^/]*$/, "0.json")).catch(function () { return null; });
  function ready(d, complete) {
    data = d;
    data.complete = complete;
    if (complete) buildPanel();
    // Whatever was typed while the index loaded wins over the URL it was loaded with, and
    // parameters of filters this board does not offer leave it.
    var s = readUrl();
    s.q = input.value.trim();
    var url = location.pathname + query(s) + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
    writeForm(s);
    show(s);
  }
  Promise.all([get(box.dataset.index), css])
    .then(function (got) {
      var m = got[0];
      var rest = m.shards.slice(1).map(get);
      return shard0.then(function (first) {
        if (m.count > 0 && !first) throw new Error("no first shard");
        if (rest.length) ready(prepare(m, [first]), false);
        return Promise.all(rest).then(function (more) {
          ready(prepare(m, first ? [first].concat(more) : []), true);
        });
      });
    })
    .catch(function () {
      summary.hidden = false;
      status.textContent = T.failed;
    });
})();
