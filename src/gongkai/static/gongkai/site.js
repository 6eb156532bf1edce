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
  // the staff menu's groups (<details data-menu>) open and close without script; with it, opening
  // one closes the others, and Escape or a click elsewhere closes the open one
  var menus = document.querySelectorAll("details[data-menu]");
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (menu.open) menus.forEach(function (other) { if (other !== menu) other.open = false; });
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) { if (menu.open && !menu.contains(event.target)) menu.open = false; });
  });
});
