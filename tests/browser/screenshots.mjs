// Screenshots of the main kinds of page, on a desktop (1280×800) and a phone (375×812), for README.md.
//
//   cargo build --release && ./target/release/hoclieu build
//   node tests/browser/screenshots.mjs [SITE=public] [OUT=docs/screenshots]
//
// (run `npm ci` in tests/browser once first, or tests/browser/run.sh, which does). Uses Debian's Chromium
// (/usr/bin/chromium, or HOCLIEU_CHROMIUM); pages are read from disk, so nothing is served or fetched.
// Each shot is the first screen of the page, as a reader sees it on arrival; the quiz is shown checked.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const SITE = path.resolve(process.argv[2] || 'public');
const OUT = path.resolve(process.argv[3] || 'docs/screenshots');
const CHROMIUM = process.env.HOCLIEU_CHROMIUM || '/usr/bin/chromium';

// [file name, page, what to do before the shot]
const SHOTS = [
  ['home', 'index.html'],
  ['level-mam-non', 'mam-non/index.html'],
  ['lesson-tieu-hoc', 'tieu-hoc/mat-khau-la-bi-mat/index.html'],
  ['quiz-checked', 'thcs/du-do-va-tong-tien-tren-mang/index.html', 'quiz'],
  ['teacher-guide', 'tieu-hoc/buoi-ngoai-khoa-2026-2027/index.html'],
  ['worksheet-mam-non', 'mam-non/bi-mat-cua-em/phieu-1.html'],
];
const VIEWPORTS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 375, height: 812 }],
];

// Answers the first choice of every question and checks the quiz, so the shot shows the result card.
async function checkQuiz(page) {
  await page.waitForSelector('section.quiz[data-quiz-ready="true"]');
  await page.evaluate(() => {
    for (const q of document.querySelectorAll('section.quiz .quiz-q')) {
      const input = q.querySelector('.quiz-options input');
      if (input) input.checked = true;
    }
  });
  await page.click('section.quiz .quiz-check');
  await page.waitForFunction(() => document.querySelector('section.quiz .quiz-status').textContent.trim() !== '');
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  fs.mkdirSync(OUT, { recursive: true });
  for (const [vname, viewport] of VIEWPORTS) {
    const context = await browser.newContext({ viewport, reducedMotion: 'reduce', deviceScaleFactor: 1 });
    for (const [name, rel, action] of SHOTS) {
      const file = path.join(SITE, rel);
      if (!fs.existsSync(file)) {
        console.warn(`skipped ${rel}: not in ${SITE}`);
        continue;
      }
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      if (action === 'quiz') await checkQuiz(page);
      const out = path.join(OUT, `${name}-${vname}.png`);
      await page.screenshot({ path: out });
      console.log(path.relative(process.cwd(), out));
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
