// The site as children, parents and teachers meet it (issue 14): the home page's first phone screen, the
// phone menu without JavaScript, help lines by audience, the teacher guide's steps, the 404 page at any
// depth, print page counts, read-aloud with a mocked speechSynthesis, and axe-core with every rule (best
// practices included) on every kind of page, in light and dark.
//
// Site under test: HOCLIEU_SITE (a built site). Without it these tests are skipped.
// HOCLIEU_STUDENT_SITE=<folder> a `--audience student` build: axe on its pages too, and no unverified line.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { serve, pageUrl, walk } = require('./helpers/site');
const B = require('./helpers/browser');
const PDF = require('./helpers/pdf');

const TEST_TIMEOUT = 300_000;
const SITE = process.env.HOCLIEU_SITE ? path.resolve(process.env.HOCLIEU_SITE) : null;
const STUDENT_SITE = process.env.HOCLIEU_STUDENT_SITE ? path.resolve(process.env.HOCLIEU_STUDENT_SITE) : null;
const SKIP = SITE ? false : 'HOCLIEU_SITE is not set (build a site, then HOCLIEU_SITE=public tests/browser/run.sh)';
const squash = (s) => String(s || '').replace(/\s+/g, ' ').trim();

const bodyClass = (html) => (/<body[^>]*class="?([^">]*)"?/.exec(html) || [])[1] || '';

// One page of each kind, found by the <body> class the templates give it.
async function pageKinds(root) {
  const html = (await walk(root)).filter((p) => p.endsWith('.html')).sort();
  const kinds = {};
  const classes = {
    home: 'page-home', level: 'page-level', lesson: 'page-lesson', guide: 'page-guide', booklet: 'page-booklet',
    teachers: 'page-teachers', parents: 'page-parents', worksheet: 'page-worksheet', key: 'page-answer-key',
    poster: 'material-page-poster', letter: 'material-page-letter', handout: 'material-page-handout',
    student: 'page-session-student', notfound: 'page-404',
  };
  for (const rel of html) {
    const cls = bodyClass(await fsp.readFile(path.join(root, rel), 'utf8')).split(/\s+/);
    for (const [kind, c] of Object.entries(classes)) if (!kinds[kind] && cls.includes(c)) kinds[kind] = rel;
  }
  if (fs.existsSync(path.join(root, 'giao-vien/nang-luc.html'))) kinds.coverage = 'giao-vien/nang-luc.html';
  if (fs.existsSync(path.join(root, 'tim-kiem/index.html'))) kinds.search = 'tim-kiem/index.html';
  if (fs.existsSync(path.join(root, 'cha-me/index.html'))) kinds.parentsIndex = 'cha-me/index.html';
  return { kinds, html };
}

// axe with every rule it has (WCAG and best practices), not only the WCAG tags.
let axeSource;
async function axeAll(page) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

let browser;
let server;
let site;
let kinds;
let htmlFiles;

