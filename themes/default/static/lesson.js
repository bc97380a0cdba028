/*
 * Lessons and level pages: which lessons this child has finished, and "Nghe đọc" (read aloud).
 * Everything stays on the device: progress in localStorage (like quiz scores), speech through the
 * browser's own speechSynthesis with a voice the device already has. Without this script the pages
 * read exactly the same; the buttons it needs are rendered hidden and shown only when they work.
 */
(function () {
  'use strict';

  var DONE_PREFIX = 'hoclieu:done:';

  // file:// pages and strict settings may refuse storage: then nothing is remembered.
  function isDone(key) {
    try { return window.localStorage.getItem(DONE_PREFIX + key) === '1'; } catch (e) { return false; }
  }

  function setDone(key, done) {
    try {
      if (done) window.localStorage.setItem(DONE_PREFIX + key, '1');
      else window.localStorage.removeItem(DONE_PREFIX + key);
    } catch (e) { /* nothing to remember with */ }
  }

  function each(selector, root, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  // ---------------------------------------------------------------------------------------------
  // Finished lessons.

  function setupDone() {
    var box = document.querySelector('.lesson-done[data-done-key]');
    if (box) {
      var key = box.getAttribute('data-done-key');
      var button = box.querySelector('button');
      var badge = document.querySelector('.lesson-header .done-badge');
      var show = function () {
        var done = isDone(key);
        button.setAttribute('aria-pressed', done ? 'true' : 'false');
        if (badge) badge.hidden = !done;
      };
      button.addEventListener('click', function () {
        setDone(key, !isDone(key));
        show();
      });
      // quiz.js marks the lesson finished when its quiz is passed.
      document.addEventListener('hoclieu:done', show);
      show();
      box.hidden = false;
    }

    var items = document.querySelectorAll('.lesson-item[data-done-key]');
    if (items.length) {
      var done = 0;
      each('.lesson-item[data-done-key]', document, function (item) {
        var d = isDone(item.getAttribute('data-done-key'));
        var b = item.querySelector('.done-badge');
        if (b) b.hidden = !d;
        if (d) done += 1;
      });
      var progress = document.querySelector('.level-progress[data-progress]');
      if (progress && done > 0) {
        progress.textContent = progress.getAttribute('data-progress')
          .replace('{done}', String(done)).replace('{count}', String(items.length));
        progress.hidden = false;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Read aloud.

  // The voice for the page's language, or null: without one the button stays hidden rather than
  // reading Vietnamese with an English voice.
  function pickVoice(synth, lang) {
    var voices = synth.getVoices() || [];
    var want = String(lang || 'vi').toLowerCase().split('-')[0];
    for (var i = 0; i < voices.length; i++) {
      var l = String(voices[i].lang || '').toLowerCase().replace('_', '-');
      if (l === want || l.lastIndexOf(want + '-', 0) === 0) return voices[i];
    }
    return null;
  }

  // The blocks to read, in order: headings, paragraphs and list items of the lesson's text, not the
  // quiz (read question by question) nor notes for adults.
  function lessonBlocks(body) {
    var out = [];
    each('h2, h3, h4, p, li, td, th, figcaption', body, function (e) {
      if (e.closest('.quiz, .audience, [hidden]')) return;
      // A list item made of paragraphs or lists is read through them.
      if (e.tagName === 'LI' && e.querySelector('p, ul, ol')) return;
      if ((e.textContent || '').trim()) out.push(e);
    });
    return out;
  }

  function questionBlocks(q) {
    var out = [];
    var legend = q.querySelector('.quiz-legend');
    if (legend) out.push(legend);
    each('.quiz-options label, .quiz-order-text, .quiz-match label', q, function (e) { out.push(e); });
    return out;
  }

  function setupReadAloud() {
    var wrap = document.querySelector('.read-aloud');
    var synth = window.speechSynthesis;
    if (!wrap || !synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
    var button = wrap.querySelector('.read-aloud-button');
    var label = wrap.querySelector('.read-aloud-label');
    var body = document.querySelector('.lesson-body');
    if (!button || !label || !body) return;
    var lang = document.documentElement.getAttribute('lang') || 'vi';
    var startText = label.textContent;
    var stopText = button.getAttribute('data-stop') || startText;
    var questionText = button.getAttribute('data-question') || startText;
    var voice = null;
    var queue = [];
    var current = null;
    var activeButton = null;
    var ready = false;

    function mark(el) {
      if (current) current.classList.remove('is-reading');
      current = el;
      if (el) {
        el.classList.add('is-reading');
        if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
      }
    }

    function setPlaying(btn, playing) {
      var l = btn.querySelector('.read-aloud-label');
      if (l) l.textContent = playing ? stopText : (btn === button ? startText : questionText);
      btn.setAttribute('aria-pressed', playing ? 'true' : 'false');
    }

    function stop() {
      queue = [];
      if (synth.speaking || synth.pending) synth.cancel();
      mark(null);
      if (activeButton) setPlaying(activeButton, false);
      activeButton = null;
    }

    function next() {
      var el = queue.shift();
      if (!el) {
        stop();
        return;
      }
      var text = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
      if (!text) {
        next();
        return;
      }
      var u = new window.SpeechSynthesisUtterance(text);
      u.lang = voice.lang || lang;
      u.voice = voice;
      u.rate = 0.9;
      u.onend = function () { if (current === el) next(); };
      u.onerror = function () { if (current === el) stop(); };
      mark(el);
      synth.speak(u);
    }

    function play(btn, blocks) {
      var again = activeButton === btn;
      stop();
      if (again) return; // the same button a second time: stop
      activeButton = btn;
      setPlaying(btn, true);
      queue = blocks.slice();
      next();
    }

    function addQuestionButtons() {
      each('.quiz-q', document, function (q) {
        var legend = q.querySelector('.quiz-legend');
        if (!legend || q.querySelector('.read-aloud-q')) return;
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'read-aloud-q';
        b.setAttribute('aria-pressed', 'false');
        var icon = button.querySelector('svg');
        if (icon) b.appendChild(icon.cloneNode(true));
        var l = document.createElement('span');
        l.className = 'read-aloud-label';
        l.textContent = questionText;
        b.appendChild(document.createTextNode(' '));
        b.appendChild(l);
        b.addEventListener('click', function () { play(b, questionBlocks(q)); });
        // After the legend, outside it: a button inside a legend would become part of its name.
        var fieldset = q.querySelector('fieldset');
        if (fieldset && legend.parentNode === fieldset) fieldset.insertBefore(b, legend.nextSibling);
      });
    }

    function enable() {
      if (ready) return;
      voice = pickVoice(synth, lang);
      if (!voice) return;
      ready = true;
      wrap.hidden = false;
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () { play(button, lessonBlocks(body)); });
      addQuestionButtons();
      document.addEventListener('keydown', function (ev) {
        if (ev.key === 'Escape' && activeButton) {
          var b = activeButton;
          stop();
          b.focus();
        }
      });
      window.addEventListener('pagehide', stop);
    }

    enable();
    // Voices often arrive after the page has loaded.
    if (!ready && typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', enable);
  }

  function start() {
    setupDone();
    setupReadAloud();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
