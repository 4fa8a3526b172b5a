// Kyocho search page: Pagefind UI over the index of this page's language (<html lang>).
// A query in ?q= (from the header search form) is run at once.
(function () {
  var el = document.getElementById("kyocho-search");
  if (!el || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#kyocho-search",
    bundlePath: el.getAttribute("data-bundle"),
    showSubResults: true,
    // A long page (a process, a forum with many meetings) is not a worse answer: without
    // this, Pagefind's length penalty put short pages that merely mention a name above the
    // record itself (measured on our queries: 8 of 15 expected pages in the top three before,
    // 11 after).
    ranking: { pageLength: 0 },
    // A query in hiragana is searched in katakana: names are indexed with their readings in
    // katakana (macros/readings.py), which Pagefind segments the same way at both ends.
    processTerm: function (term) {
      if (!/^[\u3041-\u3096\u30fc\s]+$/.test(term)) return term;
      return term.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); });
    },
    // Results say what they are: the record's kind and date (page metadata) before its title.
    processResult: function (result) {
      var m = result.meta || {};
      if (m.kind) m.title = m.kind + (m.when ? " · " + m.when : "") + " — " + (m.title || "");
      return result;
    },
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  // The page heading ("検索" / "Search") is the search box's visible label.
  var input = el.querySelector(".pagefind-ui__search-input"), title = document.querySelector("article h1");
  if (input && title) {
    title.id = title.id || "kyocho-search-title";
    input.setAttribute("aria-labelledby", title.id);
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
