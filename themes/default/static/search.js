/*
 * hoclieu search. Loaded (deferred) on every page; it does nothing until someone uses search.
 *
 * The index is `assets/search-index.js`, written by the engine (src/search.rs), which assigns one object to
 * window.HOCLIEU_SEARCH. It is loaded with a <script> element, never fetch/XHR, because browsers refuse
 * those on file:// and the site must work opened from a disk or a USB stick. The format is described at the
 * top of src/search.rs and in docs/search.md.
 *
 * Rules it keeps: no network beyond that one same-origin file, no eval, no inline styles or handlers (the
 * page CSP allows only 'self'), text inserted as text (never as HTML), and ES5 syntax so that an old school
 * computer's browser does not fail to parse the file.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Pure functions (exported for `node --test`; no DOM here).

  var FINAL = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#';
  // Character code → digit value (0–31 final, 32–63 more to come), -1 for anything else.
  var DIGIT = (function () {
    var d = new Int8Array(128).fill(-1);
    for (var i = 0; i < 32; i++) {
      d[FINAL.charCodeAt(i)] = i;
      d[MORE.charCodeAt(i)] = 32 + i;
    }
    return d;
  })();

  // Combining-mark blocks rather than /\p{M}/u, which is a parse error in older browsers. Every
  // Vietnamese mark is in U+0300–U+036F. `đ` is a letter of its own, not `d` plus a mark.
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

  // A word is a run of letters, digits and combining marks, as in src/search.rs. Browsers without
  // Unicode property escapes get an approximation: everything but ASCII punctuation, spaces and the
  // general punctuation blocks.
  var WORD = (function () {
    try {
      return new RegExp('[\\p{L}\\p{N}\\p{M}]+', 'gu');
    } catch (e) {
      return /[0-9A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2070-\u2dff\u3040-\ufefe\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffdc]+/g;
    }
  })();

  // Field weights: a word in the title counts more than in a heading, more than in the text.
  var W_TITLE = 16;
  var W_HEADING = 4;
  var W_BODY = 1;
  // A word only starting with what was typed counts half; one that also has the diacritics typed, more.
  var PREFIX_FACTOR = 0.5;
  var DIACRITIC_FACTOR = 1.5;
  // Results in the level the reader came from rank a little higher.
  var LEVEL_FACTOR = 1.25;
  var MAX_TOKENS = 8;
  // A word being typed matches longer words only from its second letter, and then the shortest
  // ones first, up to this many characters of postings: "m" or "th" would otherwise mean most of
  // the index on every keystroke of a 10,000-lesson site.
  var PREFIX_BUDGET = 60000;

  /** Removes diacritics and case: "Lừa ĐẢO" → "lua dao" (as `fold` in src/text.rs). */
  function fold(s) {
    return String(s).normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  }

  /** The words of `s`, lowercase NFC: what the index stores. */
  function words(s) {
    WORD.lastIndex = 0;
    return String(s == null ? '' : s).normalize('NFC').toLowerCase().match(WORD) || [];
  }

  /** As `slugify` in src/text.rs: heading ids stored as 0 in the index are the heading's slug. */
  function slugify(s) {
    return (fold(s).match(/[a-z0-9]+/g) || []).join('-');
  }

  function format(template, vars) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole;
    });
  }

  /** Numbers of one part of a postings string (see src/search.rs), as running sums of the deltas. */
  function decodeNumbers(s, from, to, shift) {
    var out = new Int32Array(to - from);
    var n = 0;
    var acc = 0;
    var prev = 0;
    for (var i = from; i < to; i++) {
      var c = s.charCodeAt(i);
      var d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) continue;
      if (d < 32) {
        var v = acc * 32 + d;
        acc = 0;
        // Section entries keep their heading flag in the low bit; the delta is in the others.
        prev = shift ? ((n === 0 ? 0 : prev >> 1) + (v >> 1)) * 2 + (v & 1) : (n === 0 ? 0 : prev) + v;
        out[n++] = prev;
      } else {
        acc = acc * 32 + (d - 32);
      }
    }
    return out.subarray(0, n);
  }

  /**
   * One term's postings: `docs`, lessons whose title has it, and `secs`, sections that have it, each
   * as section * 2 + 1 when it is in the heading, section * 2 when only in the text.
   */
  function decodePostings(s) {
    var bar = s.indexOf('|');
    if (bar < 0) bar = s.length;
    return { docs: decodeNumbers(s, 0, bar, false), secs: decodeNumbers(s, bar + 1, s.length, true) };
  }

  /** Readies a raw index (window.HOCLIEU_SEARCH) for queries: folded keys, section → lesson maps. */
  function prepare(raw) {
    var n = raw.terms.length;
    var keys = new Array(n);
    var order = null;
    for (var i = 0; i < n; i++) {
      keys[i] = fold(raw.terms[i]);
      // The builder sorts by the same folding; if this browser's Unicode tables fold some rare
      // character differently, sort here rather than let binary search miss words.
      if (i > 0 && keys[i] < keys[i - 1]) order = [];
    }
    if (order) {
      for (var k = 0; k < n; k++) order.push(k);
      order.sort(function (a, b) {
        return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b;
      });
      var sortedKeys = order.map(function (t) { return keys[t]; });
      keys = sortedKeys;
    }
    var nDocs = raw.doc_url.length;
    var docStart = new Array(nDocs + 1);
    docStart[0] = 0;
    for (var d = 0; d < nDocs; d++) docStart[d + 1] = docStart[d] + raw.doc_sections[d];
    var nSecs = docStart[nDocs];
    var secDoc = new Int32Array(nSecs);
    for (var e = 0; e < nDocs; e++) {
      for (var s = docStart[e]; s < docStart[e + 1]; s++) secDoc[s] = e;
    }
    var pools = [];
    // Per typed word: best weight per lesson and per section. A value counts only when its stamp is the
    // current query's, so nothing has to be cleared between keystrokes.
    for (var p = 0; p < MAX_TOKENS; p++) {
      pools.push({
        doc: new Float32Array(nDocs),
        docStamp: new Uint32Array(nDocs),
        sec: new Float32Array(nSecs),
        secStamp: new Uint32Array(nSecs)
      });
    }
    return {
      raw: raw,
      keys: keys,
      order: order,
      docStart: docStart,
      secDoc: secDoc,
      nDocs: nDocs,
      nSecs: nSecs,
      pools: pools,
      stamp: 0,
      decoded: {}
    };
  }

  function postingsOf(index, i) {
    var t = index.order ? index.order[i] : i;
    var p = index.decoded[t];
    if (!p) p = index.decoded[t] = decodePostings(index.raw.post[t]);
    return p;
  }

  /**
   * Decodes the postings of terms `from` .. `from + count` ahead of need; returns where to go on
   * (the length of the term list when all are done). The page runs this in idle time after the index
   * loads, so later keystrokes find everything decoded and the code already compiled.
   */
  function decodeAhead(index, from, count) {
    var end = Math.min(index.raw.post.length, from + count);
    for (var t = from; t < end; t++) {
      if (!index.decoded[t]) index.decoded[t] = decodePostings(index.raw.post[t]);
    }
    return end;
  }

  function termOf(index, i) {
    return index.raw.terms[index.order ? index.order[i] : i];
  }

  /** First position whose key is >= `key`. */
  function lowerBound(keys, key) {
    var lo = 0;
    var hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Positions of the keys that `tok` matches: the exact ones, then longer ones within PREFIX_BUDGET. */
  function matchingTerms(index, tok) {
    var keys = index.keys;
    var out = [];
    var longer = [];
    for (var i = lowerBound(keys, tok.fold); i < keys.length; i++) {
      if (keys[i] === tok.fold) out.push(i);
      else if (tok.prefix && keys[i].lastIndexOf(tok.fold, 0) === 0) longer.push(i);
      else break;
    }
    longer.sort(function (a, b) {
      return keys[a].length - keys[b].length || a - b;
    });
    var used = 0;
    for (var j = 0; j < longer.length && used < PREFIX_BUDGET; j++) {
      out.push(longer[j]);
      used += index.raw.post[index.order ? index.order[longer[j]] : longer[j]].length;
    }
    return out;
  }

  /**
   * What to look for: one entry per typed word with its folded form and whether a longer word may
   * match (the word still being typed, or an earlier one that is no whole word of the index).
   */
  function parseQuery(index, query) {
    var raw = words(query).slice(0, MAX_TOKENS);
    var typing = !/\s$/.test(String(query));
    // A lone letter just typed after other words says nothing yet: keep the results of the others.
    if (typing && raw.length > 1 && fold(raw[raw.length - 1]).length < 2) raw.pop();
    return raw.map(function (w, k) {
      var f = fold(w);
      var prefix = typing && k === raw.length - 1 && f.length >= 2;
      if (!prefix && index && f.length >= 2) {
        var at = lowerBound(index.keys, f);
        if (index.keys[at] !== f) prefix = true;
      }
      // Typed diacritics (non-ASCII after folding differs from the word) make them count.
      return { word: w, fold: f, prefix: prefix, marked: f !== w && /[^\u0000-\u007f]/.test(w) };
    });
  }

  /**
   * Runs `query` against a prepared index. Options: `level` (slug: only that level), `prefer` (slug:
   * ranked a little higher), `limit` (how many results to return, default 20).
   * Returns {tokens, total, partial, results: [{doc, sec, score}]}: `sec` is the best matching section
   * (-1 when only the title matched); `partial` is true when no lesson has every word and the results
   * are the lessons that have some of them.
   */
  function search(index, query, options) {
    options = options || {};
    var limit = options.limit || 20;
    var tokens = parseQuery(index, query);
    var empty = { tokens: tokens, total: 0, partial: false, results: [] };
    if (!tokens.length) return empty;
    var raw = index.raw;
    var levelIndex = -1;
    var preferIndex = -1;
    for (var l = 0; l < raw.levels.length; l++) {
      if (raw.levels[l][0] === options.level) levelIndex = l;
      if (raw.levels[l][0] === options.prefer) preferIndex = l;
    }
    if (options.level && levelIndex < 0) return empty;

    // Per word: best weight per lesson (title or any section) and per section.
    var stamp = ++index.stamp;
    var touched = [];
    for (var k = 0; k < tokens.length; k++) {
      var tok = tokens[k];
      var pool = index.pools[k];
      var docsHit = [];
      var terms = matchingTerms(index, tok);
      for (var m = 0; m < terms.length; m++) {
        var i = terms[m];
        var key = index.keys[i];
        var factor = key === tok.fold ? 1 : PREFIX_FACTOR;
        if (tok.marked && termOf(index, i).lastIndexOf(tok.word, 0) === 0) factor *= DIACRITIC_FACTOR;
        var p = postingsOf(index, i);
        var wt = W_TITLE * factor;
        for (var a = 0; a < p.docs.length; a++) {
          var d = p.docs[a];
          if (pool.docStamp[d] !== stamp) {
            pool.docStamp[d] = stamp;
            pool.doc[d] = wt;
            docsHit.push(d);
          } else if (pool.doc[d] < wt) pool.doc[d] = wt;
        }
        var wh = W_HEADING * factor;
        var wb = W_BODY * factor;
        var secs = p.secs;
        for (var b = 0; b < secs.length; b++) {
          var e = secs[b];
          var s = e >> 1;
          var w = e & 1 ? wh : wb;
          if (pool.secStamp[s] !== stamp) {
            pool.secStamp[s] = stamp;
            pool.sec[s] = w;
          } else if (pool.sec[s] < w) pool.sec[s] = w;
          var sd = index.secDoc[s];
          if (pool.docStamp[sd] !== stamp) {
            pool.docStamp[sd] = stamp;
            pool.doc[sd] = w;
            docsHit.push(sd);
          } else if (pool.doc[sd] < w) pool.doc[sd] = w;
        }
      }
      touched.push({ docs: docsHit });
    }

    // Lessons with every word, scanned from the word found in the fewest; if there are none, lessons
    // with some of the words. Only the best `limit` are kept in order, the rest just counted.
    var n = tokens.length;
    var rarest = 0;
    for (var k2 = 1; k2 < n; k2++) if (touched[k2].docs.length < touched[rarest].docs.length) rarest = k2;
    var top = [];
    var total = collect(touched[rarest].docs, n, null);
    var partial = false;
    if (total === 0 && n > 1) {
      partial = true;
      var seen = new Uint8Array(index.nDocs);
      for (var t = 0; t < n; t++) total += collect(touched[t].docs, 1, seen);
    }

    // Adds the lessons of `docs` that match at least `need` words; returns how many it added.
    function collect(docs, need, seen) {
      var added = 0;
      for (var c = 0; c < docs.length; c++) {
        var doc = docs[c];
        if (seen) {
          if (seen[doc]) continue;
          seen[doc] = 1;
        }
        if (levelIndex >= 0 && raw.doc_level[doc] !== levelIndex) continue;
        var matched = 0;
        var score = 0;
        for (var q = 0; q < n; q++) {
          var pq = index.pools[q];
          var v = pq.docStamp[doc] === stamp ? pq.doc[doc] : 0;
          if (v > 0) {
            matched++;
            score += v;
          }
        }
        if (matched < need) continue;
        if (preferIndex >= 0 && raw.doc_level[doc] === preferIndex) score *= LEVEL_FACTOR;
        added++;
        keep({ doc: doc, score: score, matched: matched });
      }
      return added;
    }

    function before(x, y) {
      return x.matched !== y.matched ? x.matched > y.matched : x.score !== y.score ? x.score > y.score : x.doc < y.doc;
    }

    function keep(entry) {
      if (top.length === limit && !before(entry, top[limit - 1])) return;
      var at = top.length;
      while (at > 0 && before(entry, top[at - 1])) at--;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }

    var results = top.map(function (r) {
      return { doc: r.doc, sec: bestSection(index, n, r.doc, stamp), score: r.score };
    });

    return { tokens: tokens, total: total, partial: partial, results: results };
  }

  // The section where most of the words are, best fields first; -1 if only the title matched.
  function bestSection(index, nTokens, doc, stamp) {
    var best = -1;
    var bestScore = 0;
    for (var s = index.docStart[doc]; s < index.docStart[doc + 1]; s++) {
      var score = 0;
      var matched = 0;
      for (var k = 0; k < nTokens; k++) {
        var pk = index.pools[k];
        var v = pk.secStamp[s] === stamp ? pk.sec[s] : 0;
        if (v > 0) {
          matched++;
          score += v;
        }
      }
      var total = matched * 1000 + score;
      if (total > bestScore) {
        bestScore = total;
        best = s;
      }
    }
    return best;
  }

  /** The lesson's first section with text: the snippet shown when only the title matched. */
  function leadSection(index, doc) {
    for (var s = index.docStart[doc]; s < index.docStart[doc + 1]; s++) {
      if (index.raw.sec_text[s]) return s;
    }
    return -1;
  }

  /** What a result shows: link (root-relative), title, level, section heading and snippet. */
  function describe(index, result) {
    var raw = index.raw;
    var url = raw.doc_url[result.doc];
    if (url === '' || url.charAt(url.length - 1) === '/') url += 'index.html';
    var sec = result.sec;
    var anchor = null;
    if (sec >= 0) {
      var id = raw.sec_id[sec];
      anchor = id === 0 ? slugify(raw.sec_heading[sec]) : id;
    }
    var textSec = sec >= 0 && raw.sec_text[sec] ? sec : leadSection(index, result.doc);
    var level = raw.doc_level[result.doc];
    return {
      href: url + (anchor ? '#' + anchor : ''),
      title: raw.doc_title[result.doc],
      level: level >= 0 ? raw.levels[level][1] : '',
      heading: sec >= 0 ? raw.sec_heading[sec] : '',
      snippet: textSec >= 0 ? raw.sec_text[textSec] : ''
    };
  }

  /**
   * Splits `text` into pieces, marking the words that match the query:
   * [{text, mark: bool}], adjacent unmarked text merged.
   */
  function highlight(text, tokens) {
    text = String(text || '');
    var out = [];
    var last = 0;
    // One shared global regex (compiling the Unicode classes costs more than the search itself).
    var re = WORD;
    re.lastIndex = 0;
    var m;
    function push(s, mark) {
      if (!s) return;
      var prev = out[out.length - 1];
      if (prev && prev.mark === mark && !mark) prev.text += s;
      else out.push({ text: s, mark: mark });
    }
    while ((m = re.exec(text)) !== null) {
      var f = /^[\x00-\x7f]*$/.test(m[0]) ? m[0].toLowerCase() : fold(m[0]);
      var hit = tokens.some(function (t) {
        return t.prefix ? f.lastIndexOf(t.fold, 0) === 0 : f === t.fold;
      });
      if (!hit) continue;
      push(text.slice(last, m.index), false);
      push(m[0], true);
      last = m.index + m[0].length;
    }
    push(text.slice(last), false);
    return out;
  }

  var api = {
    fold: fold,
    words: words,
    slugify: slugify,
    format: format,
    decodePostings: decodePostings,
    decodeAhead: decodeAhead,
    prepare: prepare,
    parseQuery: parseQuery,
    search: search,
    describe: describe,
    highlight: highlight
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---------------------------------------------------------------------------------------------
  // The page.

  var PAGE_SIZE = 20;
  // Screen readers hear the count once typing pauses, not on every key.
  var ANNOUNCE_DELAY = 600;

  var DEFAULT_STRINGS = {
    count_none: 'Không tìm thấy bài nào cho “{q}”.',
    count_one: 'Tìm thấy 1 bài cho “{q}”.',
    count_many: 'Tìm thấy {n} bài cho “{q}”.',
    count_partial: 'Không bài nào có đủ các từ “{q}”. Đây là {n} bài có một vài từ.',
    shown: 'Đang hiện {shown} bài đầu.',
    loading: 'Đang tải dữ liệu tìm kiếm…',
    error: 'Không tải được dữ liệu tìm kiếm. Em hãy tìm bài theo cấp học ở thanh điều hướng.',
    cleared: 'Đã xóa ô tìm kiếm.'
  };

  // The script's own address gives the way back to the site root, whatever page it is on and
  // however the site is opened (sub-path of a server, or a folder on disk).
  var script = document.currentScript;
  var src = script ? script.getAttribute('src') || '' : '';
  var root = src.replace(/assets\/search\.js(\?.*)?$/, '');
  var INDEX_URL = root + 'assets/search-index.js';

  var state = { index: null, loading: false, failed: false, waiting: [] };

  function loadIndex(done) {
    if (state.index) {
      if (done) done(state.index);
      return;
    }
    if (done) state.waiting.push(done);
    if (state.loading || state.failed) return;
    state.loading = true;
    var tag = document.createElement('script');
    tag.src = INDEX_URL;
    tag.async = true;
    tag.onload = function () {
      state.loading = false;
      if (!window.HOCLIEU_SEARCH) return fail();
      try {
        state.index = prepare(window.HOCLIEU_SEARCH);
      } catch (e) {
        return fail();
      }
      var waiting = state.waiting;
      state.waiting = [];
      waiting.forEach(function (f) { f(state.index); });
      warmUp(state.index, 0);
    };
    tag.onerror = function () {
      state.loading = false;
      fail();
    };
    document.head.appendChild(tag);
  }

  function warmUp(index, from) {
    var next = decodeAhead(index, from, 300);
    if (next >= index.raw.post.length) return;
    var later = window.requestIdleCallback || function (f) { return setTimeout(f, 0); };
    later(function () { warmUp(index, next); });
  }

  var failListeners = [];
  function fail() {
    state.failed = true;
    state.waiting = [];
    failListeners.forEach(function (f) { f(); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function appendHighlighted(parent, text, tokens) {
    highlight(text, tokens).forEach(function (piece) {
      if (piece.mark) parent.appendChild(el('mark', null, piece.text));
      else parent.appendChild(document.createTextNode(piece.text));
    });
  }

  function readStrings(node) {
    var strings = {};
    Object.keys(DEFAULT_STRINGS).forEach(function (k) {
      var attr = 'str' + k.replace(/(^|_)([a-z])/g, function (w, sep, c) { return c.toUpperCase(); });
      strings[k] = node.dataset[attr] || DEFAULT_STRINGS[k];
    });
    return strings;
  }

  function queryParams() {
    var out = { q: '', cap: '', from: '' };
    var search = window.location.search.replace(/^\?/, '');
    if (!search) return out;
    search.split('&').forEach(function (pair) {
      var eq = pair.indexOf('=');
      var name = eq < 0 ? pair : pair.slice(0, eq);
      var value = eq < 0 ? '' : pair.slice(eq + 1);
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch (e) {
        return;
      }
      if (Object.prototype.hasOwnProperty.call(out, name)) out[name] = value;
    });
    return out;
  }

  // The level of the page the reader searched from: its <body> names it (`level-<slug>`). Pages
  // outside a level (home, search, teachers) have none, so no `from=` is sent from there.
  function currentLevel() {
    var m = /(?:^|\s)level-([a-z0-9-]+)(?:\s|$)/.exec(document.body ? document.body.className : '');
    return m ? m[1] : '';
  }

  function setupSearchPage(form) {
    var input = form.querySelector('input[name="q"]');
    var select = form.querySelector('select[name="cap"]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var moreButton = document.getElementById('search-more');
    if (!input || !status || !list) return;
    var strings = readStrings(form);
    var params = queryParams();
    var view = { shown: 0, query: '', result: null };
    var announceTimer = null;

    input.value = params.q;
    if (select && params.cap) select.value = params.cap;
    // Filled in by the header form on a lesson page: that lesson's level ranks first.
    var prefer = params.from;

    function announce(text, now) {
      clearTimeout(announceTimer);
      if (now) status.textContent = text;
      else announceTimer = setTimeout(function () { status.textContent = text; }, ANNOUNCE_DELAY);
    }

    // Keeps ?q= in the address for reload and back, once typing pauses: a history call per key is
    // a round trip to the browser process, and browsers throttle pages that make too many.
    var rememberTimer = null;
    function remember() {
      clearTimeout(rememberTimer);
      rememberTimer = setTimeout(rememberNow, ANNOUNCE_DELAY);
    }

    function rememberNow() {
      try {
        var q = encodeURIComponent(input.value).replace(/%20/g, '+');
        var cap = select && select.value ? '&cap=' + encodeURIComponent(select.value) : '';
        var from = prefer ? '&from=' + encodeURIComponent(prefer) : '';
        window.history.replaceState(null, '', '?q=' + q + cap + from);
      } catch (e) {
        // Some browsers refuse history changes on file://; the search still works.
      }
    }

    function countText(result, q) {
      if (result.total === 0) return format(strings.count_none, { q: q });
      if (result.partial) return format(strings.count_partial, { q: q, n: result.total });
      return format(result.total === 1 ? strings.count_one : strings.count_many, { q: q, n: result.total });
    }

    function renderItems(index, result, from) {
      var firstNew = null;
      for (var i = from; i < result.results.length; i++) {
        var r = describe(index, result.results[i]);
        var li = el('li', 'search-result');
        var a = el('a', 'search-result-link');
        a.href = root + r.href;
        var title = el('span', 'search-result-title');
        appendHighlighted(title, r.title, result.tokens);
        a.appendChild(title);
        if (r.heading) {
          a.appendChild(document.createTextNode(' › '));
          var heading = el('span', 'search-result-section');
          appendHighlighted(heading, r.heading, result.tokens);
          a.appendChild(heading);
        }
        li.appendChild(a);
        if (r.level) li.appendChild(el('p', 'search-result-level', r.level));
        if (r.snippet) {
          var p = el('p', 'search-result-snippet');
          appendHighlighted(p, r.snippet, result.tokens);
          li.appendChild(p);
        }
        list.appendChild(li);
        if (!firstNew) firstNew = a;
      }
      return firstNew;
    }

    function run(opts) {
      opts = opts || {};
      var q = input.value;
      remember();
      if (!words(q).length) {
        list.textContent = '';
        list.hidden = true;
        if (moreButton) moreButton.hidden = true;
        view.result = null;
        announce(opts.cleared ? strings.cleared : '', true);
        return;
      }
      if (state.failed) {
        announce(strings.error, true);
        return;
      }
      if (!state.index) {
        announce(strings.loading, true);
        loadIndex(function () { run(opts); });
        return;
      }
      var index = state.index;
      var limit = Math.max(PAGE_SIZE, opts.keep ? view.shown : 0);
      var result = search(index, q, { level: select ? select.value : '', prefer: prefer, limit: limit });
      view.result = result;
      view.query = q;
      list.textContent = '';
      renderItems(index, result, 0);
      view.shown = result.results.length;
      list.hidden = view.shown === 0;
      if (moreButton) moreButton.hidden = view.shown >= result.total;
      var text = countText(result, q.trim());
      if (result.total > view.shown) text += ' ' + format(strings.shown, { shown: view.shown });
      announce(text, opts.now);
    }

    function showMore() {
      if (!view.result || !state.index) return;
      var before = view.shown;
      var result = search(state.index, view.query, {
        level: select ? select.value : '',
        prefer: prefer,
        limit: before + PAGE_SIZE
      });
      view.result = result;
      var first = renderItems(state.index, result, before);
      view.shown = result.results.length;
      if (moreButton) moreButton.hidden = view.shown >= result.total;
      if (first) first.focus();
      var text = countText(result, view.query.trim());
      if (result.total > view.shown) text += ' ' + format(strings.shown, { shown: view.shown });
      announce(text, true);
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll('a.search-result-link'));
    }

    input.addEventListener('focus', function () { loadIndex(); });
    input.addEventListener('input', function () { run(); });
    if (select) select.addEventListener('change', function () { run({ now: true }); });
    if (moreButton) moreButton.addEventListener('click', showMore);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      run({ now: true });
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        var all = links();
        if (all.length) {
          event.preventDefault();
          all[0].focus();
        }
      } else if (event.key === 'Escape' && input.value) {
        event.preventDefault();
        input.value = '';
        run({ cleared: true });
      }
    });
    list.addEventListener('keydown', function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (at < 0) return;
      var to = null;
      if (event.key === 'ArrowDown') to = Math.min(at + 1, all.length - 1);
      else if (event.key === 'ArrowUp') to = at - 1;
      else if (event.key === 'Home') to = 0;
      else if (event.key === 'End') to = all.length - 1;
      else if (event.key === 'Escape') to = -1;
      else return;
      event.preventDefault();
      if (to < 0) input.focus();
      else all[to].focus();
    });
    failListeners.push(function () { announce(strings.error, true); });

    if (words(input.value).length) run({ now: true });
  }

  function setupHeaderForms() {
    var level = currentLevel();
    Array.prototype.forEach.call(document.querySelectorAll('form.search-form'), function (form) {
      var input = form.querySelector('input[name="q"]');
      if (!input) return;
      // Over http(s) the index loaded now is in the cache when the search page opens; from a disk
      // every page loads it afresh, so there is nothing to gain by loading it early.
      var warm = function () {
        if (/^https?:$/.test(window.location.protocol)) loadIndex();
      };
      input.addEventListener('focus', warm);
      input.addEventListener('input', warm);
      form.addEventListener('submit', function () {
        if (!level || form.querySelector('input[name="from"]')) return;
        var hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'from';
        hidden.value = level;
        form.appendChild(hidden);
      });
    });
  }

  function start() {
    setupHeaderForms();
    var page = document.getElementById('search-page');
    if (page) setupSearchPage(page);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
