/* Gongkai — the 适老化 toolbar's script (docs/accessibility.md), on every page. Loaded from the
   static folder: the Content-Security-Policy allows no inline script. The switches are links
   that set a cookie (portal:display) and come back, so they work without script; the server
   puts the matching class on <body>. Script adds what CSS cannot: the reading line, read-aloud
   through the browser's own speech synthesis (nothing leaves the browser), and the column labels
   of tables that phones show one record a block. */
"use strict";
(function () {
  var body = document.body;

  function on(name) { return body.classList.contains(name); }

  // Column heads copied into each cell's data-label: on a phone the stylesheet shows a table's
  // rows one under the other, each cell after the name of its column.
  function labelCells() {
    document.querySelectorAll("table.data").forEach(function (table) {
      var head = table.tHead;
      if (!head || !head.rows.length) { return; }
      var names = [];
      Array.prototype.forEach.call(head.rows[head.rows.length - 1].cells, function (cell) {
        for (var i = 0; i < cell.colSpan; i += 1) { names.push(cell.textContent.trim()); }
      });
      Array.prototype.forEach.call(table.tBodies, function (group) {
        Array.prototype.forEach.call(group.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            var name = names[column];
            if (name && cell.colSpan === 1 && !cell.hasAttribute("data-label")) {
              cell.setAttribute("data-label", name);
            }
            column += cell.colSpan;
          });
        });
      });
    });
  }

  // The reading line: a band across the page that follows the pointer (or the keyboard's
  // focus), so the eye keeps its line. It never takes a click.
  function readingLine() {
    var line = document.createElement("div");
    line.className = "reading-guide";
    line.setAttribute("aria-hidden", "true");
    body.appendChild(line);
    function place(y) { line.style.top = Math.round(y) + "px"; }
    document.addEventListener("mousemove", function (event) { place(event.clientY); });
    document.addEventListener("touchmove", function (event) {
      if (event.touches.length) { place(event.touches[0].clientY); }
    }, { passive: true });
    document.addEventListener("focusin", function (event) {
      var box = event.target.getBoundingClientRect();
      place(box.top + box.height / 2);
    });
    place(window.innerHeight / 3);
  }

  // Read-aloud: the text under the pointer or in focus, or the whole of <main>, in zh-CN.
  var READABLE = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,label,summary,legend,a,button,figcaption";
  function speak(text) {
    var words = (text || "").replace(/\s+/g, " ").trim();
    if (!words) { return; }
    window.speechSynthesis.cancel();
    var utterance = new window.SpeechSynthesisUtterance(words.slice(0, 4000));
    utterance.lang = "zh-CN";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }
  function readAloud() {
    var pending = null;
    var last = null;
    function readOf(target) {
      var element = target && target.closest ? target.closest(READABLE) : null;
      if (!element || element === last || element.closest("[aria-hidden=true]")) { return; }
      last = element;
      speak(element.innerText || element.textContent || element.getAttribute("aria-label"));
    }
    document.addEventListener("mouseover", function (event) {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { readOf(event.target); }, 350);
    });
    document.addEventListener("focusin", function (event) { readOf(event.target); });
    document.querySelectorAll("[data-read-page]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var main = document.getElementById("main");
        speak(main ? main.innerText : body.innerText);
      });
    });
    document.querySelectorAll("[data-read-stop]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.speechSynthesis.cancel(); last = null; });
    });
  }

  function start() {
    labelCells();
    document.querySelectorAll("[data-needs-script]").forEach(function (link) { link.hidden = false; });
    var speech = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
    if (speech) {
      document.querySelectorAll("[data-needs-speech]").forEach(function (link) { link.hidden = false; });
    }
    if (on("reading-line")) { readingLine(); }
    if (on("read-aloud") && speech) { readAloud(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
