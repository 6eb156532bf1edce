/* Gongkai — 先查一查 as you type (templates/portal/_lookup.html). Without script the "查一查"
   button posts the form back with the same lists (published items, answered questions); with
   it, the lists follow the text typed,
   asked of the JSON look-up a moment after the typing stops. No inline script (CSP). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-lookup]").forEach(function (box) {
    var url = box.getAttribute("data-lookup-url");
    var results = box.querySelector("[data-lookup-results]");
    var sources = (box.getAttribute("data-lookup-source") || "").split(/\s+/)
      .map(function (id) { return document.getElementById(id); })
      .filter(function (el) { return el; });
    var timer = null;
    var asked = "";
    var controller = null;

    function paragraph(text) {
      var p = document.createElement("p");
      p.textContent = text;
      return p;
    }

    function list(items, heading) {
      results.appendChild(paragraph(heading));
      var ul = document.createElement("ul");
      items.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        li.appendChild(a);
        var note = document.createElement("span");
        note.className = "muted";
        note.textContent = " （" + item.unit + (item.published_on ? "，" + item.published_on : "") + "）";
        li.appendChild(note);
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }

    function show(items, questions) {
      results.replaceChildren();
      if (!items.length && !questions.length) {
        results.appendChild(paragraph("没有找到相似的已公开信息和已答复的留言，您可以继续提交。"));
        return;
      }
      if (items.length) { list(items, "以下已公开的信息可能与您要找的相同："); }
      if (questions.length) { list(questions, "以下已答复的留言可能与您的问题相同："); }
    }

    function ask() {
      var text = sources.map(function (el) { return el.value; }).join("\n").trim();
      if (text === asked) { return; }
      asked = text;
      if (text.length < 2) { results.replaceChildren(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text.slice(0, 2000)), {
        headers: { "Accept": "application/json" }, signal: controller.signal
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { show(data.items || [], data.questions || []); } })
        .catch(function () { /* the button still works */ });
    }

    sources.forEach(function (el) {
      el.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, 400);
      });
    });
  });
});
