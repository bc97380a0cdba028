// The programme's pages in headless Chromium: the teacher guide printed to an A4 PDF (agenda in,
// navigation out), and axe-core on the guide, the booklet, a parents' page, the teachers' page, the
// coverage page, a material page and the student session page, in light and dark colour schemes,
// with no request leaving the site — over http (under a sub-path) and from file://.
//
// Site under test: HOCLIEU_SITE (a built site: `cargo run -- build`, then
// `HOCLIEU_SITE=public tests/browser/run.sh`). Without it these tests are skipped: the hand-written
// fixture pages in fixtures/ are quiz pages only.
// HOCLIEU_GUIDE_PAGE=<path>     the guide to print (default: the first <level>/buoi-ngoai-khoa-*/index.html).
// HOCLIEU_STUDENT_SITE=<folder> a `--audience student` build: adds the checks that it has no teacher pages
//                               and that its student session page passes axe.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { serve, pageUrl, walk } = require('./helpers/site');
const B = require('./helpers/browser');
const PDF = require('./helpers/pdf');

const TEST_TIMEOUT = 300_000;
const SITE = process.env.HOCLIEU_SITE ? path.resolve(process.env.HOCLIEU_SITE) : null;
const STUDENT_SITE = process.env.HOCLIEU_STUDENT_SITE ? path.resolve(process.env.HOCLIEU_STUDENT_SITE) : null;
const SKIP = SITE
  ? false
  : 'HOCLIEU_SITE is not set: the programme pages need a built site (cargo run -- build, then HOCLIEU_SITE=public tests/browser/run.sh)';

const BOOKLET = 'giao-vien/chuong-trinh.html';
const TEACHERS = 'giao-vien/index.html';
const COVERAGE = 'giao-vien/nang-luc.html';
// A4 in PostScript points; Chromium rounds the paper to whole CSS pixels (595.92 × 842.88).
const A4 = { width: 595, height: 842 };
const A4_TOLERANCE = 2;

// The pages whose <body> carries `cls` (the templates name each kind of page by a body class).
async function pagesWithBodyClass(root, files, cls) {
  const re = new RegExp(`<body[^>]*class=(?:"[^"]*\\b${cls}\\b[^"]*"|${cls}[\\s>])`);
  const out = [];
  for (const rel of files) {
    if (re.test(await fsp.readFile(path.join(root, rel), 'utf8'))) out.push(rel);
  }
  return out;
}

// The pages under test, found in the built site (or named by the environment).
async function findPages(root) {
  const html = (await walk(root)).filter((p) => p.endsWith('.html')).sort();
  const guide = process.env.HOCLIEU_GUIDE_PAGE || html.find((p) => /^[^/]+\/buoi-ngoai-khoa-[^/]+\/index\.html$/.test(p));
  assert.ok(guide, `no <level>/buoi-ngoai-khoa-*/index.html under ${root} (or set HOCLIEU_GUIDE_PAGE)`);
  assert.ok(fs.existsSync(path.join(root, guide)), `HOCLIEU_GUIDE_PAGE ${guide} does not exist under ${root}`);
  const parents = html.find((p) => /^cha-me\/(?!index\.html$)[^/]+\.html$/.test(p));
  const material = (await pagesWithBodyClass(root, html, 'page-material'))[0];
  const student = html.find((p) => p === guide.replace(/index\.html$/, 'hoc-sinh.html'));
  const pages = { guide, booklet: BOOKLET, parents, teachers: TEACHERS, coverage: COVERAGE, material, student };
  for (const [what, rel] of Object.entries(pages)) {
    assert.ok(rel && fs.existsSync(path.join(root, rel)), `no ${what} page under ${root} (${rel})`);
  }
  return pages;
}

let browser;
let server;
let site;
let pages;

