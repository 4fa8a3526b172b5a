/* Kyocho briefing builder: a briefing for any choice of topics, forums, parties, series,
 * processes and period, as a print page and a Word file, in the reader's browser.
 *
 * Everything it says comes from the site's own builder data (briefings/builder.json, written
 * by macros/briefings/kit.py with the functions that write every other briefing): each
 * meeting's row, section and key-point lines, each document's commitments, each source's
 * entry, and the templates of the counted sentences. This script only chooses the records
 * (the rules of macros/briefings/selection.py), joins the parts in the order of
 * macros/briefings/build.py, counts, numbers the sources in reading order, and writes HTML
 * and WordprocessingML. The browser tests hold it to the same text as `scripts.briefing`.
 * No request leaves the site.
 */
(function () {
  "use strict";

  const FACETS = [["topics", "topic"], ["forums", "forum"], ["parties", "party"], ["series", "series"],
    ["processes", "process"]];
  const LEADING_DAYS = 365;   // "falls due in the next twelve months" (front.DUE_WITHIN_DAYS)

  /* ---------------------------------------------------------------- dates ---------- */
  function parseDay(iso) { const [y, m, d] = iso.split("-").map(Number); return { y, m, d, iso }; }

  function eraYear(kit, day) {
    for (const [start, name] of kit.eras) {
      if (day.iso >= start) {
        const first = name === "明治" ? 1868 : Number(start.slice(0, 4));
        const n = day.y - first + 1;
        return `${name}${n === 1 ? "元" : n}年`;
      }
    }
    return "";
  }

  function formatDate(kit, iso) {   // i18n.format_date
    const day = parseDay(iso);
    if (kit.lang === "ja") {
      const head = `${day.y}年${day.m}月${day.d}日`;
      return iso < kit.gregorian ? head : `${head}（${eraYear(kit, day)}）`;
    }
    return `${day.d} ${kit.months[day.m - 1]} ${day.y}`;
  }

  function addDays(iso, n) {
    const t = Date.UTC(...iso.split("-").map((v, i) => Number(v) - (i === 1 ? 1 : 0))) + n * 86400000;
    return new Date(t).toISOString().slice(0, 10);
  }

  function fill(template, values) {   // front.fill
    return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  }

  const plural = (n) => (n === 1 ? "" : "s");
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  /* ------------------------------------------------------------ selection ---------- */
  function matches(f, sel) {
    return !FACETS.some(([facet]) => facet !== "series" && sel[facet].length &&
      !sel[facet].some((v) => f[facet].includes(v)));
  }

  function selectMeetings(kit, sel) {   // selection.select_meetings (kit.meetings is oldest first)
    return kit.meetings.filter((m) => !(sel.series.length && !sel.series.includes(m.series)) &&
      !(sel.since && m.last < sel.since) && !(sel.until && m.start > sel.until) && matches(m.facets, sel));
  }

  function selectOtherDocuments(kit, sel, meetings) {   // selection.select_other_documents
    if (sel.series.length) return [];
    const chosen = new Set(meetings.map((m) => m.id));
    const out = [];
    for (const [id, d] of Object.entries(kit.documents)) {
      if (chosen.has(d.adopted_at) || !matches(d.facets, sel)) continue;
      if ((sel.since || sel.until) && !d.day) continue;
      if (sel.since && d.day < sel.since) continue;
      if (sel.until && d.day > sel.until) continue;
      out.push(id);
    }
    return out.sort((a, b) => cmp(kit.documents[a].day || "0001-01-01", kit.documents[b].day || "0001-01-01") || cmp(a, b));
  }

  /* ------------------------------------------------------------- assembly ---------- */
  const refs = (keys) => [...new Set(keys)].map((k) => ({ r: k }));
  const P = (runs, style = "") => ({ t: "p", runs, style });
  const H = (level, text, anchor = "") => ({ t: "h", level, text, anchor });
  const item = (runs, children = []) => ({ runs, children });

  function choice(kit, facet, id) { return kit.choices[facet].find((c) => c.id === id); }

  function selectionLabel(kit, sel) {   // build.selection_label
    const parts = [];
    for (const [facet] of FACETS) {
      const names = sel[facet].map((id) => choice(kit, facet, id).title);
      if (names.length) parts.push(names.join(kit.lang === "ja" ? "・" : " / "));
    }
    let label = parts.join(" × ") || kit.strings.briefing_everything;
    if (sel.since || sel.until) {
      const span = `${sel.since ? sel.since.slice(0, 4) : ""}–${sel.until ? sel.until.slice(0, 4) : ""}`;
      label += kit.lang === "ja" ? `（${span}）` : `, ${span}`;
    }
    return label;
  }

  function overview(kit, meetings, nDocs) {   // build.overview
    const tp = kit.templates;
    if (!meetings.length && !nDocs) return kit.strings.briefing_nothing;
    if (!meetings.length) return fill(tp.overview_documents_only, { d: nDocs, d_s: plural(nDocs) });
    const counts = new Map();
    for (const m of meetings) counts.set(m.root, (counts.get(m.root) || 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
    const forums = ranked.map(([f, n]) => fill(tp.overview_forum, { forum: kit.forums[f].short, n })).join(kit.strings.list_sep);
    let out = fill(tp.overview, { first: meetings[0].month_start, last: meetings[meetings.length - 1].month_last,
      forums, n: meetings.length, n_s: plural(meetings.length), d: nDocs, d_s: plural(nDocs) });
    const led = meetings.filter((m) => m.led);
    if (led.length) out += fill(tp.overview_led, { led: led.length, them: meetings.length > 1 ? "them" : "it" });
    return out;
  }

  function keyPoints(kit, meetings, docs, produced) {   // front.key_points
    const tp = kit.templates;
    const points = [];
    const held = meetings.filter((m) => m.start <= produced && m.status === "held");
    if (held.length) points.push(item(held[held.length - 1].latest));
    const led = meetings.filter((m) => m.led);
    if (led.length) {
      const latest = led[led.length - 1];
      points.push(item([fill(tp.led, { n: meetings.length, led: led.length }), ...latest.led_link, tp.end,
        ...refs(latest.sources)]));
    }
    const all = docs.flatMap((id) => kit.documents[id].commitments.map((c) => ({ id, c })));
    if (all.length) {
      const followed = all.filter(({ c }) => c.status !== "open").length;
      const horizon = addDays(produced, LEADING_DAYS);
      const due = all.filter(({ c }) => c.due && produced <= c.due && c.due <= horizon)
        .sort((a, b) => cmp(a.c.due, b.c.due) || cmp(a.id, b.id));
      let text = fill(tp.commitments, { n: all.length, followed });
      if (due.length) text += fill(tp.commitments_due, { due: due.length, first: formatDate(kit, due[0].c.due) });
      const withCommitments = [...new Set(all.map(({ id }) => id))];
      points.push(item([text, ...refs(withCommitments.map((id) => kit.documents[id].first_source))]));
    }
    const upcoming = meetings.filter((m) => m.start > produced);
    if (upcoming.length) points.push(item(upcoming[0].next));
    return points;
  }

  function glossary(kit, meetings) {   // front.glossary
    const used = new Set();
    for (const m of meetings) {
      for (const f of m.forum_chain) { if (used.has(f)) break; used.add(f); }
    }
    const rows = [...used].filter((f) => kit.forums[f] && kit.forums[f].short !== kit.forums[f].full)
      .map((f) => [[kit.forums[f].short], [kit.forums[f].full]]);
    if (!rows.length) return null;
    rows.sort((a, b) => cmp(a[0][0].toLowerCase(), b[0][0].toLowerCase()));
    return { t: "table", header: [kit.strings.glossary_term, kit.strings.glossary_meaning], rows, weights: [1, 4] };
  }

  function numberRefs(blocks) {   // blocks.number_refs: the first source cited is [1]
    const numbers = new Map();
    const runs = (rs) => rs.map((r) => (r && r.r !== undefined ? { r: r.r, n: numbers.get(r.r) ||
      (numbers.set(r.r, numbers.size + 1), numbers.size) } : r));
    const walk = (i) => ({ runs: runs(i.runs), children: i.children.map(walk) });
    const out = blocks.map((b) => b.t === "p" ? { ...b, runs: runs(b.runs) }
      : b.t === "table" ? { ...b, rows: b.rows.map((row) => row.map(runs)) }
      : b.t === "ul" ? { ...b, items: b.items.map(walk) } : b);
    return [out, [...numbers.keys()]];
  }

  function build(kit, sel, produced) {   // build.build
    const S = kit.strings, L = kit.labels, ja = kit.lang === "ja";
    const meetings = selectMeetings(kit, sel);
    const others = selectOtherDocuments(kit, sel, meetings);
    const adopted = meetings.flatMap((m) => m.outcomes);
    const docs = adopted.concat(others);
    const title = `${S.briefing}${ja ? "：" : ": "}${selectionLabel(kit, sel)}`;
    let blocks = [H(1, title)];
    for (const [facet, kind] of FACETS) {
      if (!sel[facet].length) continue;
      const runs = [L[kind]];
      sel[facet].forEach((id, i) => { if (i) runs.push(S.list_sep); runs.push(choice(kit, facet, id).link); });
      blocks.push(P(runs, "meta"));
    }
    if (sel.since || sel.until) {
      blocks.push(P([`${L.period}${sel.since ? formatDate(kit, sel.since) : "…"} – ${sel.until ? formatDate(kit, sel.until) : "…"}`], "meta"));
    }
    const changed = meetings.map((m) => m.changed).concat(docs.map((d) => kit.documents[d].changed))
      .concat(FACETS.flatMap(([facet]) => sel[facet].map((id) => choice(kit, facet, id).changed))).filter(Boolean);
    let dates = `${L.produced}${formatDate(kit, produced)}`;
    if (changed.length) dates += (ja ? "　" : " · ") + L.data_current_to + formatDate(kit, changed.sort().pop());
    blocks.push(P([dates], "meta"), P([S.briefing_source_note], "meta"));
    const contentsAt = blocks.length;

    const points = keyPoints(kit, meetings, docs, produced);
    if (points.length) blocks.push(H(2, S.key_points, "key-points"), { t: "ul", items: points });
    blocks.push(H(2, S.overview, "overview"), P([overview(kit, meetings, docs.length)]));
    for (const sid of sel.series) blocks.push(P(kit.series[sid]));
    for (const pid of sel.processes) {
      if (kit.processes[pid]) blocks.push({ t: "fig", pid, ...kit.processes[pid] });
    }
    if (meetings.length) {
      blocks.push(H(2, S.chronology, "chronology"), { t: "table", header: kit.chronology.header,
        rows: meetings.map((m) => m.row), weights: kit.chronology.weights });
    }
    const crow = docs.flatMap((d) => kit.documents[d].commitments.map((c) => c.row));
    if (crow.length) {
      blocks.push(H(2, S.briefing_commitments, "commitments"), { t: "table", header: [S.commitment, S.document,
        S.commitment_paragraph, S.commitment_status, S.commitment_due], rows: crow, weights: [4, 3, 1.2, 1.6, 1.2] });
    }
    const upcoming = meetings.filter((m) => m.start > produced);
    if (upcoming.length) blocks.push(H(2, S.upcoming, "upcoming"), { t: "ul", items: upcoming.map((m) => m.upcoming) });
    if (meetings.length) {
      blocks.push(H(2, S.engagements, "engagements"));
      for (const m of meetings) blocks.push(...m.section);
    }
    if (others.length) {
      blocks.push(H(2, S.other_documents, "other-documents"));
      for (const d of others) blocks.push(...kit.documents[d].section);
    }
    const terms = glossary(kit, meetings);
    if (terms) blocks.push(H(2, S.glossary, "glossary"), terms);
    blocks.push(H(2, S.sources, "sources"));
    let cited;
    [blocks, cited] = numberRefs(blocks);
    blocks.push({ t: "bib", entries: cited.map((key, i) => ({ n: i + 1, runs: kit.sources[key] })) });
    const sections = blocks.filter((b) => b.t === "h" && b.level === 2).map((b) => [b.text, b.anchor]);
    blocks.splice(contentsAt, 0, { t: "contents", title: S.contents, entries: sections });
    return { title, blocks, meetings: meetings.map((m) => m.id), documents: docs };
  }

  /* ----------------------------------------------------------- HTML writer ---------- */
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

  function htmlRuns(runs, root) {   // writers._html_runs
    return runs.map((r) => typeof r === "string" ? esc(r)
      : r.u !== undefined ? `<a href="${esc(r.u.replace("{root}", root))}">${esc(r.l)}</a>`
      : `<sup class="kyocho-ref"><a href="#ref-${r.n}">[${r.n}]</a></sup>`).join("");
  }

  function toHtml(brief, root) {   // writers.to_html_fragment
    const out = [];
    const list = (items) => "<ul>" + items.map((i) => `<li>${htmlRuns(i.runs, root)}${i.children.length ? list(i.children) : ""}</li>`).join("") + "</ul>";
    for (const b of brief.blocks) {
      if (b.t === "h") out.push(`<h${b.level}${b.anchor ? ` id="${b.anchor}"` : ""}>${esc(b.text)}</h${b.level}>`);
      else if (b.t === "p") out.push(`<p${b.style ? ` class="kyocho-${b.style}"` : ""}>${htmlRuns(b.runs, root)}</p>`);
      else if (b.t === "table") {
        out.push("<table>\n<thead><tr>" + b.header.map((h) => `<th>${esc(h)}</th>`).join("") + "</tr></thead>\n<tbody>\n" +
          b.rows.map((row) => "<tr>" + row.map((c) => `<td>${htmlRuns(c, root)}</td>`).join("") + "</tr>").join("\n") +
          "\n</tbody>\n</table>");
      } else if (b.t === "ul") out.push(list(b.items));
      else if (b.t === "fig") {
        out.push(`<figure class="kyocho-figure">${b.svg.split("{root}").join(root)}<figcaption>${esc(b.caption)}</figcaption>` +
          '<ol class="kyocho-figure-key">' + b.key.map((k) => `<li>${esc(k.split(". ").slice(1).join(". "))}</li>`).join("") + "</ol></figure>");
      } else if (b.t === "contents") {
        out.push(`<nav class="kyocho-contents" aria-label="${esc(b.title)}"><p class="kyocho-label">${esc(b.title)}</p><ol>` +
          b.entries.map(([text, anchor]) => `<li><a href="#${anchor}">${esc(text)}</a></li>`).join("") + "</ol></nav>");
      } else if (b.t === "bib") {
        out.push('<ol class="kyocho-endnotes">' + b.entries.map((e) => `<li id="ref-${e.n}" value="${e.n}">${htmlRuns(e.runs, root)}</li>`).join("") + "</ol>");
      }
    }
    return out.join("\n") + "\n";
  }

  /* ----------------------------------------------------------- Word writer ---------- */
  // WordprocessingML for the blocks, as macros/briefings/docx.py writes them, inside the
  // file python-docx writes there (word.shell): same styles, footer page numbers, contents field.
  const xesc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  const TWIPS_TEXT_WIDTH = 9411;   // A4 less 22 mm margins each side (docx.write_docx)

  function textRun(text, props = "") {
    const parts = String(text).split(/(\t|\n)/).filter((p) => p !== "");
    const body = parts.map((p) => p === "\t" ? "<w:tab/>" : p === "\n" ? "<w:br/>" : `<w:t xml:space="preserve">${xesc(p)}</w:t>`).join("");
    return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}${body}</w:r>`;
  }

  function docxWriter(word, absRoot) {
    const styles = word.shell.styles;
    const rels = [];
    const relFor = new Map();
    function link(url) {
      if (!relFor.has(url)) {
        const id = `rIdK${relFor.size + 1}`;
        relFor.set(url, id);
        rels.push(`<Relationship Id="${id}" Type="${REL}hyperlink" Target="${xesc(url)}" TargetMode="External"/>`);
      }
      return relFor.get(url);
    }
    const sz = (size) => (size ? `<w:sz w:val="${size * 2}"/>` : "");
    function runs(rs, { size = 0, color = "", bold = false } = {}) {   // docx._runs
      return rs.map((r) => {
        if (typeof r === "string") return textRun(r, (bold ? "<w:b/>" : "") + (color ? `<w:color w:val="${color}"/>` : "") + sz(size));
        if (r.u !== undefined) {
          const url = new URL(r.u.replace("{root}", absRoot), absRoot).href;
          return `<w:hyperlink r:id="${link(url)}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:color w:val="1F4E9A"/>${sz(size)}<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">${xesc(r.l)}</w:t></w:r></w:hyperlink>`;
        }
        return textRun(`[${r.n}]`, (bold ? "<w:b/>" : "") + (color ? `<w:color w:val="${color}"/>` : "") + sz(size) + '<w:vertAlign w:val="superscript"/>');
      }).join("");
    }
    const para = (style, body, ppr = "") => `<w:p><w:pPr>${style ? `<w:pStyle w:val="${styles[style]}"/>` : ""}${ppr}</w:pPr>${body}</w:p>`;
    function table(b) {
      const weights = b.weights.length ? b.weights : b.header.map(() => 1);
      const total = weights.reduce((a, w) => a + w, 0);
      const widths = weights.map((w) => Math.floor(TWIPS_TEXT_WIDTH * w / total));
      const cell = (w, body) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${w}"/></w:tcPr><w:p>${body}</w:p></w:tc>`;
      const head = `<w:tr><w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="true"/></w:trPr>` +
        b.header.map((h, i) => cell(widths[i], textRun(h, "<w:b/>" + sz(9)))).join("") + "</w:tr>";
      const rows = b.rows.map((row) => `<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>` +
        row.map((c, i) => cell(widths[i], runs(c, { size: 9 }))).join("") + "</w:tr>").join("");
      return `<w:tbl><w:tblPr><w:tblStyle w:val="${styles["Table Grid"]}"/><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>` +
        `<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>` +
        `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${head}${rows}</w:tbl><w:p/>`;
    }
    function contents(b) {   // docx._contents
      const fld = (type) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
      let out = para("Heading 1", textRun(b.title));
      b.entries.forEach(([text], i) => {
        let body = "";
        if (i === 0) body += fld("begin") + '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>' + fld("separate");
        body += textRun(text);
        if (i === b.entries.length - 1) body += fld("end");
        out += `<w:p>${body}</w:p>`;
      });
      return out;
    }
    const media = [];
    function body(brief) {
      const out = [];
      const list = (items, depth) => {
        for (const i of items) {
          out.push(para(depth === 0 ? "List Bullet" : `List Bullet ${Math.min(depth + 1, 3)}`, runs(i.runs)));
          list(i.children, depth + 1);
        }
      };
      for (const b of brief.blocks) {
        if (b.t === "h") out.push(para(b.level === 1 ? "Title" : `Heading ${b.level - 1}`, textRun(b.text)));
        else if (b.t === "p") {
          if (b.style === "meta") out.push(para("", runs(b.runs, { color: "444444" }), '<w:spacing w:after="40"/>'));
          else if (b.style === "label") out.push(para("", runs(b.runs, { bold: true }), "<w:keepNext/>"));
          else out.push(para("", runs(b.runs)));
        } else if (b.t === "table") out.push(table(b));
        else if (b.t === "ul") list(b.items, 0);
        else if (b.t === "contents") out.push(contents(b));
        else if (b.t === "fig") {
          const fig = word.figures[b.pid];
          if (fig && fig.png) {
            const id = `rIdM${media.length + 1}`;
            media.push({ id, name: `media/kyocho-${b.pid}.png`, png: fig.png });
            rels.push(`<Relationship Id="${id}" Type="${REL}image" Target="media/kyocho-${b.pid}.png"/>`);
            out.push(fig.docx.split("{image}").join(id));
          } else {
            out.push(para("", textRun(b.caption, "<w:i/>")));
            for (const k of b.key) out.push(para("", textRun(k, sz(9)), '<w:spacing w:after="0"/>'));
          }
        } else if (b.t === "bib") {
          for (const e of b.entries) {
            out.push(para("", textRun(`[${e.n}]\t`, sz(9)) + runs(e.runs, { size: 9 }), '<w:ind w:left="454" w:hanging="454"/>'));
          }
        }
      }
      return out.join("");
    }
    return { body, rels, media };
  }

  function toDocx(brief, word, absRoot, produced) {
    const w = docxWriter(word, absRoot);
    const shell = word.shell;
    const files = [];
    const document = shell.head + w.body(brief) + shell.tail;
    const stamp = `${produced}T00:00:00Z`;
    for (const [name, text] of Object.entries(shell.parts)) {
      let t = text;
      if (name === "word/_rels/document.xml.rels") t = t.replace("</Relationships>", w.rels.join("") + "</Relationships>");
      if (name === "docProps/core.xml") t = t.split("{root}title").join(xesc(brief.title)).split(shell.created).join(stamp);
      files.push([name, new TextEncoder().encode(t)]);
    }
    files.push(["word/document.xml", new TextEncoder().encode(document)]);
    for (const [name, b64] of Object.entries(shell.binary)) files.push([name, base64Bytes(b64)]);
    for (const m of w.media) files.push([`word/${m.name}`, base64Bytes(m.png)]);
    files.sort((a, b) => (a[0] === "[Content_Types].xml" ? -1 : b[0] === "[Content_Types].xml" ? 1 : 0));
    return zip(files);
  }

  function base64Bytes(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /* ------------------------------------------------ ZIP (stored, no compression) ---------- */
  const CRC = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; }
    return t;
  })();
  function crc32(bytes) { let c = 0xFFFFFFFF; for (const b of bytes) c = CRC[(c ^ b) & 0xFF] ^ (c >>> 8); return (c ^ 0xFFFFFFFF) >>> 0; }

  function zip(files) {   // ZIP stored entries: valid for Word, LibreOffice and python-docx
    const chunks = [], central = [];
    let offset = 0;
    const enc = new TextEncoder();
    for (const [name, data] of files) {
      const nameBytes = enc.encode(name), crc = crc32(data);
      const head = new DataView(new ArrayBuffer(30));
      head.setUint32(0, 0x04034b50, true); head.setUint16(4, 20, true); head.setUint16(6, 0x0800, true);
      head.setUint16(8, 0, true); head.setUint16(10, 0, true); head.setUint16(12, 0x21, true);
      head.setUint32(14, crc, true); head.setUint32(18, data.length, true); head.setUint32(22, data.length, true);
      head.setUint16(26, nameBytes.length, true); head.setUint16(28, 0, true);
      const dir = new DataView(new ArrayBuffer(46));
      dir.setUint32(0, 0x02014b50, true); dir.setUint16(4, 20, true); dir.setUint16(6, 20, true); dir.setUint16(8, 0x0800, true);
      dir.setUint16(10, 0, true); dir.setUint16(12, 0, true); dir.setUint16(14, 0x21, true);
      dir.setUint32(16, crc, true); dir.setUint32(20, data.length, true); dir.setUint32(24, data.length, true);
      dir.setUint16(28, nameBytes.length, true); dir.setUint32(42, offset, true);
      chunks.push(new Uint8Array(head.buffer), nameBytes, data);
      central.push(new Uint8Array(dir.buffer), nameBytes);
      offset += 30 + nameBytes.length + data.length;
    }
    const size = central.reduce((a, c) => a + c.length, 0);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    return new Blob([...chunks, ...central, new Uint8Array(end.buffer)],
      { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  /* ----------------------------------------------------------------- page ---------- */
  function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }

  function init(form) {
    const out = document.querySelector(".kyocho-builder-result");
    const status = document.querySelector(".kyocho-builder-status");
    const tools = document.querySelector(".kyocho-builder-tools");
    const kits = {}, words = {};
    let current = null;
    const fetchJson = (url) => fetch(url).then((r) => { if (!r.ok) throw new Error(`${url}: ${r.status}`); return r.json(); });
    const kitFor = (lang) => (kits[lang] = kits[lang] || fetchJson(form.dataset[`kit${lang === "ja" ? "Ja" : "En"}`]));
    const wordFor = (lang) => (words[lang] = words[lang] || fetchJson(form.dataset[`word${lang === "ja" ? "Ja" : "En"}`]));

    function chosen() {
      const data = new FormData(form);
      const sel = { since: data.get("since") || null, until: data.get("until") || null };
      for (const [facet, kind] of FACETS) sel[facet] = data.getAll(kind);
      return { sel, lang: data.get("lang") || form.dataset.lang, produced: form.dataset.produced || today() };
    }

    function inOrder(kit, sel) {   // build.chosen: a choice is a set, listed by name
      const out = { ...sel };
      for (const [facet] of FACETS) {
        out[facet] = [...new Set(sel[facet])].filter((id) => choice(kit, facet, id))
          .sort((a, b) => cmp(choice(kit, facet, a).title.toLowerCase(), choice(kit, facet, b).title.toLowerCase()));
      }
      return out;
    }

    function fromQuery() {
      const q = new URLSearchParams(location.search);
      if (![...q.keys()].length) return false;
      const unknown = [];
      for (const el of form.elements) {
        if (!el.name) continue;
        const values = q.getAll(el.name);
        if (el.tagName === "SELECT") {
          const known = [...el.options].map((o) => o.value);
          unknown.push(...values.filter((v) => !known.includes(v)).map((v) => `${el.name}=${v}`));
          if (el.multiple) for (const o of el.options) o.selected = values.includes(o.value);
          else if (values.length && known.includes(values[0])) el.value = values[0];
        } else if (values.length) el.value = values[0];
      }
      if (/^\d{4}-\d{2}-\d{2}$/.test(q.get("date") || "")) form.dataset.produced = q.get("date");
      if (unknown.length) { status.textContent = `${form.dataset.msgUnknown} ${unknown.join(", ")}`; return false; }
      return true;
    }

    async function run() {
      const { sel, lang, produced } = chosen();
      if (sel.since && sel.until && sel.until < sel.since) {
        status.textContent = form.dataset.msgRange;
        return;
      }
      status.textContent = form.dataset.msgBuilding;
      out.setAttribute("aria-busy", "true");
      try {
        const kit = await kitFor(lang);
        const brief = build(kit, inOrder(kit, sel), produced);
        const root = form.dataset[`root${lang === "ja" ? "Ja" : "En"}`];
        out.lang = lang;
        out.innerHTML = toHtml(brief, root);
        document.body.classList.add("kyocho-builder-printing");
        current = { brief, lang, produced, root };
        tools.hidden = false;
        status.textContent = fill(form.dataset.msgDone, { meetings: brief.meetings.length, documents: brief.documents.length });
        const q = new URLSearchParams();
        for (const el of form.elements) {
          if (!el.name || el.type === "submit") continue;
          if (el.tagName === "SELECT" && el.multiple) { for (const o of el.selectedOptions) q.append(el.name, o.value); }
          else if (el.value && !(el.name === "lang" && el.value === form.dataset.lang)) q.append(el.name, el.value);
        }
        history.replaceState(null, "", `${location.pathname}${q.toString() ? "?" + q : ""}#builder`);
      } catch (err) {
        status.textContent = `${form.dataset.msgFailed} (${err.message})`;
      } finally {
        out.removeAttribute("aria-busy");
      }
    }

    async function download() {
      if (!current) return;
      status.textContent = form.dataset.msgWord;
      try {
        const word = await wordFor(current.lang);
        const absRoot = new URL(current.root, location.href).href;
        const blob = toDocx(current.brief, word, absRoot, current.produced);
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = `kyocho-briefing-${current.lang}-${current.produced}.docx`;
        document.body.appendChild(a);
        a.click();
        setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        status.textContent = form.dataset.msgWordDone;
      } catch (err) {
        status.textContent = `${form.dataset.msgFailed} (${err.message})`;
      }
    }

    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    tools.querySelector("[data-action=print]").addEventListener("click", () => window.print());
    tools.querySelector("[data-action=word]").addEventListener("click", download);
    form.hidden = false;
    if (fromQuery()) run();
  }

  window.kyochoBriefing = { build, toHtml, toDocx, selectMeetings };   // for tests and the console
  const start = () => { const form = document.querySelector("form.kyocho-builder"); if (form) init(form); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
