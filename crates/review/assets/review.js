// skjema review pages: one script for the index and every report page.
// No network, no libraries: works from file:// (a USB stick).
"use strict";

(function () {
  var body = document.body;
  if (body.classList.contains("index")) {
    indexPage();
  } else if (body.classList.contains("report")) {
    reportPage();
  }

  // ---- index: sort, filter, search -------------------------------------
  function indexPage() {
    var table = document.getElementById("reports");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var search = document.getElementById("search");
    var template = document.getElementById("template");
    var severity = document.getElementById("severity");
    var missing = document.getElementById("missing");
    var shown = document.getElementById("shown");

    function filter() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var count = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-search");
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        if (ok && template.value) ok = row.getAttribute("data-template") === template.value;
        if (ok && severity.value) ok = Number(row.getAttribute("data-" + severity.value)) > 0;
        if (ok && missing.checked) ok = row.getAttribute("data-missing") === "1";
        row.hidden = !ok;
        if (ok) count += 1;
      });
      shown.textContent = count + " of " + rows.length + " reports";
    }

    function sortBy(th) {
      var col = th.cellIndex;
      var numeric = th.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-v");
        var y = b.cells[col].getAttribute("data-v");
        if (numeric) return dir * ((Number(x) || 0) - (Number(y) || 0));
        return dir * x.localeCompare(y, "nb");
      });
      rows.forEach(function (row) { tbody.appendChild(row); });
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener("click", function () { sortBy(th); });
    });
    [search, template, severity].forEach(function (el) { el.addEventListener("input", filter); });
    missing.addEventListener("change", filter);
    filter();
  }

  // ---- report: values and boxes linked both ways -------------------------
  function reportPage() {
    var pages = document.getElementById("pages");
    var side = document.getElementById("values");

    function all(selector) {
      return Array.prototype.slice.call(document.querySelectorAll(selector));
    }

    function clear() {
      all(".hl").forEach(function (el) { el.classList.remove("hl"); });
    }

    function esc(key) {
      return key.replace(/["\\]/g, "\\$&");
    }

    // Highlights everything that shows `attr`=`key` and scrolls the other
    // side to it: a value clicked in the list brings its box into view,
    // a box clicked on the page brings its value into view.
    function select(attr, key, from) {
      clear();
      var marks = all("[" + attr + '="' + esc(key) + '"]');
      marks.forEach(function (el) { el.classList.add("hl"); });
      var onPage = marks.filter(function (el) { return pages.contains(el); });
      var inList = marks.filter(function (el) { return side.contains(el); });
      var target = from === "page" ? inList[0] : onPage[0];
      if (target) target.scrollIntoView({ block: "center", inline: "nearest" });
      if (from === "hash" && inList[0]) inList[0].scrollIntoView({ block: "center", inline: "nearest" });
      if (from !== "hash") history.replaceState(null, "", "#" + (attr === "data-k" ? "v=" : "i=") + encodeURIComponent(key));
      return marks.length > 0;
    }

    function flashPage(number) {
      var page = document.getElementById("page-" + number);
      if (!page) return;
      page.classList.add("hl");
      page.scrollIntoView({ block: "start" });
    }

    document.addEventListener("click", function (event) {
      var el = event.target.closest("[data-k],[data-i],[data-goto]");
      if (!el) return;
      var from = pages.contains(el) ? "page" : "list";
      if (el.hasAttribute("data-k")) {
        select("data-k", el.getAttribute("data-k"), from);
      } else if (el.hasAttribute("data-i")) {
        var key = el.getAttribute("data-i");
        select("data-i", key, from);
        // An issue without a box (a missing field) still names its page.
        if (!pages.querySelector('[data-i="' + esc(key) + '"]') && el.getAttribute("data-page")) {
          flashPage(el.getAttribute("data-page"));
        }
      } else {
        clear();
        flashPage(el.getAttribute("data-goto"));
      }
      event.preventDefault();
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") clear();
    });

    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("v=") === 0) select("data-k", hash.slice(2), "hash");
    else if (hash.indexOf("i=") === 0) select("data-i", hash.slice(2), "hash");
  }
})();