before(async () => {
  if (!SITE) return;
  site = { root: SITE };
  ({ kinds, html: htmlFiles } = await pageKinds(SITE));
  server = await serve(SITE);
  browser = await B.launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

describe('children first', { skip: SKIP }, () => {
  it('home at 375×812: header ≤ 120 px, four large level tiles with icon and words, and help, all on the first screen', { timeout: TEST_TIMEOUT }, async () => {
    const context = await B.guardedContext(browser, { transport: 'http', origin: server.origin, viewport: { width: 375, height: 812 } });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(site, server, 'http', kinds.home));
      const m = await page.evaluate(() => {
        const box = (e) => e.getBoundingClientRect();
        const tiles = [...document.querySelectorAll('.level-tile a')].map((a) => ({
          top: box(a).top, bottom: box(a).bottom, height: box(a).height, width: box(a).width,
          text: a.innerText.replace(/\s+/g, ' ').trim(),
          icon: !!a.querySelector('svg[aria-hidden="true"]'),
          border: getComputedStyle(a).borderLeftColor,
          href: a.getAttribute('href'),
        }));
        const help = document.querySelector('.help-now-link');
        const call = document.querySelector('.help-now-call');
        return {
          header: box(document.querySelector('.site-header')).height,
          levels: document.querySelectorAll('.site-nav-wide a').length,
          tiles,
          help: help && { bottom: box(help).bottom, href: help.getAttribute('href'), text: help.innerText },
          call: call && { bottom: box(call).bottom, href: call.getAttribute('href'), text: call.innerText },
          scrollWidth: document.documentElement.scrollWidth,
        };
      });
      assert.ok(m.header <= 120, `the phone header is ${m.header} px tall`);
      assert.equal(m.tiles.length, 4, 'four level tiles');
      for (const t of m.tiles) {
        assert.ok(t.bottom <= 812, `tile "${t.text}" is on the first screen (bottom ${t.bottom})`);
        assert.ok(t.height >= 64 && t.width >= 300, `tile "${t.text}" is large (${t.width}×${t.height})`);
        assert.ok(t.icon, `tile "${t.text}" has an icon`);
        assert.match(t.text, /\S+.*\d/, `tile "${t.text}" has words (name, ages or grades)`);
      }
      assert.equal(new Set(m.tiles.map((t) => t.border)).size, 4, `each level has its own colour: ${m.tiles.map((t) => t.border)}`);
      assert.ok(m.help && m.help.bottom <= 812, '"Cần giúp ngay?" is on the first screen');
      assert.ok(m.call && m.call.bottom <= 812 && m.call.href === 'tel:111', `the call link to 111 is on the first screen: ${JSON.stringify(m.call)}`);
      assert.ok(m.scrollWidth <= 375, 'no sideways scrolling');
      // The help page it links to has 111.
      await page.click('.help-now-link');
      assert.ok((await page.content()).includes('111'), 'the help page names 111');
      B.assertGuardClean(context.guard, assert);
    } finally {
      await context.close();
    }
  });

  it('the phone menu opens without JavaScript, and help is one tap away on every page', { timeout: TEST_TIMEOUT }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    try {
      const page = await context.newPage();
      for (const kind of ['home', 'level', 'lesson', 'worksheet', 'parents', 'teachers']) {
        if (!kinds[kind]) continue;
        await page.goto(pageUrl(site, server, 'http', kinds[kind]));
        assert.ok(await page.isVisible('.header-help'), `${kinds[kind]}: "Cần giúp?" is in the header`);
        const headerHeight = await page.$eval('.site-header', (h) => h.getBoundingClientRect().height);
        assert.ok(headerHeight <= 120, `${kinds[kind]}: header ${headerHeight} px`);
      }
      await page.goto(pageUrl(site, server, 'http', kinds.home));
      assert.equal(await page.locator('.site-nav a:visible').count(), 0, 'the menu starts folded');
      await page.click('.site-menu > summary');
      assert.ok((await page.locator('.site-menu .site-nav a:visible').count()) >= 4, 'the menu opens without JavaScript');
    } finally {
      await context.close();
    }
  });

  it('lesson pages say "Bài n/N", remember finished lessons locally and show them on the level page', { timeout: TEST_TIMEOUT }, async () => {
    const context = await B.guardedContext(browser, { transport: 'http', origin: server.origin });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(site, server, 'http', kinds.lesson));
      assert.match(squash(await page.textContent('.lesson-place')), /Bài \d+\/\d+/);
      const key = await page.getAttribute('.lesson-done', 'data-done-key');
      await page.click('.lesson-done button');
      assert.equal(await page.getAttribute('.lesson-done button', 'aria-pressed'), 'true');
      assert.equal(await page.evaluate((k) => localStorage.getItem(`hoclieu:done:${k}`), key), '1');
      assert.ok(await page.isVisible('.lesson-header .done-badge'));
      await page.click('.lesson-place a');
      await page.waitForURL((u) => !u.href.includes(kinds.lesson));
      const item = page.locator(`.lesson-item[data-done-key="${key}"] .done-badge`);
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      assert.ok(await item.isVisible(), 'the level page marks the finished lesson');
      assert.match(squash(await page.textContent('.level-progress')), /1\/\d+/);
      assert.deepEqual(await context.cookies(), [], 'no cookies');
      B.assertGuardClean(context.guard, assert);
    } finally {
      await context.close();
    }
  });
});