before(async () => {
  if (!SITE) return;
  assert.ok(fs.existsSync(SITE), `HOCLIEU_SITE folder does not exist: ${SITE}`);
  site = { root: SITE };
  pages = await findPages(SITE);
  server = await serve(SITE);
  browser = await B.launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const open = async (transport, options = {}) => {
  const context = await B.guardedContext(browser, { transport, origin: server.origin, ...options });
  const page = await context.newPage();
  return { context, page };
};

// The labels of the screen's chrome around the content (skip link, search box, navigation,
// breadcrumbs): none of them may reach paper.
async function chromeLabels(page) {
  return page.evaluate(() => {
    const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
    const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => squash(e.textContent)).filter(Boolean);
    return {
      nav: texts('.site-nav a'),
      all: [...new Set([...texts('.skip-link'), ...texts('.search-form label, .search-form button'), ...texts('.site-nav a'), ...texts('.breadcrumbs a')])],
    };
  });
}

function count(haystack, needle) {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

for (const transport of ['http', 'file']) {
  describe(`programme pages over ${transport}`, { skip: SKIP }, () => {
    it('the teacher guide prints to A4 with the agenda and without navigation', { timeout: TEST_TIMEOUT }, async () => {
      const { context, page } = await open(transport);
      try {
        await page.goto(pageUrl(site, server, transport, pages.guide));
        const chrome = await chromeLabels(page);
        assert.ok(chrome.nav.length > 0, `${pages.guide} has no .site-nav links on screen`);
        assert.ok(await page.isVisible('.site-nav-wide'), 'the navigation is shown on screen');

        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => {
          const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
          const display = (sel) => [...document.querySelectorAll(sel)].map((el) => getComputedStyle(el).display);
          const agenda = document.querySelector('table.agenda');
          const section = agenda?.closest('section');
          const body = getComputedStyle(document.body);
          return {
            agendaShown: shown(agenda),
            agendaRows: agenda ? agenda.tBodies[0].rows.length : 0,
            agendaTitle: (section?.querySelector('h2, h3')?.innerText || '').replace(/\s+/g, ' ').trim(),
            // innerText follows the print styles (text-transform included), as the PDF does.
            main: (document.querySelector('main')?.innerText || '').replace(/\s+/g, ' ').trim(),
            agendaBreak: section ? getComputedStyle(section).breakBefore : null,
            hidden: {
              '.skip-link': display('.skip-link'),
              '.site-nav': display('.site-nav'),
              '.search-form': display('.search-form'),
              '.breadcrumbs': display('.breadcrumbs'),
              '.site-footer': display('.site-footer'),
            },
            color: body.color,
            background: body.backgroundColor,
          };
        });
        assert.ok(printed.agendaShown, 'the agenda table is not visible in print');
        assert.ok(printed.agendaRows > 0, 'the agenda table has no rows');
        assert.equal(printed.agendaBreak, 'page', 'the agenda starts a new page on paper');
        for (const [sel, displays] of Object.entries(printed.hidden)) {
          if (sel === '.skip-link' || sel === '.site-nav' || sel === '.search-form') {
            assert.ok(displays.length > 0, `${pages.guide} has no ${sel}`);
          }
          assert.ok(displays.every((d) => d === 'none'), `${sel} is shown in print (display: ${displays.join(', ')})`);
        }
        assert.equal(printed.color, 'rgb(0, 0, 0)', 'black text on paper');
        assert.ok(['rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)'].includes(printed.background), `white paper (${printed.background})`);

        const pdf = await page.pdf({ format: 'A4', printBackground: false });
        const sheets = PDF.pages(pdf);
        assert.ok(sheets.length > 1, `the guide prints on ${sheets.length} page(s); the agenda alone starts a new one`);
        assert.equal(PDF.pageCount(pdf), sheets.length, 'the page tree counts every page');
        for (const [n, sheet] of sheets.entries()) {
          assert.ok(
            Math.abs(sheet.width - A4.width) <= A4_TOLERANCE && Math.abs(sheet.height - A4.height) <= A4_TOLERANCE,
            `page ${n + 1} is ${sheet.width}×${sheet.height} pt, not A4 (${A4.width}×${A4.height} ±${A4_TOLERANCE})`,
          );
        }

        if (PDF.pdftotextBinary()) {
          const words = PDF.text(pdf);
          assert.ok(printed.agendaTitle && words.includes(printed.agendaTitle), `the PDF lacks the agenda title “${printed.agendaTitle}”`);
          // A label may also be content ("Mầm non" in a mầm non guide): only its count in <main> may print.
          for (const label of chrome.all) {
            assert.ok(
              count(words, label) <= count(printed.main, label),
              `the PDF has “${label}” ${count(words, label)} time(s), the printed content ${count(printed.main, label)}: screen chrome on paper`,
            );
          }
        } else {
          // Text extraction is optional: the DOM checks above already cover the same promise.
          console.log('# pdftotext is missing (Debian: poppler-utils): PDF text not checked');
        }
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    });

    it('every programme page loads with no request off the origin and nothing broken', { timeout: TEST_TIMEOUT }, async () => {
      // Without bypassCSP, so the page's own Content-Security-Policy is in force.
      const { context, page } = await open(transport);
      try {
        for (const rel of Object.values(pages)) {
          await page.goto(pageUrl(site, server, transport, rel), { waitUntil: 'load' });
          assert.ok((await page.locator('main h1').count()) >= 1, `${rel} has no h1 in main`);
        }
        assert.deepEqual(await context.cookies(), [], 'no cookies');
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    });

    for (const colorScheme of ['light', 'dark']) {
      it(`axe finds no WCAG 2.2 A/AA violations on the programme pages (${colorScheme})`, { timeout: TEST_TIMEOUT }, async () => {
        // Only this context bypasses CSP, so that axe can be injected into the page.
        const { context, page } = await open(transport, { bypassCSP: true, colorScheme });
        try {
          const report = [];
          for (const [what, rel] of Object.entries(pages)) {
            await page.goto(pageUrl(site, server, transport, rel));
            const v = await B.runAxe(page, { preload: transport !== 'file' });
            if (v.length) report.push(`${what} (${rel}):\n${B.formatViolations(v)}`);
          }
          assert.equal(report.length, 0, `axe violations (${B.AXE_TAGS.join(', ')}):\n${report.join('\n')}`);
          B.assertGuardClean(context.guard, assert);
        } finally {
          await context.close();
        }
      });
    }
  });
}

describe('the student build', { skip: SKIP || (!STUDENT_SITE && 'HOCLIEU_STUDENT_SITE is not set') }, () => {
  let studentServer;
  before(async () => {
    if (!SKIP && STUDENT_SITE) studentServer = await serve(STUDENT_SITE);
  });
  after(async () => {
    if (studentServer) await studentServer.close();
  });

  it('has no teacher pages, and its student session page passes axe in both schemes', { timeout: TEST_TIMEOUT }, async () => {
    const files = await walk(STUDENT_SITE);
    const teacher = files.filter((f) => f.startsWith('giao-vien/') || /(^|\/)dap-an-\d+\.html$/.test(f));
    assert.deepEqual(teacher, [], 'teacher pages in the student build');
    const student = files.filter((f) => /^[^/]+\/[^/]+\/hoc-sinh\.html$/.test(f)).sort();
    assert.ok(student.length > 0, 'no student session page in the student build');
    for (const rel of student) {
      assert.ok(!files.includes(rel.replace(/hoc-sinh\.html$/, 'index.html')), `${rel}: its teacher guide was built too`);
    }
    const report = [];
    for (const colorScheme of ['light', 'dark']) {
      const context = await B.guardedContext(browser, { transport: 'http', origin: studentServer.origin, bypassCSP: true, colorScheme });
      try {
        const page = await context.newPage();
        await page.goto(pageUrl({ root: STUDENT_SITE }, studentServer, 'http', student[0]));
        const v = await B.runAxe(page);
        if (v.length) report.push(`${student[0]} (${colorScheme}):\n${B.formatViolations(v)}`);
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    }
    assert.equal(report.length, 0, `axe violations:\n${report.join('\n')}`);
  });
});
