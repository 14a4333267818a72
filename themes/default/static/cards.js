// Vacancy: "New" badges and "posted 3 days ago" on posting cards, by the reader's clock.
// The static page shows the date itself, so it stays the same from one day to the next.
// search.js calls window.vacancyCards(list) on the result cards it renders, so they read
// exactly like the listing's.
(function () {
  "use strict";
  // The two words it needs (the translation table's `js_new` and `js_days_ago`), from the
  // listing's data attributes: term listings carry no string table. A theme whose listings
  // still print the whole table (#vacancy-strings, template contract 4) gets them from it.
  var list = document.querySelector(".cards[data-new]");
  var el = list ? null : document.getElementById("vacancy-strings");
  var T = list ? { new: list.dataset.new, daysAgo: list.dataset.daysAgo } : el ? JSON.parse(el.textContent) : {};
  var DAY = 864e5;
  var NEW_DAYS = 7;
  var lang = document.documentElement.lang || "en";
  var rtf = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;

  function enhance(root) {
    var now = Date.now();
    root.querySelectorAll(".card:not(.is-closed) .card-date time[datetime]").forEach(function (time) {
      if (time.hasAttribute("title")) return; // done already: the title keeps the date
      var posted = Date.parse(time.getAttribute("datetime"));
      if (isNaN(posted) || posted > now) return;
      var days = Math.floor((now - posted) / DAY);
      time.title = time.textContent;
      time.textContent = rtf ? rtf.format(-days, "day") : (T.daysAgo || "{n}").replace("{n}", days);
      var head = time.closest(".card").querySelector("header");
      if (days < NEW_DAYS && T.new && head && !head.querySelector(".badge")) {
        var badge = document.createElement("span");
        badge.className = "badge badge-new";
        badge.textContent = T.new;
        head.appendChild(badge);
      }
    });
  }
  window.vacancyCards = enhance;
  enhance(document);
})();
