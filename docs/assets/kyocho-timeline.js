// Kyocho timeline filters: forum, topic, party and Japan's role.
//
// The page is complete without this script: the drawing and the year tables show every
// meeting, and the form stays hidden. With it, the form appears; a choice hides the marks and
// table rows that do not match and the years left empty, and is written to the address
// (?forum=g7&topic=ai), so a filtered view can be shared, and survives the language switch.
// What a meeting matches is decided at build time (kb.facets): each mark of the drawing
// carries data-forum, data-topic, data-party and data-role, lists of ids that already include
// a forum's parent forums and a topic's broader topics.
(function () {
  var form = document.querySelector("form[data-kyocho-filters]");
  var drawing = document.querySelector("svg.kyocho-timeline");
  if (!form || !drawing) return;
  var names = ["forum", "topic", "party", "role"];
  var marks = Array.prototype.slice.call(drawing.querySelectorAll("a[href]"));
  var byHref = {};
  marks.forEach(function (a) { byHref[a.getAttribute("href")] = a; });

  // Each year: its heading, the elements up to the next heading, and its table rows with the
  // mark of the meeting each row links to.
  var years = [];
  document.querySelectorAll(".md-content h2[id^='y']").forEach(function (h) {
    var year = { heading: h, parts: [], rows: [] };
    for (var el = h.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
      year.parts.push(el);
      el.querySelectorAll("tbody tr").forEach(function (tr) {
        var links = tr.querySelectorAll("a[href]");
        for (var i = 0; i < links.length; i++) {
          var mark = byHref[links[i].getAttribute("href")];
          if (mark) { year.rows.push({ tr: tr, mark: mark }); break; }
        }
      });
    }
    years.push(year);
  });
  // The year links above the tables and in the table of contents.
  var yearLinks = document.querySelectorAll(".kyocho-years a[href^='#y'], .md-nav--secondary a[href^='#y']");

  function chosen() {
    var out = {};
    names.forEach(function (n) { if (form.elements[n].value) out[n] = form.elements[n].value; });
    return out;
  }
  function matches(mark, want) {
    return names.every(function (n) {
      if (!want[n]) return true;
      return (" " + (mark.getAttribute("data-" + n) || "") + " ").indexOf(" " + want[n] + " ") >= 0;
    });
  }
  function apply(writeAddress) {
    var want = chosen(), shown = 0, emptyYears = {};
    marks.forEach(function (a) {
      var on = matches(a, want);
      a.classList.toggle("kyocho-off", !on);
      if (on) { shown += 1; a.removeAttribute("tabindex"); } else { a.setAttribute("tabindex", "-1"); }
    });
    years.forEach(function (year) {
      var any = false;
      year.rows.forEach(function (r) {
        var on = !r.mark.classList.contains("kyocho-off");
        r.tr.classList.toggle("kyocho-off", !on);
        any = any || on;
      });
      [year.heading].concat(year.parts).forEach(function (el) { el.classList.toggle("kyocho-off", !any); });
      if (!any) emptyYears["#" + year.heading.id] = true;
    });
    yearLinks.forEach(function (a) {
      (a.closest("li") || a).classList.toggle("kyocho-off", !!emptyYears[a.getAttribute("href")]);
    });
    form.querySelector(".kyocho-filter-status").textContent = form.getAttribute("data-status")
      .replace("{n}", shown).replace("{total}", marks.length);
    if (writeAddress) {
      var params = new URLSearchParams(window.location.search);
      names.forEach(function (n) { if (want[n]) params.set(n, want[n]); else params.delete(n); });
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
  }

  // The address sets the filters; a value that is not among the choices is left out.
  var params = new URLSearchParams(window.location.search);
  names.forEach(function (n) {
    var value = params.get(n), select = form.elements[n];
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
