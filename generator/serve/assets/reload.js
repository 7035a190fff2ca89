// Live reload for `linewatch serve`. The server adds this script to the
// HTML it serves (never to the files it builds). It listens to the event
// stream of the server and
//   - reloads the page on "reload" (a rebuild succeeded, or this page is
//     older than the latest build),
//   - shows the build's errors on "error", and removes them on "ok",
//   - reconnects when the server goes away and comes back.
// The error text quotes the editor's files, so the box is built with DOM
// calls and textContent only: nothing in it is ever parsed as HTML.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = (me && me.getAttribute("data-version")) || "";
  var url = "/_linewatch/events" + (version ? "?v=" + encodeURIComponent(version) : "");
  var source = null;
  var timer = 0;
  var wait = 1000;

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function showError(text) {
    if (!document.querySelector('link[href="/_linewatch/overlay.css"]')) {
      var css = el("link");
      css.rel = "stylesheet";
      css.href = "/_linewatch/overlay.css";
      document.head.appendChild(css);
    }
    var old = document.getElementById("linewatch-error");
    var box = el("div");
    box.id = "linewatch-error";
    box.className = "linewatch-error";
    box.lang = "en";
    box.setAttribute("role", "alert");
    var details = el("details");
    details.open = true;
    details.appendChild(el("summary",
      "linewatch: the build failed; the last good version of the site is shown below"));
    details.appendChild(el("pre", text));
    details.appendChild(el("p", "Fix the file and save: this page reloads by itself."));
    box.appendChild(details);
    if (old) {
      old.replaceWith(box);
    } else {
      document.body.insertBefore(box, document.body.firstChild);
    }
  }

  function clearError() {
    var old = document.getElementById("linewatch-error");
    if (old) {
      old.remove();
    }
  }

  function connect() {
    clearTimeout(timer);
    if (source) {
      source.close();
    }
    source = new EventSource(url);
    source.addEventListener("open", function () {
      wait = 1000;
    });
    source.addEventListener("reload", function () {
      source.close();
      location.reload();
    });
    source.addEventListener("ok", clearError);
    // "error" is both the server's event (a MessageEvent with the text)
    // and EventSource's own signal of a broken connection (no data).
    source.addEventListener("error", function (e) {
      if (typeof e.data === "string") {
        showError(e.data);
        return;
      }
      // The browser retries a dropped stream by itself, but gives up
      // (CLOSED) after an answer that is not a stream, such as the 503 of
      // a server shutting down; then try again, more slowly each time.
      if (source.readyState === EventSource.CLOSED) {
        timer = setTimeout(connect, wait);
        wait = Math.min(wait * 2, 10000);
      }
    });
  }

  // A page kept in the back-forward cache lost its stream; reconnecting
  // tells the server which build it shows, and it reloads if that is old.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) {
      connect();
    }
  });
  window.addEventListener("pagehide", function () {
    clearTimeout(timer);
    if (source) {
      source.close();
    }
  });
  connect();
})();
