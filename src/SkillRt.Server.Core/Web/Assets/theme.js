// Light and dark themes. Without JavaScript the page follows the system setting (prefers-color-scheme
// in site.css); with it, the header's button switches and the choice is remembered in this browser.
(function () {
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem("skillrt-theme"); } catch (e) { /* storage may be disabled */ }
  if (stored === "light" || stored === "dark") { root.setAttribute("data-theme", stored); }

  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) { return chosen; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) { return; }
    function label() {
      var next = current() === "dark" ? "light" : "dark";
      button.setAttribute("aria-label", "Switch to the " + next + " theme");
      button.setAttribute("title", "Switch to the " + next + " theme");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("skillrt-theme", next); } catch (e) { /* the choice then lasts this page only */ }
      label();
    });
  });
})();
