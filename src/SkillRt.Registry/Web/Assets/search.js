// The search page's filters. Without JavaScript they are always open (above the results on a phone);
// with it, a phone-width screen starts with them folded so the results come first.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var filters = document.querySelector("[data-search-filters]");
    if (filters && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
      filters.open = false;
    }
  });
})();