describe('per-level presentation', { skip: SKIP }, () => {
  const withClass = async (cls, extra) => {
    for (const rel of htmlFiles) {
      const html = await fsp.readFile(path.join(SITE, rel), 'utf8');
      if (bodyClass(html).split(/\s+/).includes(cls) && (!extra || html.includes(extra))) return rel;
    }
    return null;
  };

  it('preschool and grades 1–3 lessons get larger type than older levels, and the preschool quiz says "bé"', { timeout: TEST_TIMEOUT }, async () => {
    const young = await withClass('present-preschool', 'class="quiz"');
    const older = await withClass('present-standard', 'class="quiz"');
    assert.ok(young && older, 'a preschool lesson and an older one, both with quizzes');
    const page = await browser.newPage();
    try {
      const size = async (rel) => {
        await page.goto(pageUrl(site, server, 'http', rel));
        return page.$eval('.lesson-body p', (p) => parseFloat(getComputedStyle(p).fontSize));
      };
      const youngSize = await size(young);
      assert.ok(youngSize >= 22 && youngSize > (await size(older)), `preschool text is ${youngSize} px`);
      await page.goto(pageUrl(site, server, 'http', young));
      await page.waitForSelector('section.quiz[data-quiz-ready="true"]');
      await page.click('section.quiz .quiz-check');
      assert.match(squash(await page.textContent('section.quiz .quiz-status')), /^★? ?Bé /, 'the score speaks to "bé"');
    } finally {
      await page.close();
    }
  });

  it('worksheets carry their lesson\'s title; preschool sheets ask for no writing', async () => {
    const sheets = [];
    for (const rel of htmlFiles) if (/\/phieu-\d+\.html$/.test(rel)) sheets.push(rel);
    assert.ok(sheets.length > 0);
    const titles = new Set();
    for (const rel of sheets) {
      const html = await fsp.readFile(path.join(SITE, rel), 'utf8');
      const h1 = squash((/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html) || [])[1]);
      titles.add(h1);
      const lesson = await fsp.readFile(path.join(SITE, path.dirname(rel), 'index.html'), 'utf8');
      assert.equal(h1, squash((/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(lesson) || [])[1]), `${rel}: its h1 is its lesson's title`);
      if (bodyClass(html).includes('present-preschool')) {
        assert.ok(!html.includes('sheet-fields'), `${rel}: no name/class/date lines for 3–6-year-olds`);
        assert.ok(html.includes('sheet-adult'), `${rel}: an instruction for the adult`);
        assert.ok(!html.includes('☐'), `${rel}: no small tick boxes`);
      }
    }
    assert.equal(titles.size, new Set(sheets.map((r) => path.dirname(r))).size, 'no two lessons\' worksheets share a title');
  });
});

describe('search from the header', { skip: SKIP }, () => {
  it('one search form on the search page; no from= from the home page, the level from a lesson', { timeout: TEST_TIMEOUT }, async () => {
    const context = await B.guardedContext(browser, { transport: 'http', origin: server.origin });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(site, server, 'http', kinds.home));
      await page.fill('#search-q', 'mat khau');
      await page.press('#search-q', 'Enter');
      await page.waitForURL(/tim-kiem/);
      assert.ok(!page.url().includes('from='), `a search from the home page adds nothing: ${page.url()}`);
      assert.equal(await page.locator('form[role="search"]:visible').count(), 1, 'one search form on the search page');
      assert.equal(await page.locator('form[role="search"]').count(), 1, 'the header\'s forms are left out there');
      await page.goto(pageUrl(site, server, 'http', kinds.lesson));
      const level = kinds.lesson.split('/')[0];
      await page.fill('#search-q', 'mat khau');
      await page.press('#search-q', 'Enter');
      await page.waitForURL(/tim-kiem/);
      assert.ok(page.url().includes(`from=${level}`), `a search from a lesson prefers its level: ${page.url()}`);
    } finally {
      await context.close();
    }
  });
});

