/* Search worker for Material's search box and results (it replaces Material's lunr worker; the
   messages are Material's: 0 setup, 1 ready, 2 query, 3 result). It reads the index of the page's
   language only (search/<lang>.json, written by hooks/search.py), where SudachiPy's word cuts are
   marked with U+200B. A query word matches only where it starts and ends on a cut, so a compound
   typed as one word (研究セキュリティ) finds the pages that contain it, not every page with one of
   its characters. A word found nowhere is cut into words by the browser's segmenter
   (Intl.Segmenter, a dictionary-based word breaker) and searched word by word. Latin words also
   match as prefixes (deadline → deadlines), as Material's trailing wildcard did. Results: pages
   with more of the query's words first; each opens at its best section (#id) with ?h= set to the
   words as typed, which Material's own highlighter marks whole on the page. What differs between
   languages comes with the worker's address (callguide.search.worker_query, from the languages
   table): the index's language, its Intl locale, the length of a result's snippet, and the gap
   between words (a snippet of a language that spaces its words starts and ends on whole words). */
"use strict";
(function () {
  var CUT = "\u200b";
  var params = new URL(self.location.href).searchParams;
  var lang = params.get("lang");
  var locale = params.get("locale") || undefined;
  var SNIPPET = Number(params.get("snippet"));
  var GAP = params.get("gap") || "";
  var WORD = /[\p{L}\p{N}\p{M}]/u;
  var LATIN_END = /[a-z0-9]$/;
  var pages = null;
  var loading = null;
  var sectionCount = 0;

  /* One character each way: the text shown and the text searched keep the same offsets. */
  function fold(c) {
    var n = c.normalize("NFKC").toLowerCase();
    if (n.length !== 1) n = c.toLowerCase();
    if (n.length !== 1) n = c;
    return WORD.test(n) ? n : " ";
  }

  /* A cut-marked text → {shown, key, cuts}: the text without marks, its folded form and the word boundaries. */
  function prepare(marked) {
    var shown = "", key = "", cuts = [true], pending = false;
    for (var ch of marked) {
      if (ch === CUT) { pending = true; continue; }
      var f = fold(ch);
      var prev = key.length ? key[key.length - 1] : " ";
      // a boundary at a mark, next to a space or punctuation, and where Latin meets other script
      var boundary = pending || prev === " " || f === " " || (/[a-z0-9]/.test(prev) !== /[a-z0-9]/.test(f));
      for (var i = 0; i < ch.length; i++) {
        cuts[key.length + i] = cuts[key.length + i] || (i === 0 && boundary);
        shown += ch[i];
        key += i === 0 ? f : " ";
      }
      pending = false;
    }
    cuts[key.length] = true;
    return { shown: shown, key: key, cuts: cuts };
  }

  function load() {
    if (!loading) {
      loading = fetch(new URL(lang + ".json", self.location.href)).then(function (r) {
        if (!r.ok) throw new Error("search index: HTTP " + r.status);
        return r.json();
      }).then(function (data) {
        pages = data.map(function (p) {
          return {
            location: p[0], title: prepare(p[1]),
            sections: p[2].map(function (s) { sectionCount++; return { anchor: s[0], title: prepare(s[1]), text: prepare(s[2]) }; }),
          };
        });
      });
    }
    return loading;
  }

  /* Offsets in ``t`` where ``word`` (folded) starts and ends on boundaries; a Latin word may end inside a word. */
  function find(t, word) {
    var at = [], prefix = LATIN_END.test(word), i = t.key.indexOf(word);
    while (i >= 0) {
      if (t.cuts[i] && (prefix || t.cuts[i + word.length])) at.push(i);
      i = t.key.indexOf(word, i + 1);
    }
    return at;
  }

  function folded(term) {
    var out = "";
    for (var ch of term) out += fold(ch);
    return out.replace(/ +/g, " ").trim();
  }

  function anywhere(word) {
    return pages.some(function (p) {
      return find(p.title, word).length || p.sections.some(function (s) { return find(s.title, word).length || find(s.text, word).length; });
    });
  }

  /* The query's words as typed, each with its folded form and the number of the typed word it comes from; a
     typed word found nowhere is split into the segmenter's words, all of which a page must then have. */
  function terms(query) {
    var out = [], seen = {};
    query.trim().split(/\s+/).forEach(function (typed, n) {
      var word = folded(typed);
      if (!word) return;
      var parts = [{ typed: typed, word: word, of: n }];
      if (!anywhere(word) && typeof Intl.Segmenter === "function") {
        var split = [];
        for (var s of new Intl.Segmenter(locale, { granularity: "word" }).segment(typed)) {
          if (s.isWordLike && folded(s.segment)) split.push({ typed: s.segment, word: folded(s.segment), of: n });
        }
        if (split.length > 1) parts = split;
      }
      parts.forEach(function (t) { if (!seen[t.word]) { seen[t.word] = true; out.push(t); } });
    });
    return out;
  }

  /* How many typed words a page has whole (every part of a split word). */
  function wholeWords(ts, has) {
    var whole = {};
    ts.forEach(function (t, i) { whole[t.of] = (whole[t.of] !== false) && has[i]; });
    return Object.keys(whole).filter(function (k) { return whole[k]; }).length;
  }

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* ``t.shown`` from ``from`` to ``to`` with every match marked. */
  function marked(t, hits, from, to) {
    var spans = [];
    hits.forEach(function (h) { h.at.forEach(function (a) { if (a >= from && a < to) spans.push([a, Math.min(to, a + h.len)]); }); });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var html = "", pos = from;
    spans.forEach(function (s) {
      if (s[0] < pos) return;
      html += escapeHtml(t.shown.slice(pos, s[0])) + "<mark>" + escapeHtml(t.shown.slice(s[0], s[1])) + "</mark>";
      pos = s[1];
    });
    return html + escapeHtml(t.shown.slice(pos, to));
  }

  function snippet(t, hits) {
    var first = Infinity;
    hits.forEach(function (h) { if (h.at.length) first = Math.min(first, h.at[0]); });
    if (first === Infinity) first = 0;
    var size = SNIPPET;
    var from = Math.max(0, first - size / 4), to = Math.min(t.shown.length, from + size);
    from = Math.max(0, Math.min(from, to - size));
    if (from > 0 && /[\udc00-\udfff]/.test(t.shown[from])) from--;
    if (GAP) {  // whole words at both ends
      var space = t.shown.lastIndexOf(GAP, to);
      if (to < t.shown.length && space > first + 20) to = space;
      space = t.shown.indexOf(GAP, from);
      if (from > 0 && space >= 0 && space < first) from = space + GAP.length;
    }
    return (from > 0 ? "… " : "") + marked(t, hits, from, to) + (to < t.shown.length ? " …" : "");
  }

  function search(query) {
    var ts = terms(query);
    if (!ts.length) return [];
    var found = ts.map(function (t) {  // sections with the word, for its weight
      var n = 0;
      pages.forEach(function (p) { p.sections.forEach(function (s) { if (find(s.title, t.word).length || find(s.text, t.word).length) n++; }); });
      return n;
    });
    var weight = found.map(function (n) { return Math.log(1 + sectionCount / (n || 1)); });
    var total = weight.reduce(function (a, b) { return a + b; }, 0);
    var phrase = ts.map(function (t) { return t.word; }).join(" ");
    var groups = [];
    pages.forEach(function (p) {
      var has = ts.map(function (t) { return find(p.title, t.word).length > 0; });
      var sections = p.sections.map(function (s, k) {
        var score = 0, count = 0;
        var inTitle = ts.map(function (t) { return { len: t.word.length, at: find(s.title, t.word) }; });
        var inText = ts.map(function (t) { return { len: t.word.length, at: find(s.text, t.word) }; });
        ts.forEach(function (t, i) {
          var tf = inText[i].at.length;
          if (!tf && !inTitle[i].at.length) return;
          count++;
          has[i] = true;
          // the word in the text (saturating with repeats), more in the section's heading
          score += weight[i] * (tf / (tf + 1.2) + (inTitle[i].at.length ? 1.5 : 0));
        });
        if (count > 1 && (find(s.title, phrase).length || find(s.text, phrase).length)) score += total / 2;  // the words side by side
        return { s: s, k: k, count: count, score: score, inTitle: inTitle, inText: inText };
      }).filter(function (x) { return x.count > 0; });
      var matched = wholeWords(ts, has);
      if (!matched) return;
      sections.sort(function (a, b) { return b.count - a.count || b.score - a.score || a.k - b.k; });
      var titleBonus = ts.reduce(function (sum, t, i) { return sum + (find(p.title, t.word).length ? 2 * weight[i] : 0); }, 0);
      var best = sections[0] || { s: p.sections[0], score: 0, inTitle: [], inText: [] };
      var termsMap = {};
      ts.forEach(function (t, i) { termsMap[t.typed] = has[i]; });
      var href = function (s) { return p.location + (s && s.anchor ? "#" + s.anchor : ""); };
      var items = sections.map(function (x, j) {
        return {
          location: href(x.s), title: marked(x.s.title, x.inTitle, 0, x.s.title.shown.length), text: snippet(x.s.text, x.inText),
          score: x.score - j * 1e-6, terms: termsMap,
        };
      });
      // the page's own entry, last and with the best section's #id: Material renders it as the group's title
      items.push({ location: href(best.s), title: marked(p.title, ts.map(function (t) { return { len: t.word.length, at: find(p.title, t.word) }; }), 0, p.title.shown.length), text: "", score: 0, terms: termsMap });
      var rest = sections.slice(1).reduce(function (sum, x) { return sum + x.score; }, 0);
      groups.push({ matched: matched, score: best.score + titleBonus + Math.min(rest, best.score) / 4, items: items });
    });
    groups.sort(function (a, b) { return b.matched - a.matched || b.score - a.score; });
    return groups.map(function (g) { return g.items; });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      load().then(function () { postMessage({ type: 1 }); }, function (e) { console.error(e); });
    } else if (message.type === 2) {
      load().then(function () { postMessage({ type: 3, data: { items: search(String(message.data || "")) } }); });
    }
  });
})();
