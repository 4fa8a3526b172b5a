// Kyocho filters: the timeline (forum, topic, party, Japan's role) and the commitments page
// (forum, topic, status).
//
// Each page is complete without this script: it shows everything and the form stays hidden.
// With it, the form appears; a choice hides the items that do not match and the sections left
// empty, and is written to the address (?forum=g7&topic=ai), so a filtered view can be shared
// and survives the language switch. What an item matches is decided at build time (kb.facets):
// table rows marked data-kyocho-row carry data-forum, data-topic, … lists of ids that already
// include a forum's parent forums and a topic's broader topics. A timeline mark, and a table row
// without data, follows the row that links the same address (the facets are written once, in
// the table, and the drawing stays light).
(function () {
  var form = document.querySelector("form[data-kyocho-filters]");
  if (!form) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
  var names = selects.map(function (s) { return s.name; });
  var marks = Array.prototype.slice.call(document.querySelectorAll("svg.kyocho-timeline a[href]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-kyocho-row]"));
  var counted = marks.length ? marks : rows;          // what the status line counts
  var byHref = {};
  rows.forEach(function (tr) {
    var link = tr.querySelector("a[href]");
    if (link && !byHref[link.getAttribute("href")]) byHref[link.getAttribute("href")] = tr;
  });
  var followers = [];                                  // [mark or row, the row it follows]
  marks.forEach(function (a) {
    var row = byHref[a.getAttribute("href")];
    if (row) followers.push([a, row]);
  });
  document.querySelectorAll(".md-content tbody tr:not([data-kyocho-row])").forEach(function (tr) {
    var links = tr.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var row = byHref[links[i].getAttribute("href")];
      if (row) { followers.push([tr, row]); break; }
    }
  });
  // Sections: a heading and what follows it up to the next heading.
  var sections = [];
  document.querySelectorAll(".md-content h2[id], .md-content h3[id]").forEach(function (h) {
    var section = { heading: h, parts: [], items: [] };
    for (var el = h.nextElementSibling; el && !/^H[23]$/.test(el.tagName); el = el.nextElementSibling) {
      section.parts.push(el);
      el.querySelectorAll("tbody tr").forEach(function (tr) { section.items.push(tr); });
    }
    if (section.items.length) sections.push(section);
  });
  // Links to sections: above the tables and in the table of contents.
  var sectionLinks = document.querySelectorAll(".kyocho-years a[href^='#'], .md-nav--secondary a[href^='#']");

  function chosen() {
    var out = {};
    selects.forEach(function (s) { if (s.value) out[s.name] = s.value; });
    return out;
  }
  function matches(el, want) {
    return names.every(function (n) {
      if (!want[n]) return true;
      return (" " + (el.getAttribute("data-" + n) || "") + " ").indexOf(" " + want[n] + " ") >= 0;
    });
  }
  function apply(writeAddress) {
    var want = chosen(), hidden = {};
    rows.forEach(function (el) { el.classList.toggle("kyocho-off", !matches(el, want)); });
    followers.forEach(function (pair) {
      var el = pair[0], on = !pair[1].classList.contains("kyocho-off");
      el.classList.toggle("kyocho-off", !on);
      if (el.tagName.toLowerCase() === "a") {   // a hidden mark is not reached by the Tab key
        if (on) el.removeAttribute("tabindex"); else el.setAttribute("tabindex", "-1");
      }
    });
    sections.forEach(function (section) {
      var any = section.items.some(function (tr) { return !tr.classList.contains("kyocho-off"); });
      [section.heading].concat(section.parts).forEach(function (el) { el.classList.toggle("kyocho-off", !any); });
      if (!any) hidden["#" + section.heading.id] = true;
    });
    sectionLinks.forEach(function (a) {
      (a.closest("li") || a).classList.toggle("kyocho-off", !!hidden[a.getAttribute("href")]);
    });
    var shown = counted.filter(function (el) { return !el.classList.contains("kyocho-off"); }).length;
    form.querySelector(".kyocho-filter-status").textContent = form.getAttribute("data-status")
      .replace("{n}", shown).replace("{total}", counted.length);
    if (writeAddress) {
      var params = new URLSearchParams(window.location.search);
      names.forEach(function (n) { if (want[n]) params.set(n, want[n]); else params.delete(n); });
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
  }

  // The address sets the filters; a value that is not among the choices is left out.
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (select) {
    var value = params.get(select.name);
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  });
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  apply(false);
})();
