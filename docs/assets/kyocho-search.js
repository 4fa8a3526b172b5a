// Kyocho search: one engine (Pagefind's JS API with Kyocho's ranking rules) behind two views,
// the search page (#kyocho-search) and instant results under the header box (a combobox).
// Both search the index of the page's own language (<html lang>); nothing leaves the site.
(function () {
  "use strict";
  var JA = document.documentElement.lang.slice(0, 2) === "ja";
  var TEXT = JA ? {
    none: "「{q}」に一致するページはありません。",
    count: "「{q}」の検索結果：{n}件",
    more: "さらに表示",
    all: "「{q}」のすべての結果（{n}件）",
    options: "{n}件の候補。上下の矢印キーで選び、Enterで開きます。",
    list: "検索の候補",
    failed: "検索の索引を読み込めませんでした。"
  } : {
    none: "No page matches “{q}”.",
    count: "{n} results for “{q}”",
    more: "Show more",
    all: "All {n} results for “{q}”",
    options: "{n} suggestions. Use the up and down arrow keys to choose, Enter to open.",
    list: "Search suggestions",
    failed: "The search index could not be loaded."
  };
  function say(key, q, n) { return TEXT[key].replace("{q}", q).replace("{n}", n); }

  // -- the engine -----------------------------------------------------------------------
  var engines = {};
  function engine(bundle) {
    if (!engines[bundle]) {
      // Absolute: import() resolves a relative address against this script's own address.
      var url = new URL(bundle, document.baseURI);
      engines[bundle] = import(url.href + "pagefind.js").then(function (pagefind) {
        return pagefind.options({
          // Result addresses start at the site's root, wherever the site is published.
          baseUrl: url.pathname.replace(/pagefind\/$/, ""),
          // A long page (a process, a forum with many meetings) is not a worse answer: without
          // this, Pagefind's length penalty put short pages that merely mention a name above
          // the record itself.
          ranking: { pageLength: 0 }
        }).then(function () { return pagefind; });
      });
    }
    return engines[bundle];
  }

  // A query in hiragana is searched in katakana: names are indexed with their readings in
  // katakana (macros/readings.py), which Pagefind segments the same way at both ends.
  function searchTerm(query) {
    if (!/^[\u3041-\u3096\u30fc\s]+$/.test(query)) return query;
    return query.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); });
  }

  // Names compare without case, width, spaces and punctuation: 「インターネット・ガバナンス・フォーラム」
  // is the name "インターネットガバナンスフォーラム", "e-commerce" is "ecommerce".
  function bare(s) {
    return (s || "").normalize("NFKC").toLowerCase().replace(/[\s\u30fb\u00b7.,:;'"()\[\]{}\u300c-\u300f\-\u2010-\u2015_/]+/g, "");
  }

  // How well a result's names match the query, as [tier, share]: tier 0, the query is one of
  // the record's names; tier 1, the query is at least half of a name (share: how much of
  // it); tier 2, anything else. Pagefind's order is kept among equals.
  function nameMatch(query, data) {
    var q = bare(query), best = [2, 0];
    if (!q) return best;
    var names = (data.meta.names || data.meta.title || "").split(" | ");
    for (var i = 0; i < names.length; i++) {
      var name = bare(names[i]);
      if (name === q) return [0, 1];
      var share = q.length / name.length;
      if (name.indexOf(q) >= 0 && share >= 0.5 && share > best[1]) best = [1, share];
    }
    return best;
  }

  var WINDOW = 40;   // results re-ranked by name (their data is fetched); beyond them Pagefind's order stands

  function rank(query, datas) {
    var ranked = datas.map(function (d, i) { return { d: d, i: i, m: nameMatch(query, d) }; });
    ranked.sort(function (a, b) { return a.m[0] - b.m[0] || b.m[1] - a.m[1] || a.i - b.i; });
    return ranked.map(function (r) { return r.d; });
  }

  // Search, and call show({total, first: [data…] re-ranked, rest: [pagefind results…]}, final)
  // as soon as the first `k` results' data have arrived, then again (final) once the whole
  // window has and the ranking by name is complete: the first results appear without waiting
  // for forty fragments.
  function search(bundle, query, k, show) {
    return engine(bundle).then(function (pagefind) {
      return pagefind.search(searchTerm(query));
    }).then(function (found) {
      var total = found.results.length, head = found.results.slice(0, WINDOW), rest = found.results.slice(WINDOW);
      var loads = head.map(function (r) { return r.data(); }), finished = false;
      var whole = Promise.all(loads).then(function (all) {
        finished = true;
        show({ total: total, first: rank(query, all), rest: rest }, true);
      });
      if (head.length <= k) return whole;
      return Promise.all(loads.slice(0, k)).then(function (some) {
        // When the last of the first k is also the last of all, both resolve at once and the
        // whole ranking may already be shown: the partial one must not replace it.
        if (!finished) show({ total: total, first: rank(query, some), rest: [] }, false);
        return whole;
      });
    });
  }

  // While the reader is still typing, fetch the index chunks the words will need.
  function preload(bundle, query) {
    if (query.trim()) engine(bundle).then(function (pagefind) { pagefind.preload(searchTerm(query.trim())); });
  }

  function sameUrls(a, b) {
    return a.length === b.length && a.every(function (d, i) { return d.url === b[i].url; });
  }

  // -- rendering ------------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // Pagefind's excerpt is HTML with <mark> around the matched words; only text and <mark>
  // are copied, so nothing from the index is ever interpreted as markup.
  function excerpt(html) {
    var tpl = document.createElement("template"), out = el("p", "kyocho-result__excerpt");
    tpl.innerHTML = html || "";
    tpl.content.childNodes.forEach(function (n) {
      if (n.nodeType === 3) out.appendChild(document.createTextNode(n.textContent));
      else if (n.nodeName === "MARK") out.appendChild(el("mark", "", n.textContent));
      else out.appendChild(document.createTextNode(n.textContent || ""));
    });
    return out;
  }

  // A record's excerpt is the start of its summary (page metadata), with the query's words
  // marked, when its title or that summary holds the query (or the query is a kana reading of
  // the title); otherwise Pagefind's excerpt, which shows where on the page the words are.
  function summary(text, query) {
    var out = el("p", "kyocho-result__excerpt");
    var words = query.split(/\s+/).filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var parts = words.length ? text.split(new RegExp("(" + words.join("|") + ")", "gi")) : [text];
    parts.forEach(function (part, i) {
      if (part) out.appendChild(i % 2 ? el("mark", "", part) : document.createTextNode(part));
    });
    return out;
  }
  function excerptOf(d, query) {
    var m = d.meta || {}, words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var holds = function (text) {
      text = (text || "").toLowerCase();
      return words.some(function (w) { return text.indexOf(w) >= 0; });
    };
    if (m.excerpt && (holds(m.title) || holds(m.excerpt) || searchTerm(query) !== query)) return summary(m.excerpt, query);
    return excerpt(d.excerpt);
  }

  // What a result is (kind · date · forum), its title, and a mark when the title is our rendering.
  function label(d, into) {
    var m = d.meta || {};
    var what = [m.kind, m.when, m.forum].filter(Boolean).join(" · ");
    if (what) into.appendChild(el("span", "kyocho-result__kind", what));
    into.appendChild(el("span", "kyocho-result__title", m.title || d.url));
    if (m.unofficial) into.appendChild(el("span", "kyocho-untranslated", m.unofficial));
    return into;
  }

  // -- the search page --------------------------------------------------------------------
  function searchPage(root) {
    var bundle = root.getAttribute("data-bundle");
    var input = root.querySelector("input[name=q]"), status = root.querySelector("[role=status]");
    var list = root.querySelector("ol"), more = root.querySelector("button");
    var shown = 0, pending = [], latest = 0, timer = 0;

    function add(datas) {
      datas.forEach(function (d) {
        var li = el("li", "kyocho-result"), a = el("a", "kyocho-result__link");
        a.href = d.url;
        li.appendChild(label(d, a));
        li.appendChild(excerptOf(d, input.value.trim()));
        list.appendChild(li);
      });
      shown += datas.length;
      more.hidden = pending.length === 0;
    }
    function showMore() {
      var next = pending.splice(0, 10);
      return Promise.all(next.map(function (r) { return r.data ? r.data() : r; })).then(add);
    }
    var PAGE = 10, FIRST = 4, top = [], drawn = 0;
    function run() {
      var q = input.value.trim(), mine = ++latest;
      var url = new URL(window.location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      if (!q) { list.textContent = ""; status.textContent = ""; more.hidden = true; return; }
      search(bundle, q, FIRST, function (res, final) {
        if (mine !== latest) return;   // a newer query is on its way
        var first = res.first.slice(0, final ? PAGE : FIRST);
        pending = final ? res.first.slice(PAGE).concat(res.rest) : [];
        if (drawn === mine && sameUrls(first.slice(0, top.length), top)) {
          add(first.slice(top.length));   // the first ones stand: the rest of the page follows them
        } else {                           // the first answers, or a ranking that moved one of them
          list.textContent = ""; shown = 0;
          add(first);
        }
        top = first; drawn = mine;
        more.hidden = pending.length === 0;
        list.setAttribute("aria-busy", final ? "false" : "true");   // the ranking by name is still to come
        status.textContent = res.total ? say("count", q, res.total) : say("none", q);
      }).catch(function () { status.textContent = TEXT.failed; list.setAttribute("aria-busy", "false"); });
    }
    input.addEventListener("input", function (e) {
      if (e.isComposing) return;   // wait until the IME commits the word
      preload(bundle, input.value);
      clearTimeout(timer); timer = setTimeout(run, 100);
    });
    input.addEventListener("compositionend", function () { clearTimeout(timer); timer = setTimeout(run, 100); });
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    more.addEventListener("click", function () {
      var first = shown;
      showMore().then(function () {   // keyboard focus goes to the first new result
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
  }

  // -- instant results under the header box (the ARIA combobox pattern) --------------------
  function headerBox(form) {
    var bundle = form.getAttribute("data-bundle"), input = form.querySelector("input[name=q]");
    var list = el("ul", "kyocho-suggest"), live = el("p", "kyocho-visually-hidden");
    var items = [], active = -1, latest = 0, timer = 0, top = [], SHOWN = 6;
    list.id = input.id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", TEXT.list);
    list.hidden = true;
    live.setAttribute("role", "status");
    form.appendChild(list); form.appendChild(live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function choose(i) {
      items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0) { input.setAttribute("aria-activedescendant", items[i].id); items[i].scrollIntoView({ block: "nearest" }); }
      else input.removeAttribute("aria-activedescendant");
    }
    function option(i, href, fill) {
      var li = el("li", "kyocho-suggest__option");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href);
      fill(li);
      return li;
    }
    function run() {
      var q = input.value.trim(), mine = ++latest;
      if (!q) { close(); live.textContent = ""; return; }
      search(bundle, q, SHOWN, function (res, final) {
        if (mine !== latest) return;
        var first = res.first.slice(0, SHOWN);
        if (final && (sameUrls(first, top) || active >= 0)) { list.setAttribute("aria-busy", "false"); return; }   // unchanged, or the reader is choosing
        top = first;
        list.setAttribute("aria-busy", final ? "false" : "true");
        list.textContent = ""; items = [];
        first.forEach(function (d, i) {
          items.push(option(i, new URL(d.url, document.baseURI).href, function (li) { label(d, li); }));
        });
        var all = form.action + "?q=" + encodeURIComponent(q);
        items.push(option(items.length, all, function (li) {
          li.classList.add("kyocho-suggest__all");
          li.textContent = res.total ? say("all", q, res.total) : say("none", q);
        }));
        items.forEach(function (li) { list.appendChild(li); });
        list.hidden = false; input.setAttribute("aria-expanded", "true"); choose(-1);
        live.textContent = say("options", q, items.length - 1);
      }).catch(function () { live.textContent = TEXT.failed; });
    }
    input.addEventListener("focus", function () { engine(bundle); }, { once: true });   // warm the index
    input.addEventListener("input", function (e) {
      if (e.isComposing) return;
      preload(bundle, input.value);
      clearTimeout(timer); timer = setTimeout(run, 80);
    });
    input.addEventListener("compositionend", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    input.addEventListener("keydown", function (e) {
      if (e.isComposing) return;
      var open = !list.hidden && items.length;
      if (e.key === "ArrowDown" && open) { e.preventDefault(); choose((active + 1) % items.length); }
      else if (e.key === "ArrowUp" && open) { e.preventDefault(); choose(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === "Enter" && open && active >= 0) { e.preventDefault(); window.location.href = items[active].getAttribute("data-href"); }
      else if (e.key === "Escape") { if (open) { e.preventDefault(); close(); } else input.value = ""; }
    });
    // Enter with no suggestion chosen submits the form: the full search page, as without JS.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });   // keep the focus in the box
    list.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) window.location.href = li.getAttribute("data-href");
    });
    input.addEventListener("blur", close);
  }

  var page = document.getElementById("kyocho-search");
  if (page) searchPage(page);
  document.querySelectorAll("form.kyocho-header-search[data-bundle]").forEach(function (form) {
    if (!page) headerBox(form);   // on the search page the page's own box is the one to use
  });
})();
