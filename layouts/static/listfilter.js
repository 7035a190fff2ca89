// listfilter.js: sorting and filtering for long lists, as progressive
// enhancement. A table or list marked data-filter gets a filter box above
// it (when it has enough entries to need one) that hides the rows or items
// not holding every word typed, with a live count; a marked table also
// gets a button in each column header that sorts its rows, the order
// announced through aria-sort. Without this script every list is whole and
// in its published order. A list split into pages is filtered and sorted
// on the page shown only: the script never fetches the other pages. The
// words of the interface come from this script element's data-
// attributes, in the page's language.
(function () {
  "use strict";
  var me = document.currentScript;
  var d = (me && me.dataset) || {};
  var label = d.label || "Filter this list";
  // A list split into pages (a pager on the page) is filtered one page at
  // a time, and the label says so.
  if (d.labelPage && document.querySelector(".pager")) {
    label = d.labelPage;
  }
  var countText = d.count || "%[1]d of %[2]d shown";
  var sortText = d.sort || "sort";
  var lang = document.documentElement.lang || "en";
  var MIN = 6; // shorter lists are read at a glance
  var seq = 0;

  if (!String.prototype.normalize || !document.querySelectorAll) {
    return;
  }

  // fold makes text comparable as search.js does: NFKC, lower case,
  // katakana as hiragana, runs of space as one.
  function fold(s) {
    return s.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    }).replace(/\s+/g, " ");
  }

  function items(el) {
    if (el.tagName === "TABLE") {
      return el.tBodies.length ? Array.prototype.slice.call(el.tBodies[0].rows) : [];
    }
    return Array.prototype.filter.call(el.children, function (c) { return c.tagName === "LI"; });
  }

  function addFilter(el, rows) {
    var id = "listfilter-" + (++seq);
    var box = document.createElement("div");
    box.className = "listfilter";
    var lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = label;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.spellcheck = false;
    var status = document.createElement("span");
    status.className = "listfilter-count";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(lab);
    box.appendChild(input);
    box.appendChild(status);
    var at = (el.closest && el.closest(".table-wrap")) || el;
    at.parentNode.insertBefore(box, at);

    var texts = rows.map(function (r) { return fold(r.textContent); });
    input.addEventListener("input", function () {
      var words = fold(input.value).trim().split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        r.hidden = !ok;
        if (ok) {
          shown++;
        }
      });
      status.textContent = words.length ? countText.replace("%[1]d", shown).replace("%[2]d", rows.length) : "";
    });
  }

  // key is what a cell sorts by: a date's datetime, "" for a date not
  // reported, else its text.
  function key(cell) {
    if (!cell) {
      return "";
    }
    var t = cell.querySelector("time[datetime]");
    if (t) {
      return t.getAttribute("datetime");
    }
    return cell.querySelector(".no-date") ? "" : cell.textContent.trim();
  }

  function addSort(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) {
      return;
    }
    var collator = window.Intl ? new Intl.Collator(lang, { numeric: true, sensitivity: "base" }) : null;
    var compare = collator ? collator.compare : function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
    var original = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      while (th.firstChild) {
        b.appendChild(th.firstChild);
      }
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = " (" + sortText + ")";
      b.appendChild(hint);
      th.appendChild(b);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(head.cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var rows = original.map(function (r, i) { return { r: r, i: i, k: key(r.cells[col]) }; });
        rows.sort(function (x, y) {
          // Empty cells (no date reported) go last either way.
          if (!x.k !== !y.k) {
            return x.k ? -1 : 1;
          }
          var c = compare(x.k, y.k);
          return (dir === "ascending" ? c : -c) || x.i - y.i;
        });
        rows.forEach(function (x) { body.appendChild(x.r); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (el) {
    var rows = items(el);
    if (rows.length >= MIN) {
      addFilter(el, rows);
    }
    if (el.tagName === "TABLE" && rows.length > 1) {
      addSort(el);
    }
  });
})();
