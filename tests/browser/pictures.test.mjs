// Pictures in lessons (issue 14): every image of the site carries its width and height, and lessons for
// young children are picture-first: a part's picture comes right under its heading, above its text, on the
// screen and in the page's order (what a screen reader reads), at 320 px, in dark mode and in print, with
// axe-core still finding nothing.
//
// The test builds its own copy of the bundled curriculum, with one preschool lesson and one upper-secondary
// lesson edited so that a picture comes after text in the Markdown, using the hoclieu binary:
// HOCLIEU_BIN=<path>, else target/release/hoclieu or target/debug/hoclieu when built. Without one it is skipped.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { serve, pageUrl, REPO } = require('./helpers/site');
const B = require('./helpers/browser');

const TEST_TIMEOUT = 300_000;
const BIN = [
  process.env.HOCLIEU_BIN && path.resolve(process.env.HOCLIEU_BIN),
  path.join(REPO, 'target', 'release', 'hoclieu'),
  path.join(REPO, 'target', 'debug', 'hoclieu'),
].find((p) => p && fs.existsSync(p));
const SKIP = BIN ? false : 'no hoclieu binary (cargo build, or HOCLIEU_BIN=…)';

// The preschool lesson, and the picture its Markdown now has under its text.
const YOUNG = 'mam-non/ban-tay-tin-cay/index.html';
const YOUNG_SOURCE = 'content/mam-non/ban-tay-tin-cay.md';
const YOUNG_HEADING = 'ban-tay-tin-cay-cua-be';
const OLDER = 'thcs/tin-gia-va-ai/index.html';
const OLDER_SOURCE = 'content/thcs/tin-gia-va-ai.md';

let root;
let site;
let server;
let browser;

// The bundled site, copied, with the pictures moved below text in two lessons' Markdown.
async function buildSite() {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'hoclieu-pictures-'));
  for (const entry of ['hoclieu.yaml', 'content', 'static', 'data', 'templates']) {
    if (fs.existsSync(path.join(REPO, entry))) await fsp.cp(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  }
  const young = path.join(root, YOUNG_SOURCE);
  let text = await fsp.readFile(young, 'utf8');
  const image = /\n(!\[[^\]]+\]\(\/images\/ban-tay-tin-cay\.svg\))\n/.exec(text);
  assert.ok(image, `${YOUNG_SOURCE} shows ban-tay-tin-cay.svg`);
  text = text.replace(image[0], '\n');
  // After the part's first paragraph and its list: text first, as an author may well write it.
  const list = text.indexOf('\n\n', text.indexOf('- không bao giờ'));
  assert.ok(list > 0, 'the list of the part "Bàn tay tin cậy của bé"');
  text = `${text.slice(0, list)}\n\n${image[1]}${text.slice(list)}`;
  await fsp.writeFile(young, text);

  const older = path.join(root, OLDER_SOURCE);
  const lines = (await fsp.readFile(older, 'utf8')).split('\n');
  const heading = lines.findIndex((l) => l.startsWith('## '));
  const para = lines.findIndex((l, i) => i > heading + 1 && l.trim() !== '' && /^\p{L}/u.test(l));
  assert.ok(heading > 0 && para > heading, `${OLDER_SOURCE} has a heading and a paragraph under it`);
  lines.splice(para + 1, 0, '', '![Ổ khóa màu vàng](/images/o-khoa.svg)');
  await fsp.writeFile(older, lines.join('\n'));

  execFileSync(BIN, ['build', '--root', root, '--out', path.join(root, 'public'), '--quiet'], { stdio: 'inherit' });
  return { root: path.join(root, 'public') };
}

// axe with every rule it has, as children.test.mjs runs it.
let axeSource;
async function axeAll(page) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

