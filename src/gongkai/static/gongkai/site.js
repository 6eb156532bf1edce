/* Gongkai — the little the pages do with script; every page works without it. Loaded from the
   static folder: the Content-Security-Policy allows no inline script or event handler. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // <button data-print hidden>: shown, and prints the page, only where script runs
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // <select data-autosubmit>: choosing a value sends its form (a button does it without script)
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
