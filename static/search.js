// Search for an exported site, run in the reader's browser. The site's
// build made the index with the server's own analyser (stems, stop
// words, synonyms) and the result cards with the server's templates;
// this script stems the query with a port of that analyser's stemmer,
// looks the stems up, scores them as the server's search does (BM25
// with the same boosts, fuzzy and prefix matching for a word no article
// has, the same fallbacks), cuts the same snippets and puts the results
// in the page's live region. Text from the query or the
// articles is always escaped.
(() => {
  "use strict";
  const root = document.getElementById("search-results");
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const spaceRun = /[\s\p{Cc}]+/gu;
  const isSpace = /[\s\p{Cc}]/u;

  // normalize makes any string a query, as the server does, cut at the
  // length the index says the server cuts at.
  const normalize = (q, max) => {
    const runes = Array.from(q.replace(spaceRun, " ").trim());
    return runes.slice(0, max).join("").trim();
  };
  let query = normalize(params.get("q") || "", Infinity);
  const wantPage = Math.max(1, parseInt(params.get("page"), 10) || 1);
  const input = document.getElementById("search-q");
  if (input) input.value = query;
  if (query === "") return;

  const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" })[c]);
  const link = (q, page) => {
    const v = new URLSearchParams();
    if (page > 1) v.set("page", String(page));
    v.set("q", q);
    return (root.dataset.search || "/search") + "?" + v.toString();
  };
  const show = (html) => {
    root.innerHTML = html;
    root.removeAttribute("aria-busy");
  };
  // The page's interface texts, in its language (site.searchTexts):
  // say fills each {name} of a text, escaped, with the HTML given.
  const T = JSON.parse(root.dataset.text);
  const say = (text, html) => esc(text).replace(/\{(\w+)\}/g, (m, k) => (k in html ? html[k] : m));
  const topics = () => `<a href="${esc(root.dataset.topics || "/tags/")}">${esc(T.everyTopic)}</a>`;
  const failed = () => show(`<p>${say(T.failed, { link: topics() })}</p>`);
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");

  const titleRest = document.title.slice(T.search.length);
  const setTitle = () => {
    document.title = T.title.replace("{q}", () => query) + titleRest;
  };
  setTitle();
  const heading = document.getElementById("search-heading");
  if (heading) heading.textContent = T.results;
  root.setAttribute("aria-busy", "true");
  root.innerHTML = `<p>${esc(T.searching)}</p>`;

  const base = root.dataset.index.slice(0, root.dataset.index.lastIndexOf("/") + 1);
  const getJSON = (url) => fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(url + ": " + r.status))));

  getJSON(root.dataset.index)
    .then((ix) => run(ix))
    .catch(failed);

  function run(ix) {
    const P = ix.p;
    query = normalize(query, P.maxQuery);
    if (input) input.value = query;
    setTitle();
    const stop = new Set(ix.stop);
    const segmenter = new Intl.Segmenter(ix.a === "en" ? "en" : document.documentElement.lang || "en", { granularity: "word" });
    const stems = Object.keys(ix.t);
    // stem is the stemmer of the server's analyser: bleve's "en"
    // (possessives off, then Porter), its "es" (accents folded, then the
    // light stemmer), or for any other language the stem the index
    // gives each word the articles write, and the word itself for one
    // they do not.
    const stem = ix.a === "en" ? (w) => porterStem(w.replace(/['’＇]s$/, "")) : ix.a === "es" ? spanishStem : (w) => (ix.w && ix.w[w]) || w;
    // analyze is the server's analyser: words, lower case, stop words
    // out (the index's list), then stem.
    const analyze = (text) => {
      const out = [];
      for (const s of segmenter.segment(text)) {
        if (!s.isWordLike) continue;
        const lower = s.segment.toLowerCase();
        const bare = ix.a === "en" ? lower.replace(/['’＇]s$/, "") : lower;
        if (stop.has(bare) || bare === "") continue;
        out.push({ start: s.index, end: s.index + s.segment.length, stem: stem(lower) });
      }
      return out;
    };
    // Postings, looked up once per stem: document → offset.
    const cache = new Map();
    const postings = (stem) => {
      let p = cache.get(stem);
      if (p) return p;
      const list = ix.t[stem] || [];
      const width = ix.f.length + 1;
      const at = new Map();
      const df = new Array(ix.f.length).fill(0);
      for (let o = 0; o < list.length; o += width) {
        at.set(list[o], o);
        for (let f = 0; f < ix.f.length; f++) if (list[o + 1 + f] > 0) df[f]++;
      }
      p = { list, at, df };
      cache.set(stem, p);
      return p;
    };
    const idf = (df) => Math.log(1 + (ix.n - df + 0.5) / (df + 0.5));

    // Query trees as bleve's: term, or (with coord and a minimum), and.
    const score = (node, doc) => {
      if (node.k === "t") {
        const p = postings(node.s);
        const o = p.at.get(doc);
        if (o === undefined) return -1;
        const freq = p.list[o + 1 + node.f];
        if (!freq) return -1;
        const tf = Math.sqrt(freq);
        const i = idf(p.df[node.f]);
        const avg = ix.f[node.f].a;
        return i * i * node.b * ((tf * P.K1) / (tf + P.K1 * (1 - P.B + (P.B * ix.l[doc][node.f]) / avg)));
      }
      let sum = 0;
      let n = 0;
      for (const c of node.c) {
        const s = score(c, doc);
        if (s < 0) {
          if (node.k === "and") return -1;
          continue;
        }
        sum += s;
        n++;
      }
      if (node.k === "and") return sum;
      if (n === 0 || n < (node.min || 1)) return -1;
      return (sum * n) / node.c.length;
    };
    const fields = (make) => ({ k: "or", c: ix.f.flatMap((f, i) => make(i, f.b)) });
    const docsOf = (node, into) => {
      if (node.k === "t") {
        for (const d of postings(node.s).at.keys()) into.add(d);
      } else node.c.forEach((c) => docsOf(c, into));
      return into;
    };

    // The query's terms: words, or phrases that are synonyms.
    const toks = analyze(query);
    const terms = [];
    for (let i = 0; i < toks.length && terms.length < P.maxTerms; ) {
      let n = 1;
      for (let l = Math.min(P.maxPhrase, toks.length - i); l > 1; l--) {
        if (ix.syn[toks.slice(i, i + l).map((t) => t.stem).join(" ")]) {
          n = l;
          break;
        }
      }
      const span = toks.slice(i, i + n);
      i += n;
      const phrase = span.map((t) => t.stem);
      const key = phrase.join(" ");
      if (terms.some((t) => t.key === key)) continue;
      terms.push({ key, word: query.slice(span[0].start, span[n - 1].end), start: span[0].start, end: span[n - 1].end, phrases: [phrase, ...(ix.syn[key] || [])] });
    }
    if (terms.length === 0 || ix.n === 0) return render([], 0, 1, "", false, "", P.perPage);

    // What snippets mark: words, and phrases only where their words
    // follow each other, as the server's.
    const marks = { words: new Set(), phrases: [] };
    for (const p of terms.flatMap((t) => t.phrases)) {
      if (p.length === 1) marks.words.add(p[0]);
      else if (!marks.phrases.some((q) => q.join(" ") === p.join(" "))) marks.phrases.push(p);
    }
    // A word no article has reaches for the words close to it; the
    // synonyms articles have are named on the page.
    let suggestion = "";
    let last = 0;
    const including = [];
    for (const t of terms) {
      const syns = t.phrases.slice(1).filter((p) => p.every((s) => ix.t[s]));
      if (syns.length > 0) including.push(syns.map((p) => (ix.sp || {})[p.join(" ")] || p.join(" ")).join(", ") + " (" + t.word + ")");
      if (t.phrases.some((p) => p.every((s) => ix.t[s])) || t.phrases[0].length > 1) continue;
      const stem = t.phrases[0][0];
      const runes = Array.from(t.word).length;
      t.fuzzy = runes >= P.longWord ? 2 : runes >= P.minFuzzy ? 1 : 0;
      t.prefix = Array.from(stem).length >= P.minPrefix;
      const cands = [];
      for (const s of stems) {
        const pre = t.prefix && s.startsWith(stem);
        const d = t.fuzzy > 0 && Math.abs(s.length - stem.length) <= t.fuzzy ? distance(stem, s, t.fuzzy) : t.fuzzy + 1;
        if (!pre && d > t.fuzzy) continue;
        const docs = postings(s).df.reduce((a, b) => a + b, 0);
        cands.push({ term: s, prefix: pre, fuzzy: d <= t.fuzzy ? d : -1, distance: pre ? Math.min(s.length - stem.length, d) : d, docs });
      }
      cands.sort((a, b) => (a.prefix !== b.prefix ? (a.prefix ? -1 : 1) : a.distance - b.distance || b.docs - a.docs || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)));
      t.cands = cands;
      for (const c of cands.slice(0, 50)) if (c.prefix === cands[0].prefix && (c.prefix || c.distance === cands[0].distance)) marks.words.add(c.term);
      if (cands.length > 0) {
        suggestion += query.slice(last, t.start) + (ix.s[cands[0].term] || cands[0].term);
        last = t.end;
      }
    }
    if (last > 0) suggestion += query.slice(last);
    const widened = terms.some((t) => t.fuzzy > 0 || t.prefix);

    const termNode = (t) => {
      const alts = t.phrases.map((p) => {
        const words = p.map((s) => fields((f, b) => [{ k: "t", s, f, b }]));
        return words.length === 1 ? words[0] : { k: "and", c: words };
      });
      if (t.fuzzy > 0 || t.prefix) {
        alts.push(
          fields((f, b) => {
            const inField = t.cands.filter((c) => postings(c.term).df[f] > 0);
            const out = [];
            if (t.fuzzy > 0) out.push({ k: "or", c: inField.filter((c) => c.fuzzy >= 0).map((c) => ({ k: "t", s: c.term, f, b: (b * P.fuzzyBoost) / (c.fuzzy + 1) })) });
            if (t.prefix) out.push({ k: "or", c: inField.filter((c) => c.prefix).map((c) => ({ k: "t", s: c.term, f, b: b * P.prefixBoost })) });
            return out;
          }),
        );
      }
      return alts.length === 1 ? alts[0] : { k: "or", c: alts };
    };
    const nodes = terms.map(termNode);
    const needs = [terms.length];
    if (terms.length > 2) needs.push(terms.length - 1);
    if (terms.length > 1) needs.push(1);
    let hits = [];
    for (const need of needs) {
      const q = need >= nodes.length ? { k: "and", c: nodes } : { k: "or", c: nodes, min: need };
      for (const d of docsOf(q, new Set())) {
        const s = score(q, d);
        if (s >= 0) hits.push({ d, s });
      }
      if (hits.length > 0) break;
    }
    // Score, then the build's order: newer first, then by slug.
    hits.sort((a, b) => b.s - a.s || a.d - b.d);
    const pages = Math.ceil(hits.length / P.perPage);
    const page = Math.min(wantPage, Math.max(pages, 1));
    const shown = hits.slice((page - 1) * P.perPage, page * P.perPage);
    Promise.all(shown.map((h) => getJSON(base + ix.u[h.d])))
      .then((docs) => render(docs.map((doc) => doc.c[0] + snippetHTML(snippet(doc, marks)) + doc.c[1]), hits.length, page, suggestion, widened, including.join("; "), P.perPage))
      .catch(failed);

    // snippet cuts about 30 words around the best match, as the server.
    function snippet(doc, marks) {
      return cut(doc.b, marks, false) || cut(doc.s, marks, false) || (doc.s.trim() !== "" ? cut(doc.s, marks, true) : cut(doc.b, marks, true)) || [];
    }
    function cut(s, marks, lead) {
      if (s.length > 65536) {
        s = s.slice(0, 65536);
        const i = s.search(/[\s\p{Cc}][^\s\p{Cc}]*$/u);
        if (i > 0) s = s.slice(0, i);
      }
      const words = [];
      for (const m of s.matchAll(/[^\s\p{Cc}]+/gu)) words.push({ start: m.index, end: m.index + m[0].length });
      if (words.length === 0) return null;
      if (lead) return segments(s, words, 0, Math.min(words.length, P.snippetWords), []);
      const ms = [];
      let w = 0;
      const toks = analyze(s);
      for (let i = 0; i < toks.length; i++) {
        const n = markAt(toks, i, s);
        if (n === 0) continue;
        const run = toks.slice(i, i + n);
        const term = run.map((t) => t.stem).join(" ");
        for (const tok of run) {
          while (w < words.length - 1 && words[w].end <= tok.start) w++;
          ms.push({ start: tok.start, end: tok.end, word: w, term });
        }
        i += n - 1;
      }
      if (ms.length === 0) return null;
      let bestStart = 0;
      let bestDistinct = -1;
      let bestCount = -1;
      const count = new Map();
      let lo = 0;
      let hi = 0;
      let distinct = 0;
      ms.forEach((m, i) => {
        if (i > 0 && m.word === ms[i - 1].word) return;
        let ws = Math.max(0, m.word - P.snippetLead);
        ws = Math.max(0, Math.min(ws, words.length - P.snippetWords));
        const we = Math.min(words.length, ws + P.snippetWords);
        for (; hi < ms.length && ms[hi].word < we; hi++) {
          const c = (count.get(ms[hi].term) || 0) + 1;
          count.set(ms[hi].term, c);
          if (c === 1) distinct++;
        }
        for (; lo < hi && ms[lo].word < ws; lo++) {
          const c = count.get(ms[lo].term) - 1;
          count.set(ms[lo].term, c);
          if (c === 0) distinct--;
        }
        if (distinct > bestDistinct || (distinct === bestDistinct && hi - lo > bestCount)) {
          bestStart = ws;
          bestDistinct = distinct;
          bestCount = hi - lo;
        }
      });
      const end = Math.min(words.length, bestStart + P.snippetWords);
      return segments(s, words, bestStart, end, ms.filter((m) => m.word >= bestStart && m.word < end));
    }
    // markAt is how many tokens from toks[i] are marked: a phrase's
    // length, 1 for a word of two letters or more, 0 for none.
    function markAt(toks, i, s) {
      for (const p of marks.phrases) if (i + p.length <= toks.length && p.every((st, j) => toks[i + j].stem === st)) return p.length;
      return marks.words.has(toks[i].stem) && Array.from(s.slice(toks[i].start, toks[i].end)).length >= P.minMark ? 1 : 0;
    }
    // endsBare says whether s[0:at] ends in a letter or a digit, perhaps
    // then closing quotes or brackets, as a heading does.
    function endsBare(s, at) {
      let i = at;
      while (i > 0 && "”’\"')]".includes(s[i - 1])) i--;
      return /[\p{L}\p{Nd}]$/u.test(s.slice(Math.max(0, i - 2), i));
    }
    function segments(s, words, from, to, ms) {
      const out = [];
      const plain = (t) => {
        if (t === "") return;
        if (out.length > 0 && !out[out.length - 1].mark) out[out.length - 1].text += t;
        else out.push({ text: t, mark: false });
      };
      // A blank line after a heading becomes " — ", others one space.
      const collapse = (a, b) => s.slice(a, b).replace(spaceRun, (run, off) => ((run.match(/\n/g) || []).length >= 2 && endsBare(s, a + off) ? " — " : " "));
      if (from > 0) plain("… ");
      let pos = words[from].start;
      const end = words[to - 1].end;
      for (const m of ms) {
        plain(collapse(pos, m.start));
        out.push({ text: s.slice(m.start, m.end), mark: true });
        pos = m.end;
      }
      plain(collapse(pos, end));
      if (to < words.length) plain(" …");
      return out;
    }
    function snippetHTML(segs) {
      return segs.map((g) => (g.mark ? "<mark>" + esc(g.text) + "</mark>" : esc(g.text))).join("");
    }
  }

  // render shows a page of results in the markup of the server's page.
  function render(cards, total, page, suggestion, widened, including, perPage) {
    const found = T.found[plural.select(total)] || T.found.other;
    let html = `<p class="intro">${say(found, { n: String(total), q: esc(query) })}</p>`;
    const suggested = () => ({ link: `<a href="${esc(link(suggestion, 1))}">${esc(suggestion)}</a>` });
    if (suggestion !== "" && widened && total > 0) html += `<p class="suggestion">${say(T.showing, suggested())}</p>`;
    else if (suggestion !== "") html += `<p class="suggestion">${say(T.didYouMean, suggested())}</p>`;
    if (including !== "") html += `<p class="including">${say(T.including, { words: esc(including) })}</p>`;
    if (total === 0) {
      html += `<p>${say(T.noResults, { link: topics() })}</p>`;
      return show(html);
    }
    html += `<ul class="teasers">${cards.join("")}</ul>`;
    const pages = Math.ceil(total / perPage);
    if (pages > 1) {
      html += `<nav class="pagination" aria-label="${esc(T.pages)}">`;
      html += page > 1 ? `<a href="${esc(link(query, page - 1))}" rel="prev">${esc(T.newer)}</a>` : "<span></span>";
      html += `<span>${say(T.pageOf, { page: String(page), pages: String(pages) })}</span>`;
      html += page < pages ? `<a href="${esc(link(query, page + 1))}" rel="next">${esc(T.older)}</a>` : "<span></span>";
      html += "</nav>";
    }
    show(html);
  }

  // spanishStem is bleve's Spanish analyser after its stop words: the
  // accents of a, e, i, o, u folded (normalize_es; ñ stays), then its
  // light stemmer (stemmer_es_light), ported rule for rule: a word of
  // five letters or more loses a final o, a or e, or a plural ending
  // ("eses" → "es", "ces" → "z", "os", "as", "es").
  function spanishStem(word) {
    const fold = { à: "a", á: "a", â: "a", ä: "a", ò: "o", ó: "o", ô: "o", ö: "o", è: "e", é: "e", ê: "e", ë: "e", ù: "u", ú: "u", û: "u", ü: "u", ì: "i", í: "i", î: "i", ï: "i" };
    const s = Array.from(word, (c) => fold[c] || c);
    const l = s.length;
    if (l < 5) return s.join("");
    switch (s[l - 1]) {
      case "o":
      case "a":
      case "e":
        return s.slice(0, l - 1).join("");
      case "s":
        if (s[l - 2] === "e" && s[l - 3] === "s" && s[l - 4] === "e") return s.slice(0, l - 2).join("");
        if (s[l - 2] === "e" && s[l - 3] === "c") {
          s[l - 3] = "z";
          return s.slice(0, l - 2).join("");
        }
        if (s[l - 2] === "o" || s[l - 2] === "a" || s[l - 2] === "e") return s.slice(0, l - 2).join("");
    }
    return s.join("");
  }

  // porterStem is the Porter stemmer of the server's analyser, ported
  // rule for rule from github.com/blevesearch/go-porterstemmer (v1.0.3,
  // which bleve's "en" runs), quirks and all, so that a word no article
  // writes in that form ("stepping") still finds the articles that have
  // its stem ("step"): a word of two letters or fewer is kept, a suffix
  // only counts with a letter before it, and the first suffix of a step
  // that the word has decides that step. It works on code points, as Go
  // on runes; the word is lower case already.
  function porterStem(word) {
    let s = Array.from(word);
    if (s.length <= 2) return word;
    // cons says whether s[i] is a consonant: not a vowel, and y only
    // after a vowel or first.
    const cons = (i) => !"aeiou".includes(s[i]) && (s[i] !== "y" || i === 0 || !cons(i - 1));
    // measure counts the vowel-consonant runs in s[0:n].
    const measure = (n) => {
      let m = 0;
      let i = 0;
      while (i < n && cons(i)) i++;
      while (i < n) {
        while (i < n && !cons(i)) i++;
        if (i >= n) break;
        while (i < n && cons(i)) i++;
        m++;
      }
      return m;
    };
    const vowelIn = (n) => s.slice(0, n).some((_, i) => !cons(i));
    const ends = (suf) => s.length > suf.length && s.slice(s.length - suf.length).join("") === suf;
    const cvc = (n) => n >= 3 && cons(n - 3) && !cons(n - 2) && cons(n - 1) && !"wxy".includes(s[n - 1]);
    // rule replaces the first suffix of table the word has, if what is
    // before it measures more than min (and ok says so).
    const rule = (table, min, ok = () => true) => {
      for (const [suf, to] of table) {
        if (!ends(suf)) continue;
        const n = s.length - suf.length;
        if (measure(n) > min && ok(suf, n)) s = s.slice(0, n).concat(Array.from(to));
        return;
      }
    };
    // Step 1a: plurals.
    rule([["sses", "ss"], ["ies", "i"], ["ss", "ss"], ["s", ""]], -1);
    // Step 1b: -eed, -ed, -ing.
    if (ends("eed")) {
      if (measure(s.length - 3) > 0) s.pop();
    } else {
      for (const suf of ["ed", "ing"]) {
        if (!ends(suf)) continue;
        const n = s.length - suf.length;
        if (vowelIn(n)) {
          s = s.slice(0, n);
          const c = s[n - 1];
          if (ends("at") || ends("bl") || ends("iz")) s.push("e");
          else if (!"lsz".includes(c) && n >= 2 && s[n - 2] === c && cons(n - 1)) s.pop();
          else if (measure(n) === 1 && cvc(n)) s.push("e");
        }
        break;
      }
    }
    // Step 1c: y after a vowel somewhere before it becomes i.
    if (s.length >= 2 && s[s.length - 1] === "y" && vowelIn(s.length - 1)) s[s.length - 1] = "i";
    // Steps 2 and 3: double suffixes to single ones.
    rule(
      [
        ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["bli", "ble"],
        ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"],
        ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"],
        ["iviti", "ive"], ["biliti", "ble"], ["logi", "log"],
      ],
      0,
    );
    rule([["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]], 0);
    // Step 4: suffixes off a long enough word; -ion only after s or t.
    const step4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"];
    rule(step4.map((suf) => [suf, ""]), 1, (suf, n) => suf !== "ion" || s[n - 1] === "s" || s[n - 1] === "t");
    // Step 5: a final e, and ll to l.
    if (s[s.length - 1] === "e") {
      const m = measure(s.length - 1);
      if (m > 1 || (m === 1 && !cvc(s.length - 1))) s.pop();
    }
    if (s.length > 2 && ends("ll") && measure(s.length - 1) > 1) s.pop();
    return s.join("");
  }

  // distance is the edit distance of a and b, a swap of two letters
  // counting as one edit as in bleve's fuzzy query, or max+1 once it is
  // sure to be more than max.
  function distance(a, b, max) {
    const x = Array.from(a);
    const y = Array.from(b);
    let prev2 = null;
    let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
      const cur = [i];
      let best = i;
      for (let j = 1; j <= y.length; j++) {
        let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[y.length];
  }
})();
