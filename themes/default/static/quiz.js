/*
 * hoclieu quizzes. The page is already a complete form without this script: every answer sits in a
 * "Xem đáp án" disclosure. This script only adds grading on top, so that reading and self-checking
 * keep working when it is blocked, broken or switched off.
 *
 * Rules it keeps: no network, no eval, no inline styles or handlers (the page CSP allows only 'self'),
 * state in localStorage only, and meaning never by colour alone (every mark has an icon and words).
 */
(function () {
  'use strict';

  // Vietnamese defaults, used when the page carries no #hl-strings or lacks a key. Only the strings
  // this script writes; the button and label texts come with the engine's markup.
  var DEFAULT_STRINGS = {
    quiz_correct: 'Đúng',
    quiz_wrong: 'Chưa đúng',
    quiz_unanswered: 'Em chưa trả lời câu này.',
    quiz_missing: 'Em chưa chọn đủ các đáp án đúng.',
    quiz_mark_correct: 'em chọn đúng',
    quiz_mark_wrong: 'em chọn chưa đúng',
    quiz_typed_correct: 'đúng',
    quiz_typed_wrong: 'chưa đúng',
    quiz_place_correct: 'đúng vị trí',
    quiz_place_wrong: 'chưa đúng vị trí',
    quiz_explain: 'Giải thích',
    quiz_score: 'Em đúng {correct}/{total} câu ({percent}%).',
    quiz_pass: 'Giỏi lắm! Em đã nắm được bài.',
    quiz_fail: 'Em hãy đọc giải thích, xem đáp án rồi làm lại nhé.',
    quiz_best: 'Điểm cao nhất: {best}% (em đã làm {attempts} lần).',
    quiz_best_count: 'Điểm cao nhất: {best_correct}/{total} câu ({best}%). Em đã làm {attempts} lần.',
    quiz_cleared: 'Đã xóa kết quả lưu trên máy này.',
    quiz_clear_confirm: 'Xóa điểm đã lưu của bài này trên máy?',
    quiz_moved: 'Đã chuyển “{item}” đến vị trí {position}/{count}.',
    quiz_at_top: '“{item}” đã ở đầu danh sách.',
    quiz_at_bottom: '“{item}” đã ở cuối danh sách.'
  };

  // The options of these types read in a fixed order (Đúng, Sai) and are never shuffled.
  var FIXED_OPTIONS = { 'true-false': true };

  var ICON_CORRECT = '✓';
  var ICON_WRONG = '✗';
  var STORAGE_PREFIX = 'hoclieu:quiz:';
  var DEFAULT_PASS = 70;

  // ---------------------------------------------------------------------------------------------
  // Pure functions (exported for `node --test`; no DOM here).

  function format(template, vars) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole;
    });
  }

  // The combining-mark blocks rather than /\p{M}/u: that syntax is a parse error in older browsers
  // still found on school computers, and it would take the whole script down. Every Vietnamese mark
  // is in U+0300–U+036F. `đ` is a letter of its own, not `d` plus a mark, so it is mapped by hand.
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

  function foldDiacritics(s) {
    return String(s).normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
  }

  // Children type on phones and old keyboards: spacing, case and decomposed marks must not matter.
  function normalizeText(s, fold) {
    var t = String(s == null ? '' : s).normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
    return fold ? foldDiacritics(t) : t;
  }

  function uniqueInts(list) {
    var seen = {};
    var out = [];
    (list || []).forEach(function (v) {
      var n = typeof v === 'number' ? v : parseInt(v, 10);
      if (!isNaN(n) && !seen[n]) {
        seen[n] = true;
        out.push(n);
      }
    });
    return out.sort(function (a, b) { return a - b; });
  }

  /**
   * Grades one answer. How the question is answered (`answering`, or `q.answering`) is one of the
   * engine's ways (docs/theme.md): choose-one, choose-all, order, match, type. The page's markup says
   * which (`answeringOf`), not the type's name, so a new type answered in an existing way needs no change
   * here. `answer` is, by way: choose-one/all — the chosen option values (original indexes); order — the
   * `data-item` values in their current order; match — for each left item the chosen right index or
   * null; type — the typed string.
   * Returns {correct, answered, marks, feedback, missing}: `marks` maps an option/position/left index
   * to true (right) or false (wrong); `feedback` lists the option indexes whose feedback applies.
   */
  function gradeQuestion(q, answer, answering) {
    var how = answering || (q && q.answering);
    var r = { correct: false, answered: false, marks: {}, feedback: [], missing: false };
    if (how === 'choose-one' || how === 'choose-all') {
      var chosen = uniqueInts(answer);
      var right = uniqueInts(q.correct);
      r.answered = chosen.length > 0;
      chosen.forEach(function (i) {
        r.marks[i] = right.indexOf(i) >= 0;
        if (q.feedback && q.feedback[i]) r.feedback.push(i);
      });
      if (how === 'choose-all') {
        r.correct = chosen.length === right.length && chosen.every(function (v, k) { return v === right[k]; });
        r.missing = r.answered && right.some(function (i) { return chosen.indexOf(i) < 0; });
      } else {
        // A single question whose author listed several right options accepts any one of them.
        r.correct = chosen.length === 1 && right.indexOf(chosen[0]) >= 0;
      }
    } else if (how === 'order') {
      var items = (answer || []).map(function (v) { return parseInt(v, 10); });
      var count = typeof q.count === 'number' ? q.count : items.length;
      r.answered = items.length > 0;
      items.forEach(function (v, pos) { r.marks[pos] = v === pos; });
      r.correct = items.length === count && items.every(function (v, pos) { return v === pos; });
    } else if (how === 'match') {
      var expected = q.answer || [];
      var picks = answer || [];
      r.answered = picks.some(function (v) { return v !== null && v !== undefined && v !== ''; });
      var all = expected.length > 0;
      expected.forEach(function (want, i) {
        var got = picks[i];
        if (got === null || got === undefined || got === '') {
          all = false;
          return;
        }
        var ok = parseInt(got, 10) === want;
        r.marks[i] = ok;
        if (!ok) all = false;
      });
      r.correct = all;
    } else if (how === 'type') {
      var fold = !!q.fold_diacritics;
      var typed = normalizeText(answer, fold);
      r.answered = typed !== '';
      r.correct = r.answered && (q.accept || []).some(function (a) { return normalizeText(a, fold) === typed; });
    }
    return r;
  }

  // `answerings` (optional) lists each question's way of answering, else each question's `answering`.
  function gradeQuiz(data, answers, answerings) {
    var questions = (data && data.questions) || [];
    var results = questions.map(function (q, i) {
      return gradeQuestion(q, answers ? answers[i] : undefined, answerings ? answerings[i] : undefined);
    });
    var correct = results.filter(function (r) { return r.correct; }).length;
    var total = questions.length;
    var percent = total ? Math.round((correct * 100) / total) : 0;
    var pass = data && typeof data.pass === 'number' ? data.pass : DEFAULT_PASS;
    return { results: results, correct: correct, total: total, percent: percent, passed: percent >= pass };
  }

  function shuffle(list, random) {
    var rnd = random || Math.random;
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(rnd() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  // An order question that comes back already solved teaches nothing, so keep shuffling.
  function shuffleUnsolved(list, key, random) {
    if (list.length < 2) return list.slice();
    var a = list;
    for (var tries = 0; tries < 20; tries++) {
      a = shuffle(list, random);
      if (!a.every(function (x, pos) { return key(x) === pos; })) return a;
    }
    // Unlucky or a fixed random source: a rotation is never the solved order.
    var sorted = list.slice().sort(function (x, y) { return key(x) - key(y); });
    return sorted.slice(1).concat(sorted.slice(0, 1));
  }

  function validRecord(rec) {
    return !!rec && typeof rec === 'object' && typeof rec.best === 'number' && typeof rec.last === 'number' &&
      typeof rec.attempts === 'number';
  }

  // `correct` and `total` (optional) let the best score read as "6/6 câu"; records written before they
  // were kept, or for another number of questions, fall back to the percentage.
  function nextRecord(prev, percent, correct, total) {
    var p = validRecord(prev) ? prev : null;
    var rec = {
      best: p ? Math.max(p.best, percent) : percent,
      last: percent,
      attempts: (p ? p.attempts : 0) + 1
    };
    if (typeof correct === 'number' && typeof total === 'number' && total > 0) {
      var same = p && p.total === total && typeof p.best_correct === 'number';
      rec.best_correct = same ? Math.max(p.best_correct, correct) : (p && p.best > percent ? Math.round((p.best * total) / 100) : correct);
      rec.total = total;
    }
    return rec;
  }

  // The line under the score: "Điểm cao nhất: 6/6 câu (100%)…", or the percentage for older records.
  function bestText(S, rec) {
    if (!validRecord(rec)) return '';
    var counted = typeof rec.best_correct === 'number' && typeof rec.total === 'number' && rec.total > 0;
    return format(counted ? S.quiz_best_count : S.quiz_best, rec);
  }

  // How a question is answered, read from the form's markup (_quiz_form.html draws it from the engine's
  // table of question types): the controls, not the type's name.
  function answeringOf(qEl) {
    if (qEl.querySelector('.quiz-order')) return 'order';
    if (qEl.querySelector('.quiz-match')) return 'match';
    var choice = qEl.querySelector('.quiz-options input');
    if (choice) return choice.type === 'checkbox' ? 'choose-all' : 'choose-one';
    if (qEl.querySelector('input[type="text"], input:not([type])')) return 'type';
    return null;
  }

  var api = {
    DEFAULT_STRINGS: DEFAULT_STRINGS,
    answeringOf: answeringOf,
    STORAGE_PREFIX: STORAGE_PREFIX,
    format: format,
    foldDiacritics: foldDiacritics,
    normalizeText: normalizeText,
    gradeQuestion: gradeQuestion,
    gradeQuiz: gradeQuiz,
    shuffle: shuffle,
    shuffleUnsolved: shuffleUnsolved,
    nextRecord: nextRecord,
    bestText: bestText,
    validRecord: validRecord
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---------------------------------------------------------------------------------------------
  // Browser part.

  function loadStrings() {
    var s = {};
    Object.keys(DEFAULT_STRINGS).forEach(function (k) { s[k] = DEFAULT_STRINGS[k]; });
    var el = document.getElementById('hl-strings');
    if (el) {
      try {
        var page = JSON.parse(el.textContent);
        Object.keys(page).forEach(function (k) {
          if (typeof page[k] === 'string' && page[k] !== '') s[k] = page[k];
        });
      } catch (e) { /* a broken strings block must not stop the quiz: defaults are fine */ }
    }
    return s;
  }

  // file:// pages, private windows and strict settings may throw on any localStorage access;
  // results then last for this page view only.
  var memory = {};
  var store = {
    get: function (k) {
      var v = null;
      try {
        var raw = window.localStorage.getItem(k);
        if (raw !== null) v = JSON.parse(raw);
      } catch (e) { v = null; }
      if (!validRecord(v)) v = memory[k] || null;
      return v;
    },
    set: function (k, v) {
      memory[k] = v;
      try { window.localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* kept in memory */ }
    },
    remove: function (k) {
      delete memory[k];
      try { window.localStorage.removeItem(k); } catch (e) { /* nothing stored */ }
    }
  };

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function iconText(className, icon, text) {
    var wrap = el('span', className);
    var i = el('span', 'quiz-icon', icon);
    i.setAttribute('aria-hidden', 'true');
    wrap.appendChild(i);
    wrap.appendChild(document.createTextNode(' ' + text));
    return wrap;
  }

  // Setting the same text twice is not announced again; a trailing no-break space makes it new.
  function say(region, message) {
    region.textContent = region.textContent === message ? message + '\u00a0' : message;
  }

  var uid = 0;

  function setupQuiz(section, S) {
    if (section.getAttribute('data-quiz-ready') === 'true') return;
    var dataEl = section.querySelector('script.quiz-data');
    var form = section.querySelector('form.quiz-form');
    var actions = section.querySelector('.quiz-actions');
    var checkBtn = section.querySelector('.quiz-check');
    var retryBtn = section.querySelector('.quiz-retry');
    var clearBtn = section.querySelector('.quiz-clear');
    var status = section.querySelector('.quiz-status');
    var bestEl = section.querySelector('.quiz-best');
    if (!dataEl || !form || !actions || !checkBtn || !retryBtn || !status) return;
    var data;
    try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
    var qEls = Array.prototype.slice.call(section.querySelectorAll('.quiz-q'));
    // Markup and data disagreeing means a stale or hand-edited page: leave the no-JS form alone.
    if (!data || !Array.isArray(data.questions) || data.questions.length !== qEls.length) return;
    section.setAttribute('data-quiz-ready', 'true');

    var storeKey = STORAGE_PREFIX + (data.key || section.getAttribute('data-quiz-key') || section.id);
    // Young readers' levels get friendlier words (body class set by the level's presentation).
    var body = document.body ? document.body.classList : null;
    var tone = body && body.contains('present-preschool') ? '_preschool' : body && body.contains('present-young') ? '_young' : '';
    // A string in the level's tone when the theme has one ("bé" for preschool), else the common one.
    function T(key) { return S[key + tone] || S[key]; }

    // A passed quiz finishes its lesson (lesson.js shows it on the lesson and on its level's page).
    function markDone() {
      var page = String(data.key || section.getAttribute('data-quiz-key') || '').split('#')[0];
      if (!page) return;
      try { window.localStorage.setItem('hoclieu:done:' + page, '1'); } catch (e) { return; }
      try { document.dispatchEvent(new Event('hoclieu:done')); } catch (e) { /* old browser: shown on reload */ }
    }
    var graded = false;
    var live = el('p', 'visually-hidden quiz-live');
    live.setAttribute('aria-live', 'polite');
    form.appendChild(live);

    var questions = qEls.map(function (qEl, i) {
      var orderList = qEl.querySelector('.quiz-order');
      return {
        el: qEl,
        data: data.questions[i],
        answering: answeringOf(qEl),
        fieldset: qEl.querySelector('fieldset'),
        feedback: qEl.querySelector('.quiz-feedback'),
        answer: qEl.querySelector('details.quiz-answer'),
        optionList: qEl.querySelector('.quiz-options'),
        orderList: orderList,
        orderStart: orderList ? Array.prototype.slice.call(orderList.children) : []
      };
    });

    function hideAnswers() {
      questions.forEach(function (q) {
        if (q.answer) {
          q.answer.open = false;
          q.answer.hidden = true;
        }
        if (q.feedback) {
          q.feedback.hidden = true;
          q.feedback.textContent = '';
        }
      });
    }

    function updateEdges(list) {
      var items = Array.prototype.slice.call(list.children);
      items.forEach(function (li, pos) {
        var up = li.querySelector('.quiz-move[data-dir="up"]');
        var down = li.querySelector('.quiz-move[data-dir="down"]');
        if (up) up.setAttribute('aria-disabled', pos === 0 ? 'true' : 'false');
        if (down) down.setAttribute('aria-disabled', pos === items.length - 1 ? 'true' : 'false');
      });
    }

    function itemText(li) {
      var t = li.querySelector('.quiz-order-text');
      return (t ? t.textContent : li.textContent).trim();
    }

    function move(btn) {
      var li = btn.closest('li');
      var list = li && li.parentElement;
      if (!list || graded) return;
      var items = Array.prototype.slice.call(list.children);
      var pos = items.indexOf(li);
      var up = btn.getAttribute('data-dir') === 'up';
      var target = up ? pos - 1 : pos + 1;
      if (target < 0 || target >= items.length) {
        say(live, format(up ? T('quiz_at_top') : T('quiz_at_bottom'), { item: itemText(li) }));
        return;
      }
      // Move the neighbour rather than the focused item: the focused button never leaves the DOM,
      // so focus and the screen reader's place stay put.
      if (up) list.insertBefore(items[target], li.nextSibling);
      else list.insertBefore(items[target], li);
      if (document.activeElement !== btn) btn.focus();
      updateEdges(list);
      say(live, format(T('quiz_moved'), { item: itemText(li), position: target + 1, count: items.length }));
    }

    function readAnswer(q) {
      var how = q.answering;
      var root = q.el;
      if (how === 'choose-one' || how === 'choose-all') {
        return Array.prototype.slice.call(root.querySelectorAll('.quiz-options input'))
          .filter(function (i) { return i.checked; })
          .map(function (i) { return parseInt(i.value, 10); });
      }
      if (how === 'order') {
        return q.orderList ? Array.prototype.slice.call(q.orderList.children).map(function (li) {
          return parseInt(li.getAttribute('data-item'), 10);
        }) : [];
      }
      if (how === 'match') {
        return Array.prototype.slice.call(root.querySelectorAll('.quiz-match select')).map(function (s) {
          return s.value === '' ? null : parseInt(s.value, 10);
        });
      }
      if (how === 'type') {
        var input = root.querySelector('input[type="text"], input:not([type])');
        return input ? input.value : '';
      }
      return null;
    }

    // A mark next to a control it does not label is tied to it with aria-describedby.
    function describe(control, mark) {
      uid += 1;
      mark.id = 'quiz-mark-' + uid;
      control.setAttribute('aria-describedby', mark.id);
      control.setAttribute('data-quiz-described', 'true');
    }

    function mark(ok, text) {
      return iconText('quiz-mark ' + (ok ? 'quiz-mark-correct' : 'quiz-mark-wrong'), ok ? ICON_CORRECT : ICON_WRONG, text);
    }

    function showResult(q, r) {
      var how = q.answering;
      q.el.classList.add(r.correct ? 'is-correct' : 'is-wrong');

      if (how === 'choose-one' || how === 'choose-all') {
        Array.prototype.slice.call(q.el.querySelectorAll('.quiz-options input')).forEach(function (input) {
          var v = parseInt(input.value, 10);
          if (!Object.prototype.hasOwnProperty.call(r.marks, v)) return;
          var ok = r.marks[v];
          var label = input.closest('label') || input.parentElement;
          label.appendChild(document.createTextNode(' '));
          label.appendChild(mark(ok, ok ? T('quiz_mark_correct') : T('quiz_mark_wrong')));
          var li = input.closest('li');
          if (li) li.classList.add(ok ? 'is-correct' : 'is-wrong');
        });
      } else if (how === 'order' && q.orderList) {
        Array.prototype.slice.call(q.orderList.children).forEach(function (li, pos) {
          var ok = !!r.marks[pos];
          li.classList.add(ok ? 'is-correct' : 'is-wrong');
          var m = mark(ok, ok ? T('quiz_place_correct') : T('quiz_place_wrong'));
          var text = li.querySelector('.quiz-order-text');
          li.insertBefore(m, text ? text.nextSibling : null);
          li.insertBefore(document.createTextNode(' '), m);
        });
      } else if (how === 'match') {
        Array.prototype.slice.call(q.el.querySelectorAll('.quiz-match select')).forEach(function (sel, i) {
          if (!Object.prototype.hasOwnProperty.call(r.marks, i)) return;
          var ok = r.marks[i];
          var m = mark(ok, ok ? T('quiz_mark_correct') : T('quiz_mark_wrong'));
          sel.parentNode.insertBefore(m, sel.nextSibling);
          sel.parentNode.insertBefore(document.createTextNode(' '), m);
          describe(sel, m);
          var row = sel.closest('p, li, div');
          if (row && row.classList) row.classList.add(ok ? 'is-correct' : 'is-wrong');
        });
      } else if (how === 'type' && r.answered) {
        var input = q.el.querySelector('input[type="text"], input:not([type])');
        if (input) {
          // A typed answer was written, not chosen: "đúng" / "chưa đúng", not "em chọn…".
          var tm = mark(r.correct, r.correct ? T('quiz_typed_correct') : T('quiz_typed_wrong'));
          input.parentNode.insertBefore(tm, input.nextSibling);
          input.parentNode.insertBefore(document.createTextNode(' '), tm);
          describe(input, tm);
        }
      }

      if (q.feedback) {
        var fb = q.feedback;
        fb.textContent = '';
        var badge = el('p', 'quiz-badge');
        badge.appendChild(iconText('quiz-verdict', r.correct ? ICON_CORRECT : ICON_WRONG, r.correct ? T('quiz_correct') : T('quiz_wrong')));
        fb.appendChild(badge);
        if (!r.answered) fb.appendChild(el('p', 'quiz-hint', T('quiz_unanswered')));
        else if (r.missing) fb.appendChild(el('p', 'quiz-hint', T('quiz_missing')));
        r.feedback.forEach(function (i) {
          // Feedback and explanations are HTML rendered from the lesson's Markdown by the engine.
          var d = el('div', 'quiz-option-feedback');
          d.innerHTML = q.data.feedback[i];
          fb.appendChild(d);
        });
        if (q.data.explain) {
          var ex = el('div', 'quiz-explain');
          ex.appendChild(el('p', 'quiz-explain-title', T('quiz_explain')));
          var body = el('div', 'quiz-explain-body');
          body.innerHTML = q.data.explain;
          ex.appendChild(body);
          fb.appendChild(ex);
        }
        fb.hidden = false;
      }
      if (q.answer) q.answer.hidden = false;
    }

    function clearMarks() {
      Array.prototype.slice.call(section.querySelectorAll('.quiz-mark')).forEach(function (m) {
        var prev = m.previousSibling;
        if (prev && prev.nodeType === 3 && prev.nodeValue === ' ') prev.parentNode.removeChild(prev);
        m.parentNode.removeChild(m);
      });
      Array.prototype.slice.call(section.querySelectorAll('[data-quiz-described]')).forEach(function (c) {
        c.removeAttribute('aria-describedby');
        c.removeAttribute('data-quiz-described');
      });
      Array.prototype.slice.call(section.querySelectorAll('.is-correct, .is-wrong')).forEach(function (n) {
        n.classList.remove('is-correct', 'is-wrong');
      });
    }

    // "Xóa kết quả" appears only once there is something stored to clear.
    function renderBest(rec) {
      if (bestEl) bestEl.textContent = bestText({ quiz_best: T('quiz_best'), quiz_best_count: T('quiz_best_count') }, rec);
      if (clearBtn) clearBtn.hidden = !validRecord(rec);
    }

    function firstControl(q) {
      return q.el.querySelector('input:not([disabled]), select:not([disabled]), button:not([disabled]), textarea:not([disabled])');
    }

    function check(ev) {
      ev.preventDefault();
      if (graded) return;
      var result = gradeQuiz(data, questions.map(readAnswer), questions.map(function (q) { return q.answering; }));
      graded = true;
      questions.forEach(function (q, i) { showResult(q, result.results[i]); });
      // Locked until "Làm lại", so the marks always describe what is on screen.
      questions.forEach(function (q) { if (q.fieldset) q.fieldset.disabled = true; });
      var rec = nextRecord(store.get(storeKey), result.percent, result.correct, result.total);
      store.set(storeKey, rec);
      renderBest(rec);
      checkBtn.hidden = true;
      retryBtn.hidden = false;
      status.textContent = format(T('quiz_score'), result) + ' ' + (result.passed ? T('quiz_pass') : T('quiz_fail'));
      if (result.passed) markDone();
      status.setAttribute('data-result', result.passed ? 'pass' : 'fail');
      // The score sits at the top of the quiz; focus there reads it out and shows it, and the marks
      // below are met in order from it.
      status.focus();
    }

    function retry() {
      graded = false;
      clearMarks();
      hideAnswers();
      questions.forEach(function (q) { if (q.fieldset) q.fieldset.disabled = false; });
      form.reset();
      questions.forEach(function (q) {
        if (data.shuffle && q.optionList && !FIXED_OPTIONS[q.data.type]) {
          shuffle(Array.prototype.slice.call(q.optionList.children)).forEach(function (li) { q.optionList.appendChild(li); });
        }
        if (q.orderList) {
          var items = data.shuffle
            ? shuffleUnsolved(Array.prototype.slice.call(q.orderList.children), function (li) {
              return parseInt(li.getAttribute('data-item'), 10);
            })
            : q.orderStart;
          items.forEach(function (li) { q.orderList.appendChild(li); });
          updateEdges(q.orderList);
        }
      });
      live.textContent = '';
      status.textContent = '';
      status.removeAttribute('data-result');
      checkBtn.hidden = false;
      retryBtn.hidden = true;
      var first = questions.length ? firstControl(questions[0]) : null;
      if (first) first.focus();
      else checkBtn.focus();
    }

    function clearResults() {
      // A child's saved score goes only when they meant it to.
      if (typeof window.confirm === 'function' && !window.confirm(T('quiz_clear_confirm'))) return;
      store.remove(storeKey);
      renderBest(null);
      status.removeAttribute('data-result');
      status.textContent = T('quiz_cleared');
      // The button just went away; the message is the next place to be.
      status.focus();
    }

    hideAnswers();
    // The score and the best score go to the top of the quiz, under its title, where a child looks
    // first after checking (the engine writes them after the buttons, where they are read without JS).
    var title = section.querySelector('h2, h3');
    var top = el('div', 'quiz-result');
    top.appendChild(status);
    if (bestEl) top.appendChild(bestEl);
    if (title && title.parentNode === section) section.insertBefore(top, title.nextSibling);
    else form.insertBefore(top, form.firstChild);
    // Without the script an order question's hint would name buttons that are not there (style.css
    // shows it only under .quiz-js).
    section.classList.add('quiz-js');
    // The engine renders the ↑/↓ buttons hidden: without this script they would do nothing. They take the
    // place of the position selects a child uses without it (the hints swap in style.css).
    Array.prototype.slice.call(section.querySelectorAll('.quiz-move')).forEach(function (b) { b.hidden = false; });
    Array.prototype.slice.call(section.querySelectorAll('.quiz-order .quiz-position')).forEach(function (p) {
      p.parentNode.removeChild(p);
    });
    questions.forEach(function (q) { if (q.orderList) updateEdges(q.orderList); });
    status.setAttribute('tabindex', '-1');
    form.addEventListener('submit', check);
    form.addEventListener('click', function (ev) {
      var btn = ev.target.closest && ev.target.closest('.quiz-move');
      if (btn && form.contains(btn)) {
        ev.preventDefault();
        move(btn);
      }
    });
    retryBtn.addEventListener('click', retry);
    if (clearBtn) clearBtn.addEventListener('click', clearResults);
    renderBest(store.get(storeKey));
    checkBtn.hidden = false;
    retryBtn.hidden = true;
    actions.hidden = false;
  }

  function start() {
    var S = loadStrings();
    Array.prototype.slice.call(document.querySelectorAll('section.quiz')).forEach(function (section) {
      try {
        setupQuiz(section, S);
      } catch (e) {
        // One broken quiz must not take the others down; its no-JS form still works.
        if (window.console) window.console.error(e);
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