describe('teacher guide and help lines', { skip: SKIP }, () => {
  it('every agenda row is a step, in order, with its own minutes; a lesson\'s plan is shown once', async () => {
    const guides = htmlFiles.filter((p) => /^[^/]+\/buoi-ngoai-khoa-[^/]+\/index\.html$/.test(p));
    assert.ok(guides.length > 0, 'no teacher guide in the site');
    const page = await browser.newPage();
    try {
      for (const g of guides) {
        await page.goto(pageUrl(site, server, 'http', g));
        const r = await page.evaluate(() => {
          const text = (e) => (e ? e.innerText.replace(/\s+/g, ' ').trim() : '');
          const rows = [...document.querySelectorAll('table.agenda tbody tr')].map((tr) => ({
            time: text(tr.querySelector('.agenda-time')), minutes: text(tr.querySelector('.agenda-minutes')),
            // The activity without its "Câu hỏi ôn tập" tag.
            title: (() => { const th = tr.querySelector('th').cloneNode(true); th.querySelectorAll('.tag').forEach((t) => t.remove()); return th.textContent.replace(/\s+/g, ' ').trim(); })(),
          }));
          const steps = [...document.querySelectorAll('.guide-steps .guide-step')].map((s) => ({
            head: text(s.querySelector('h3, h4')),
            lesson: s.querySelector('p.muted a')?.getAttribute('href') || null,
            plans: s.querySelectorAll('.teacher-note').length,
            ref: !!s.querySelector('.step-plan-ref a'),
          }));
          return { rows, steps };
        });
        assert.equal(r.steps.length, r.rows.length, `${g}: ${r.rows.length} agenda rows but ${r.steps.length} steps`);
        r.rows.forEach((row, i) => {
          const head = r.steps[i].head;
          const minutes = head.includes(`(${row.minutes} phút)`) || head.includes(`(${row.minutes} minutes)`);
          assert.ok(head.includes(row.time) && head.includes(row.title) && minutes,
            `${g}: step ${i + 1} "${head}" is agenda row "${row.time} ${row.title}" with its ${row.minutes} minutes`);
        });
        const seen = new Set();
        for (const s of r.steps) {
          if (!s.lesson) continue;
          if (seen.has(s.lesson)) assert.equal(s.plans, 0, `${g}: the plan of ${s.lesson} is shown again in "${s.head}"`);
          if (s.plans) seen.add(s.lesson);
          if (!s.plans && seen.has(s.lesson)) assert.ok(s.ref, `${g}: "${s.head}" links back to the lesson's plan`);
        }
      }
    } finally {
      await page.close();
    }
  });

  it('an unverified help line is only on teachers\' pages, with its note; every help box speaks to its audience', async () => {
    const teachers = await fsp.readFile(path.join(SITE, kinds.teachers), 'utf8');
    const unverified = [...teachers.matchAll(/<li class="?help-unverified"?[^>]*>[\s\S]*?href="?tel:(\d+)/g)].map((m) => m[1]);
    assert.ok(unverified.length > 0, 'the site has an unverified help line (verified: false) on the teachers\' page');
    assert.ok(teachers.includes('help-note'), 'with its note');
    const teacherPage = (rel, cls) => rel.startsWith('giao-vien/') || cls.includes('page-guide') || cls.includes('page-answer-key');
    for (const rel of htmlFiles) {
      const html = await fsp.readFile(path.join(SITE, rel), 'utf8');
      const cls = bodyClass(html);
      if (teacherPage(rel, cls)) continue;
      for (const tel of unverified) assert.ok(!html.includes(`tel:${tel}`), `${rel} (${cls}) shows the unverified line ${tel}`);
    }
    // The box speaks to the page's reader.
    const box = async (rel) => /class="?help-box help-box-(\w+)/.exec(await fsp.readFile(path.join(SITE, rel), 'utf8'))?.[1];
    assert.equal(await box(kinds.lesson), 'child');
    assert.equal(await box(kinds.parents), 'parent');
    assert.equal(await box(kinds.letter), 'parent');
    assert.equal(await box(kinds.teachers), 'teacher');
    const home = await fsp.readFile(path.join(SITE, kinds.home), 'utf8');
    assert.ok(home.includes('tel:113'), 'the police line 113 is on the children\'s pages');
  });
});

// A server that answers every missing path with the site's 404.html, as hosting services do.
function notFoundServer(root, prefix) {
  return new Promise((resolve) => {
    const srv = http.createServer(async (req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      if (!rel.startsWith(prefix)) rel = null;
      else rel = rel.slice(prefix.length);
      const file = rel !== null ? path.resolve(root, rel || 'index.html') : null;
      const stat = file && file.startsWith(root) ? await fsp.stat(file).catch(() => null) : null;
      if (stat && stat.isFile()) {
        const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.svg') ? 'image/svg+xml' : 'text/html; charset=utf-8';
        res.writeHead(200, { 'content-type': type });
        fs.createReadStream(file).pipe(res);
      } else {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        fs.createReadStream(path.join(root, '404.html')).pipe(res);
      }
    });
    srv.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${srv.address().port}`, close: () => new Promise((r) => srv.close(r)) }));
  });
}

// Styled by style.css (its custom properties are set), and every link leads to a page that exists.
async function check404(page, url, origin) {
  await page.goto(url);
  await page.waitForLoadState('load');
  const r = await page.evaluate(() => ({
    styled: getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() !== '',
    links: [...document.querySelectorAll('main a[href], .site-title a, link[rel="stylesheet"]')].map((a) => a.href),
    h1: document.querySelector('h1')?.innerText,
  }));
  assert.ok(r.styled, `${url}: style.css is loaded`);
  assert.ok(r.links.length >= 3, `${url}: has links`);
  for (const href of r.links) {
    if (origin) {
      assert.ok(href.startsWith(origin), `${url}: ${href} stays on the site`);
      const res = await fetch(href);
      assert.equal(res.status, 200, `${url}: ${href} answers ${res.status}`);
    } else {
      assert.ok(fs.existsSync(new URL(href).pathname), `${url}: ${href} exists`);
    }
  }
  return r;
}

describe('404 page at any depth', { skip: SKIP }, () => {
  for (const prefix of ['/', '/sub/dir/']) {
    it(`works at nested URLs served under ${prefix}`, { timeout: TEST_TIMEOUT }, async () => {
      const srv = await notFoundServer(SITE, prefix);
      const page = await browser.newPage();
      try {
        for (const missing of ['old-page.html', 'tieu-hoc/old-page/', 'tieu-hoc/old-page/index.html', 'giao-vien/a/b/c.html']) {
          await check404(page, `${srv.origin}${prefix}${missing}`, srv.origin);
        }
      } finally {
        await page.close();
        await srv.close();
      }
    });
  }

  it('works from file://', { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser.newPage();
    try {
      await check404(page, pathToFileURL(path.join(SITE, '404.html')).href, null);
    } finally {
      await page.close();
    }
  });
});

// The text of each page of a PDF (pdftotext, page by page).
function pageTexts(bytes) {
  const bin = PDF.pdftotextBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoclieu-pdf-'));
  try {
    const file = path.join(dir, 'p.pdf');
    fs.writeFileSync(file, bytes);
    const n = PDF.pages(bytes).length;
    return Array.from({ length: n }, (_, i) =>
      squash(execFileSync(bin, ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('print', { skip: SKIP || (!PDF.pdftotextBinary() && 'pdftotext (poppler-utils) is not installed') }, () => {
  it('every letter to parents is one A4 page', { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser.newPage();
    try {
      const letters = [];
      for (const rel of htmlFiles) if (bodyClass(await fsp.readFile(path.join(SITE, rel), 'utf8')).includes('material-page-letter')) letters.push(rel);
      assert.ok(letters.length > 0);
      for (const rel of letters) {
        await page.goto(pageUrl(site, server, 'http', rel));
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        assert.equal(PDF.pages(pdf).length, 1, `${rel} prints on ${PDF.pages(pdf).length} pages`);
      }
    } finally {
      await page.close();
    }
  });

  it('no printed page of the booklet, a guide or a lesson holds only a closing line or a stranded heading', { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser.newPage();
    try {
      for (const rel of [kinds.booklet, kinds.guide, kinds.lesson].filter(Boolean)) {
        await page.goto(pageUrl(site, server, 'http', rel));
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        pageTexts(pdf).forEach((text, i) => {
          // A closing ("Trân trọng, …") or a heading left alone at the top of a page, or a near-empty page.
          const closing = /^(Trân trọng|Kính thư|Thân ái|Yours)/i.test(text) && text.length < 200;
          assert.ok(!closing && text.split(' ').length >= 8, `${rel} page ${i + 1} holds only: "${text}"`);
        });
      }
    } finally {
      await page.close();
    }
  });
});

// A speechSynthesis that speaks nothing: it records what it was given and ends each utterance soon.
const MOCK_SPEECH = (voices) => `(() => {
  const spoken = [];
  window.__spoken = spoken;
  let current = null;
  const synth = {
    speaking: false, pending: false,
    getVoices: () => ${JSON.stringify(voices)},
    addEventListener() {},
    speak(u) {
      spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
      current = u; this.speaking = true;
      setTimeout(() => { if (current === u) { this.speaking = false; current = null; u.onend && u.onend(); } }, 400);
    },
    cancel() { current = null; this.speaking = false; window.__cancelled = (window.__cancelled || 0) + 1; },
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();`;

describe('read aloud', { skip: SKIP }, () => {
  const readAloudLesson = async () => {
    for (const rel of htmlFiles) {
      const html = await fsp.readFile(path.join(SITE, rel), 'utf8');
      if (html.includes('read-aloud-button') && html.includes('class="quiz"')) return rel;
    }
    return null;
  };

  it('reads the lesson and a question with a Vietnamese voice, highlights what it reads, stops with Esc', { timeout: TEST_TIMEOUT }, async () => {
    const rel = await readAloudLesson();
    assert.ok(rel, 'a level with read_aloud has a lesson with a quiz');
    const context = await B.guardedContext(browser, { transport: 'http', origin: server.origin });
    try {
      await context.addInitScript(MOCK_SPEECH([{ name: 'Tiếng Việt', lang: 'vi-VN' }, { name: 'English', lang: 'en-US' }]));
      const page = await context.newPage();
      await page.goto(pageUrl(site, server, 'http', rel));
      await page.waitForSelector('.read-aloud:not([hidden])');
      await B.tabTo(page, '.read-aloud-button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.lesson-body .is-reading');
      const first = await page.evaluate(() => ({ spoken: window.__spoken[0], reading: document.querySelector('.is-reading').innerText.replace(/\s+/g, ' ').trim(), pressed: document.querySelector('.read-aloud-button').getAttribute('aria-pressed') }));
      assert.equal(first.spoken.voice, 'Tiếng Việt');
      assert.equal(first.spoken.text, first.reading, 'the highlighted block is the one being read');
      assert.equal(first.pressed, 'true');
      await page.waitForFunction(() => window.__spoken.length >= 2);
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('.is-reading').count(), 0, 'Esc stops and clears the highlight');
      assert.equal(await page.getAttribute('.read-aloud-button', 'aria-pressed'), 'false');
      assert.ok(await B.activeMatches(page, '.read-aloud-button'), 'focus is back on the button');

      // A question and its options.
      const before = await page.evaluate(() => window.__spoken.length);
      await page.click('.quiz-q .read-aloud-q');
      await page.waitForSelector('.quiz-q .is-reading');
      const q = await page.evaluate((n) => ({ text: window.__spoken[n].text, legend: document.querySelector('.quiz-q .quiz-legend').innerText.replace(/\s+/g, ' ').trim() }), before);
      assert.equal(q.text, q.legend, 'the question is read first');
      await page.waitForFunction((n) => window.__spoken.length >= n + 2, before);
      await page.keyboard.press('Escape');
      B.assertGuardClean(context.guard, assert);
    } finally {
      await context.close();
    }
  });

  it('stays hidden when the device has no voice for the page\'s language', { timeout: TEST_TIMEOUT }, async () => {
    const rel = await readAloudLesson();
    const context = await browser.newContext();
    try {
      await context.addInitScript(MOCK_SPEECH([{ name: 'English', lang: 'en-US' }]));
      const page = await context.newPage();
      await page.goto(pageUrl(site, server, 'http', rel));
      await page.waitForLoadState('load');
      assert.ok(await page.isHidden('.read-aloud'), 'no Vietnamese voice: no button');
      assert.equal(await page.locator('.read-aloud-q').count(), 0);
    } finally {
      await context.close();
    }
  });
});

describe('axe-core, every rule, every kind of page', { skip: SKIP }, () => {
  for (const colorScheme of ['light', 'dark']) {
    it(`0 violations in ${colorScheme} mode (full build${STUDENT_SITE ? ' and student build' : ''})`, { timeout: TEST_TIMEOUT }, async () => {
      const sites = [[SITE, kinds, server]];
      let studentServer = null;
      if (STUDENT_SITE) {
        studentServer = await serve(STUDENT_SITE);
        sites.push([STUDENT_SITE, (await pageKinds(STUDENT_SITE)).kinds, studentServer]);
      }
      const problems = [];
      try {
        for (const [root, k, srv] of sites) {
          const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1280, height: 800 } });
          try {
            const page = await context.newPage();
            for (const [kind, rel] of Object.entries(k)) {
              await page.goto(pageUrl({ root }, srv, 'http', rel));
              if (kind === 'notfound') {
                // Served here under a sub-path with no base_url: its script moves the stylesheet there.
                await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() !== '');
              }
              if (kind === 'lesson' || kind === 'student') {
                // The checked quiz too: marks, feedback and the score card.
                const quiz = page.locator('section.quiz[data-quiz-ready="true"] .quiz-check').first();
                if (await quiz.count()) await quiz.click();
              }
              const v = await axeAll(page);
              if (v.length) problems.push(`${path.basename(root)}/${rel} (${kind}): ${v.join('; ')}`);
            }
          } finally {
            await context.close();
          }
        }
      } finally {
        if (studentServer) await studentServer.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
