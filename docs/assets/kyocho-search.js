// Kyocho search page: Pagefind UI over the index of this page's language (<html lang>).
// A query in ?q= (from the header search form) is run at once.
(function () {
  var el = document.getElementById("kyocho-search");
  if (!el || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#kyocho-search",
    bundlePath: el.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