// The part under heading `id`: its picture and its first paragraph of text, where they are on the page
// and in the document's order.
function partLayout(id) {
  const heading = document.getElementById(id);
  const blocks = [];
  for (let el = heading && heading.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName); el = el.nextElementSibling) blocks.push(el);
  const picture = blocks.find((b) => b.matches('p') && b.querySelector('img') && b.textContent.trim() === '');
  const text = blocks.find((b) => b.matches('p') && b.textContent.trim() !== '');
  if (!picture || !text) return null;
  const img = picture.querySelector('img');
  const box = (el) => el.getBoundingClientRect();
  return {
    pictureFirstInOrder: picture === blocks[0] && Boolean(text.compareDocumentPosition(picture) & Node.DOCUMENT_POSITION_PRECEDING),
    pictureTop: box(img).top,
    pictureBottom: box(img).bottom,
    textTop: box(text).top,
    headingBottom: box(heading).bottom,
    imgWidth: box(img).width,
    columnWidth: box(heading.parentElement).width,
    attrs: [img.getAttribute('width'), img.getAttribute('height')],
    viewport: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
  };
}

before(async () => {
  if (!BIN) return;
  site = await buildSite();
  server = await serve(site.root);
  browser = await B.launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (root) await fsp.rm(root, { recursive: true, force: true });
});

describe('pictures in lessons', { skip: SKIP }, () => {
  it('every image of a lesson has the width and height of its file', async () => {
    for (const rel of [YOUNG, OLDER]) {
      const html = await fsp.readFile(path.join(site.root, rel), 'utf8');
      const imgs = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]).filter((t) => /src="?\.\.\/\.\.\/images\//.test(t));
      assert.ok(imgs.length > 0, `${rel} shows a picture of the site`);
      for (const tag of imgs) assert.match(tag, /\bwidth="?\d+"?[^>]*\bheight="?\d+"?/, `${rel}: ${tag}`);
    }
  });

  for (const [name, options] of [
    ['a phone, light', { viewport: { width: 375, height: 812 } }],
    ['320 px, dark', { viewport: { width: 320, height: 640 }, colorScheme: 'dark' }],
    ['desktop, dark', { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' }],
  ]) {
    it(`a preschool lesson shows a part's picture above its text (${name}); axe finds nothing`, { timeout: TEST_TIMEOUT }, async () => {
      // The pages forbid inline scripts: axe runs in a context that may add one.
      const context = await browser.newContext({ ...options, bypassCSP: true });
      const page = await context.newPage();
      try {
        await page.goto(pageUrl(site, server, 'http', YOUNG));
        assert.match(await page.getAttribute('body', 'class'), /\bpresent-preschool\b/);
        const l = await page.evaluate(partLayout, YOUNG_HEADING);
        assert.ok(l, 'the part has a picture and text');
        assert.ok(l.pictureFirstInOrder, 'the picture is the first thing under the heading in the page\'s order');
        assert.ok(l.pictureTop >= l.headingBottom && l.pictureBottom <= l.textTop, `the picture is above its text: ${JSON.stringify(l)}`);
        assert.deepEqual(l.attrs, ['320', '360'], 'sized from the SVG');
        assert.ok(l.imgWidth <= l.columnWidth + 0.5, `the picture fits its column: ${JSON.stringify(l)}`);
        assert.ok(l.scrollWidth <= l.viewport, `no sideways scrolling: ${JSON.stringify(l)}`);
        assert.deepEqual(await axeAll(page), []);
      } finally {
        await context.close();
      }
    });
  }

  it('print keeps the picture above its text', { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(pageUrl(site, server, 'http', YOUNG));
      await page.emulateMedia({ media: 'print' });
      const l = await page.evaluate(partLayout, YOUNG_HEADING);
      assert.ok(l && l.pictureBottom <= l.textTop, `in print: ${JSON.stringify(l)}`);
    } finally {
      await page.close();
    }
  });

  it('an upper-secondary lesson keeps the author\'s order: text, then picture', { timeout: TEST_TIMEOUT }, async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.goto(pageUrl(site, server, 'http', OLDER));
      assert.match(await page.getAttribute('body', 'class'), /\bpresent-standard\b/);
      const order = await page.evaluate(() => {
        const img = document.querySelector('.lesson-body img[src$="o-khoa.svg"]');
        const p = img && img.closest('p');
        const before = p && p.previousElementSibling;
        return before ? [before.tagName, before.textContent.trim() !== ''] : null;
      });
      assert.deepEqual(order, ['P', true], 'the paragraph the author wrote first stays first');
      assert.deepEqual(await axeAll(page), []);
    } finally {
      await context.close();
    }
  });
});
