// search.js: the site's own search (render/search.go), with no library.
// It loads /search-index.json from this site, then lists the prefectures
// and public bodies whose English or Japanese name, prefecture, LINE
// services or statuses hold every word typed, as the reader types.
// Matching ignores case and full-width/half-width differences (NFKC) and
// treats katakana and hiragana alike. Every value from the index is
// written with textContent, never as markup. Without this script the form
// stays hidden and the page's lists lead to every record.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("search-q");
  var count = document.getElementById("search-count");
  var out = document.getElementById("search-out");
  var list = document.getElementById("search-results");
  if (!form || !input || !count || !out || !list || !window.fetch || !String.prototype.normalize) {
    return;
  }
  var d = form.dataset;
  var ja = document.documentElement.lang === "ja";
  var sep = ja ? "、" : ", ";
  var MAX = 50; // results shown at once; more words narrow the list
  var records = null; // filled when the index arrives

  // Status labels in the page's language, from the page's own links.
  var labels = {};
  Array.prototype.forEach.call(document.querySelectorAll("a[data-status]"), function (a) {
    labels[a.getAttribute("data-status")] = a.textContent;
  });

  // fold makes text comparable: NFKC turns full-width letters and digits
  // into plain ones and half-width katakana into full-width; lower case;
  // katakana become hiragana.
  function fold(s) {
    return s.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    });
  }

  // pick returns a name in the page's language with the language to mark
  // when it falls back to the other one.
  function pick(en, jaName) {
    if (ja) {
      return jaName ? [jaName, ""] : [en, "en"];
    }
    return en ? [en, ""] : [jaName, "ja"];
  }

  function format(s, n) {
    return s.replace("%d", String(n));
  }

  // build turns the index into records: prefectures first, then bodies.
  function build(ix) {
    var st = ix.statuses;
    var prefs = ix.prefectures;
    var recs = [];
    prefs.forEach(function (p) {
      var names = p[1] + "\n" + p[2];
      recs.push({
        name: pick(p[1], p[2]),
        url: d.root + "prefectures/" + encodeURIComponent(p[0]) + "/",
        meta: d.prefecture,
        names: fold(names),
        all: fold(p[0] + "\n" + names)
      });
    });
    ix.agencies.forEach(function (a) {
      var p = a[3] >= 0 ? prefs[a[3]] : null;
      var where = p ? pick(p[1], p[2])[0] : d.national;
      var words = [a[0], a[1], a[2], p ? p[1] + "\n" + p[2] : d.national];
      var seen = {};
      var shown = [];
      a[4].forEach(function (sv) {
        var status = st[sv[2]] || "";
        words.push(sv[0], sv[1], status, labels[status] || "");
        if (!seen[status]) {
          seen[status] = true;
          shown.push(sv[2]);
        }
      });
      shown.sort(function (x, y) { return x - y; });
      var meta = [where];
      shown.forEach(function (i) { meta.push(labels[st[i]] || st[i]); });
      recs.push({
        name: pick(a[1], a[2]),
        url: d.root + "agencies/" + encodeURIComponent(a[0]) + "/",
        meta: meta.join(sep),
        names: fold(a[1] + "\n" + a[2]),
        all: fold(words.join("\n"))
      });
    });
    return recs;
  }

  function has(text, words) {
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  function clear(el) {
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
  }

  // search shows the records holding every word: those whose name holds
  // them all first, then the rest, each group in index order.
  function search() {
    var q = fold(input.value).trim();
    clear(list);
    if (!records) {
      return;
    }
    if (q === "") {
      out.hidden = true;
      count.textContent = "";
      return;
    }
    var words = q.split(/\s+/);
    var first = [];
    var rest = [];
    records.forEach(function (r) {
      if (has(r.names, words)) {
        first.push(r);
      } else if (has(r.all, words)) {
        rest.push(r);
      }
    });
    var found = first.concat(rest);
    found.slice(0, MAX).forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.name[0];
      if (r.name[1]) {
        a.lang = r.name[1];
      }
      li.appendChild(a);
      if (r.meta) {
        var m = document.createElement("span");
        m.className = "meta";
        m.textContent = " " + r.meta;
        li.appendChild(m);
      }
      list.appendChild(li);
    });
    out.hidden = found.length === 0;
    var msg = found.length === 0 ? d.none : found.length === 1 ? d.single : format(d.many, found.length);
    if (found.length > MAX) {
      msg += " " + format(d.more, MAX);
    }
    count.textContent = msg;
  }

  // The query lives in the address (?q=), so a search can be shared and
  // survives going back.
  function remember() {
    if (window.history && history.replaceState) {
      var q = input.value;
      history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
    }
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search();
  });
  input.addEventListener("input", function () {
    search();
    remember();
  });
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) {
    try {
      input.value = decodeURIComponent(m[1].replace(/\+/g, " "));
    } catch (e) {
      input.value = "";
    }
  }

  fetch(d.index, { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) {
      throw new Error(r.status);
    }
    return r.json();
  }).then(function (ix) {
    if (!ix || ix.version !== 1) {
      throw new Error("unknown index version");
    }
    records = build(ix);
    search();
  }).catch(function () {
    count.textContent = d.failed;
  });
})();
