'use strict';
// A student's use of a lesson quiz in headless Chromium, over http (under a sub-path) and file://.
// Runs on the fixture pages by default and on a built site with HOCLIEU_SITE (see helpers/site.js).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const quiz = require('../../themes/default/static/quiz.js');
const { prepareSite, serve, pageUrl } = require('./helpers/site');
const B = require('./helpers/browser');

const ALL_TYPES = ['single', 'multiple', 'true-false', 'order', 'match', 'text'];
// On a real build the chosen page may lack a type; HOCLIEU_REQUIRE_ALL_TYPES=0 then tests the ones it has.
const REQUIRE_ALL_TYPES = process.env.HOCLIEU_REQUIRE_ALL_TYPES !== '0';
const TEST_TIMEOUT = 120_000;

let browser;
let site;
let server;

before(async () => {
  site = await prepareSite();
  server = await serve(site.root);
  browser = await B.launch();
  console.log(`site: ${site.root}${site.fixture ? ' (fixture)' : ''}; quiz page: ${site.quizPage}; worksheet: ${site.worksheetPage}`);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (site) await site.cleanup();
});

// The quiz on the page with the most question types, as the tests need to know it.
function readQuiz(page) {
  return page.evaluate(() => {
    const sections = [...document.querySelectorAll('section.quiz')];
    const typesOf = (s) => new Set([...s.querySelectorAll('.quiz-q')].map((q) => q.dataset.type)).size;
    const section = sections.sort((a, b) => typesOf(b) - typesOf(a))[0];
    const stringsEl = document.getElementById('hl-strings');
    return {
      id: section.id,
      data: JSON.parse(section.querySelector('script.quiz-data').textContent),
      strings: stringsEl ? JSON.parse(stringsEl.textContent) : {},
      questions: [...section.querySelectorAll('.quiz-q')].map((q) => {
        const text = q.querySelector('input[type="text"], input:not([type])');
        return {
          id: q.id,
          type: q.dataset.type,
          name: (q.querySelector('.quiz-options input') || {}).name || null,
          options: [...q.querySelectorAll('.quiz-options input')].map((i) => Number(i.value)),
          order: [...q.querySelectorAll('.quiz-order > li')].map((li) => li.dataset.item),
          selects: [...q.querySelectorAll('.quiz-match select')].map((s) => s.id),
          text: text ? text.id : null,
        };
      }),
    };
  });
}

function htmlText(page, html) {
  return page.evaluate((h) => {
    const t = document.createElement('template');
    t.innerHTML = h;
    return t.content.textContent.replace(/\s+/g, ' ').trim();
  }, html);
}

function squash(s) {
  return String(s).replace(/\s+/g, ' ').trim();
}

// The question answered wrong in the first attempt: the first choice question with a wrong option.
function wrongPlan(quizInfo) {
  for (const [i, d] of quizInfo.data.questions.entries()) {
    if (!['single', 'true-false', 'multiple'].includes(d.type)) continue;
    const v = quizInfo.questions[i].options.find((o) => !d.correct.includes(o));
    if (v !== undefined) return { index: i, value: v };
  }
  return null;
}

// Puts an order question in the right order with its ↑ buttons, checking focus and announcements.
async function sortByKeyboard(page, quizInfo, q, S) {
  const qSel = `#${q.id}`;
  const liveSel = `#${quizInfo.id} .quiz-live`;
  const items = () => page.$$eval(`${qSel} .quiz-order > li`, (lis) => lis.map((li) => li.dataset.item));
  const count = (await items()).length;
  let presses = 0;
  for (let p = 0; p < count; p++) {
    const from = (await items()).indexOf(String(p));
    if (from === p) continue;
    const btn = `${qSel} .quiz-order > li[data-item="${p}"] .quiz-move[data-dir="up"]`;
    const label = squash(await page.textContent(`${qSel} .quiz-order > li[data-item="${p}"] .quiz-order-text`));
    await B.tabTo(page, btn);
    for (let k = from; k > p; k--) {
      await page.keyboard.press(presses++ % 2 ? 'Space' : 'Enter');
      assert.ok(await B.activeMatches(page, btn), 'focus stays on the ↑ button of the moved item');
      assert.equal(squash(await page.textContent(liveSel)), squash(quiz.format(S.quiz_moved, { item: label, position: k, count })));
    }
  }
  assert.deepEqual(await items(), [...Array(count).keys()].map(String));
  // ↑ on the first item changes nothing and says so.
  const topBtn = `${qSel} .quiz-order > li[data-item="0"] .quiz-move[data-dir="up"]`;
  await B.tabTo(page, topBtn);
  await page.keyboard.press('Enter');
  const top = squash(await page.textContent(`${qSel} .quiz-order > li[data-item="0"] .quiz-order-text`));
  assert.equal(squash(await page.textContent(liveSel)), squash(quiz.format(S.quiz_at_top, { item: top })));
  assert.deepEqual(await items(), [...Array(count).keys()].map(String));
}

// Answers every question with the keyboard; the question in `wrong` gets a wrong option.
async function answerByKeyboard(page, quizInfo, S, wrong) {
  for (const [i, q] of quizInfo.questions.entries()) {
    const d = quizInfo.data.questions[i];
    const miss = wrong && wrong.index === i;
    if (d.type === 'single' || d.type === 'true-false') {
      await B.chooseRadio(page, q.name, miss ? wrong.value : d.correct[0]);
    } else if (d.type === 'multiple') {
      for (const v of miss ? [wrong.value] : d.correct) await B.toggleCheckbox(page, q.name, v);
    } else if (d.type === 'order') {
      await sortByKeyboard(page, quizInfo, q, S);
    } else if (d.type === 'match') {
      for (const [j, id] of q.selects.entries()) await B.chooseSelect(page, `#${id}`, d.answer[j]);
    } else if (d.type === 'text') {
      await B.tabTo(page, `#${q.text}`);
      // Shouting, extra spaces and (where allowed) no diacritics must still count.
      const typed = d.fold_diacritics ? quiz.foldDiacritics(d.accept[0]) : d.accept[0];
      await page.keyboard.type(`  ${typed.toUpperCase()} `);
    } else {
      throw new Error(`unknown question type ${d.type}`);
    }
  }
}

async function checkByKeyboard(page, quizInfo) {
  await B.tabTo(page, `#${quizInfo.id} .quiz-check`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector(`#${id} .quiz-status`).textContent.trim() !== '', quizInfo.id);
}

async function assertGraded(page, quizInfo, S, wrong, record) {
  const sel = `#${quizInfo.id}`;
  const total = quizInfo.questions.length;
  const correct = wrong ? total - 1 : total;
  const percent = Math.round((correct * 100) / total);
  const passed = percent >= (typeof quizInfo.data.pass === 'number' ? quizInfo.data.pass : 70);
  const expected = `${quiz.format(S.quiz_score, { correct, total, percent })} ${passed ? S.quiz_pass : S.quiz_fail}`;
  assert.equal(squash(await page.textContent(`${sel} .quiz-status`)), squash(expected));
  assert.equal(await page.getAttribute(`${sel} .quiz-status`, 'role'), 'status');
  assert.ok(await B.activeMatches(page, `${sel} .quiz-status`), 'focus moves to the score after grading');
  assert.ok(
    await page.$eval(sel, (q) => !!(q.querySelector('.quiz-status').compareDocumentPosition(q.querySelector('.quiz-q')) & Node.DOCUMENT_POSITION_FOLLOWING)),
    'the score is at the top of the quiz, before the first question',
  );
  assert.ok(await page.isHidden(`${sel} .quiz-check`));
  assert.ok(await page.isVisible(`${sel} .quiz-retry`));

  for (const [i, q] of quizInfo.questions.entries()) {
    const d = quizInfo.data.questions[i];
    const ok = !(wrong && wrong.index === i);
    const qSel = `#${q.id}`;
    const cls = await page.getAttribute(qSel, 'class');
    assert.ok(cls.split(/\s+/).includes(ok ? 'is-correct' : 'is-wrong'), `${q.id} (${d.type}) is marked ${ok ? 'correct' : 'wrong'}: ${cls}`);
    assert.ok(await page.isVisible(`${qSel} .quiz-feedback`), `${q.id} shows feedback`);
    const fb = squash(await page.textContent(`${qSel} .quiz-feedback`));
    // Icon and words, never colour alone.
    assert.ok(fb.includes(ok ? '✓' : '✗') && fb.includes(ok ? S.quiz_correct : S.quiz_wrong), `${q.id} badge: ${fb}`);
    if (d.explain) assert.ok(fb.includes(await htmlText(page, d.explain)), `${q.id} shows the explanation`);
    if (!ok && d.feedback && d.feedback[wrong.value]) {
      assert.ok(fb.includes(await htmlText(page, d.feedback[wrong.value])), `${q.id} shows the chosen option's feedback`);
    }
    if (!ok) {
      const label = squash(await page.textContent(`${qSel} input[value="${wrong.value}"] >> xpath=ancestor::label`));
      assert.ok(label.includes('✗') && label.includes(S.quiz_mark_wrong), `chosen wrong option is marked: ${label}`);
    }
    assert.ok(await page.isVisible(`${qSel} details.quiz-answer > summary`), `${q.id} answer disclosure is back`);
  }
  assert.equal(squash(await page.textContent(`${sel} .quiz-best`)), squash(quiz.bestText(S, record)));
}

async function assertFresh(page, quizInfo, { initialOrder } = {}) {
  const sel = `#${quizInfo.id}`;
  const state = await page.evaluate((s) => {
    const root = document.querySelector(s);
    return {
      status: root.querySelector('.quiz-status').textContent.trim(),
      marks: root.querySelectorAll('.quiz-mark, .is-correct, .is-wrong').length,
      openAnswers: [...root.querySelectorAll('details.quiz-answer')].filter((d) => !d.hidden).length,
      feedback: [...root.querySelectorAll('.quiz-feedback')].filter((f) => !f.hidden).length,
      checked: root.querySelectorAll('input:checked').length,
      texts: [...root.querySelectorAll('input[type="text"]')].map((i) => i.value).join(''),
      selects: [...root.querySelectorAll('.quiz-match select')].map((x) => x.value).join(''),
      disabled: root.querySelectorAll('fieldset:disabled').length,
      orders: [...root.querySelectorAll('.quiz-order')].map((o) => [...o.children].map((li) => li.dataset.item)),
    };
  }, sel);
  assert.deepEqual(
    { ...state, orders: undefined },
    { status: '', marks: 0, openAnswers: 0, feedback: 0, checked: 0, texts: '', selects: '', disabled: 0, orders: undefined },
  );
  for (const [k, order] of state.orders.entries()) {
    if (quizInfo.data.shuffle) assert.notDeepEqual(order, [...order].sort((a, b) => a - b), 'a reshuffled order question is not already solved');
    else if (initialOrder) assert.deepEqual(order, initialOrder[k], 'order question is back to its first order');
  }
  assert.ok(await page.isVisible(`${sel} .quiz-check`));
  assert.ok(await page.isHidden(`${sel} .quiz-retry`));
}

for (const transport of ['http', 'file']) {
  describe(`quiz over ${transport}`, () => {
    const open = async (options = {}) => {
      const context = await B.guardedContext(browser, { transport, origin: server.origin, ...options });
      const page = await context.newPage();
      return { context, page };
    };

    it('a student completes every question type by keyboard only, retries, reloads and clears', { timeout: TEST_TIMEOUT }, async () => {
      const { context, page } = await open();
      try {
        await page.goto(pageUrl(site, server, transport, site.quizPage));
        await page.waitForSelector('section.quiz[data-quiz-ready="true"]', { timeout: 10_000 });
        const info = await readQuiz(page);
        const S = { ...quiz.DEFAULT_STRINGS, ...info.strings };
        const types = new Set(info.questions.map((q) => q.type));
        if (REQUIRE_ALL_TYPES) assert.deepEqual([...types].sort(), [...ALL_TYPES].sort(), 'the quiz has every question type');
        assert.deepEqual(info.questions.map((q) => q.type), info.data.questions.map((d) => d.type), 'markup and data agree');
        const sel = `#${info.id}`;
        const storageKey = quiz.STORAGE_PREFIX + info.data.key;
        const initialOrder = info.questions.filter((q) => q.type === 'order').map((q) => q.order);

        // With JavaScript the answers wait behind the buttons.
        assert.ok(await page.isVisible(`${sel} .quiz-actions`));
        const moves = await page.locator(`${sel} .quiz-move`).count();
        assert.equal(await page.locator(`${sel} .quiz-move:visible`).count(), moves, 'the ↑/↓ buttons are shown');
        assert.equal(await page.locator(`${sel} details.quiz-answer:visible`).count(), 0);
        assert.equal(await page.getAttribute(`${sel} .quiz-status`, 'tabindex'), '-1');
        // Screen readers only announce changes in a live region that is already rendered; one that
        // appears together with its text (e.g. CSS `:empty { display: none }`) is often silent.
        for (const region of ['.quiz-status', '.quiz-live']) {
          const display = await page.$eval(`${sel} ${region}`, (e) => getComputedStyle(e).display);
          assert.notEqual(display, 'none', `${region} must be rendered while empty so that its updates are announced`);
        }
        assert.equal(squash(await page.textContent(`${sel} .quiz-best`)), '');
        assert.ok(await page.isHidden(`${sel} .quiz-clear`), '"Xóa kết quả" waits until there is a result');

        // Attempt 1: one question wrong.
        const wrong = wrongPlan(info);
        assert.ok(wrong, 'the quiz has a choice question that can be answered wrong');
        await answerByKeyboard(page, info, S, wrong);
        await checkByKeyboard(page, info);
        const total = info.questions.length;
        const first = Math.round(((total - 1) * 100) / total);
        await assertGraded(page, info, S, wrong, { best: first, last: first, attempts: 1, best_correct: total - 1, total });

        // Retry: everything back to a fresh start, focus on the first question.
        await B.tabTo(page, `${sel} .quiz-retry`);
        await page.keyboard.press('Enter');
        assert.ok(
          await page.evaluate((id) => document.activeElement.closest('.quiz-q') === document.querySelector(`#${id} .quiz-q`), info.id),
          'focus moves to the first question after "Làm lại"',
        );
        await assertFresh(page, info, { initialOrder });

        // Attempt 2: all right.
        await answerByKeyboard(page, info, S, null);
        await checkByKeyboard(page, info);
        const record = { best: 100, last: 100, attempts: 2, best_correct: total, total };
        await assertGraded(page, info, S, null, record);
        assert.deepEqual(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), storageKey)), record);

        // Reload: best score is still there, the quiz starts fresh.
        await page.reload();
        await page.waitForSelector('section.quiz[data-quiz-ready="true"]');
        assert.equal(squash(await page.textContent(`${sel} .quiz-best`)), squash(quiz.bestText(S, record)));
        await assertFresh(page, info, { initialOrder });

        // "Xóa kết quả" asks first: cancelling keeps the score, confirming forgets it and says so.
        assert.ok(await page.isVisible(`${sel} .quiz-clear`), '"Xóa kết quả" is offered once a score is stored');
        await B.tabTo(page, `${sel} .quiz-clear`);
        let asked = '';
        page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
        await page.keyboard.press('Enter');
        assert.equal(asked, S.quiz_clear_confirm, 'clearing asks for confirmation');
        assert.equal(squash(await page.textContent(`${sel} .quiz-best`)), squash(quiz.bestText(S, record)), 'cancel keeps the score');
        await B.tabTo(page, `${sel} .quiz-clear`);
        page.once('dialog', (d) => d.accept());
        await page.keyboard.press('Enter');
        assert.equal(squash(await page.textContent(`${sel} .quiz-status`)), squash(S.quiz_cleared));
        assert.equal(squash(await page.textContent(`${sel} .quiz-best`)), '');
        assert.ok(await page.isHidden(`${sel} .quiz-clear`), 'nothing stored: nothing to clear');
        assert.equal(await page.evaluate((k) => localStorage.getItem(k), storageKey), null);
        await page.reload();
        await page.waitForSelector('section.quiz[data-quiz-ready="true"]');
        assert.equal(squash(await page.textContent(`${sel} .quiz-best`)), '');

        const cookies = await context.cookies();
        assert.deepEqual(cookies, [], 'no cookies');
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    });

    it('without JavaScript the quiz is a form with answers in disclosures', { timeout: TEST_TIMEOUT }, async () => {
      const { context, page } = await open({ javaScriptEnabled: false });
      try {
        await page.goto(pageUrl(site, server, transport, site.quizPage));
        const quizzes = await page.locator('section.quiz').count();
        assert.ok(quizzes > 0);
        assert.equal(
          await page.locator('.quiz-actions:visible').count(), 0,
          'the hidden .quiz-actions must stay hidden without JavaScript (a CSS `display` rule overriding [hidden]?)',
        );
        assert.equal(await page.locator('.quiz-move:visible').count(), 0, 'the ↑/↓ buttons only appear with JavaScript');
        assert.equal(
          await page.locator('.quiz-q[data-type="order"] fieldset > .quiz-hint-js:visible').count(), 0,
          'without JavaScript no hint names the hidden ↑/↓ buttons',
        );
        assert.equal(await page.locator('.quiz-feedback:visible').count(), 0);
        const questions = await page.locator('.quiz-q').count();
        assert.equal(await page.locator('.quiz-q > details.quiz-answer > summary:visible').count(), questions, 'every question has a visible answer disclosure');
        assert.equal(await page.locator('details.quiz-answer[open]').count(), 0, 'answers start closed');
        assert.equal(await page.locator('.quiz-q fieldset > legend').count(), questions, 'every question is a fieldset with a legend');
        // A keyboard user opens the first answer.
        const firstId = await page.getAttribute('.quiz-q', 'id');
        await B.tabTo(page, `#${firstId} details.quiz-answer > summary`);
        await page.keyboard.press('Enter');
        assert.ok(await page.isVisible(`#${firstId} details.quiz-answer[open] > div`), 'the answer opens');
        const answerText = squash(await page.textContent(`#${firstId} details.quiz-answer > div`));
        assert.ok(answerText.length > 0);
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    });

    it('without JavaScript an order question is answered with a place per item and checked against its answer', { timeout: TEST_TIMEOUT }, async () => {
      const { context, page } = await open({ javaScriptEnabled: false });
      try {
        await page.goto(pageUrl(site, server, transport, site.quizPage));
        const orders = await page.$$eval('.quiz-q[data-type="order"]', (qs) => qs.map((q) => q.id));
        assert.ok(orders.length > 0, 'the page has an order question');
        for (const id of orders) {
          const q = `#${id}`;
          assert.equal(await page.locator(`${q} .quiz-hint-nojs:visible`).count(), 1, 'the no-JS hint shows');
          assert.equal(await page.locator(`${q} .quiz-hint-js:visible`).count(), 0, 'the hint about ↑/↓ does not');
          const items = await page.$$eval(`${q} .quiz-order > li`, (lis) => lis.map((li) => li.dataset.item));
          for (const item of items) {
            const select = `${q} .quiz-order > li[data-item="${item}"] .quiz-position select`;
            assert.ok(await page.isVisible(select), 'each item has its visible place select');
            const values = await page.$$eval(`${select} option`, (os) => os.map((o) => o.value));
            assert.deepEqual(values, ['', ...items.map((_, k) => String(k + 1))], 'places 1..n');
            const name = squash(await page.textContent(`${q} .quiz-order > li[data-item="${item}"] .quiz-position`));
            const text = squash(await page.textContent(`${q} .quiz-order > li[data-item="${item}"] .quiz-order-text`));
            assert.ok(name.includes(text), `the select is named after its item (${name})`);
            // A keyboard user gives each item its right place (data-item is its index in the right order).
            await B.chooseSelect(page, select, Number(item) + 1);
          }
          // The order the child chose is the order "Xem đáp án" shows.
          const chosen = await page.$$eval(`${q} .quiz-order > li`, (lis) => lis
            .map((li) => ({ place: Number(li.querySelector('select').value), text: li.querySelector('.quiz-order-text').textContent }))
            .sort((a, b) => a.place - b.place)
            .map((x) => x.text.replace(/\s+/g, ' ').trim()));
          await B.tabTo(page, `${q} details.quiz-answer > summary`);
          await page.keyboard.press('Enter');
          const key = await page.$$eval(`${q} details.quiz-answer ol > li`, (lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
          assert.deepEqual(chosen, key, 'the places chosen give the order of the answer');
        }
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    });

    it('with JavaScript the place selects give way to the ↑/↓ buttons and their hint', { timeout: TEST_TIMEOUT }, async () => {
      const { context, page } = await open();
      try {
        await page.goto(pageUrl(site, server, transport, site.quizPage));
        await page.waitForSelector('section.quiz[data-quiz-ready="true"]');
        assert.equal(await page.locator('.quiz-position').count(), 0, 'no place select is left');
        assert.equal(await page.locator('.quiz-q[data-type="order"] .quiz-hint-nojs:visible').count(), 0);
        const orders = await page.locator('.quiz-q[data-type="order"]').count();
        assert.equal(await page.locator('.quiz-q[data-type="order"] .quiz-hint-js:visible').count(), orders);
        assert.ok(await page.locator('.quiz-q[data-type="order"] .quiz-move:visible').count() > 0);
        B.assertGuardClean(context.guard, assert);
      } finally {
        await context.close();
      }
    });

    for (const colorScheme of ['light', 'dark']) {
      it(`axe finds no WCAG 2.2 A/AA violations (${colorScheme})`, { timeout: TEST_TIMEOUT }, async () => {
        // Only this context bypasses CSP, so that axe can be injected into the page.
        const { context, page } = await open({ bypassCSP: true, colorScheme });
        try {
          const report = [];
          const audit = async (what) => {
            const v = await B.runAxe(page, { preload: transport !== 'file' });
            if (v.length) report.push(`${what}:\n${B.formatViolations(v)}`);
          };
          await page.goto(pageUrl(site, server, transport, site.quizPage));
          await page.waitForSelector('section.quiz[data-quiz-ready="true"]');
          await audit(`${site.quizPage} before answering`);
          // Graded state: one option chosen, the rest unanswered, so right and wrong marks both show.
          const info = await readQuiz(page);
          const wrong = wrongPlan(info);
          await page.check(`#${info.questions[wrong.index].id} input[value="${wrong.value}"]`);
          await page.click(`#${info.id} .quiz-check`);
          await page.waitForSelector(`#${info.id} .quiz-q.is-wrong`);
          await audit(`${site.quizPage} after "Kiểm tra"`);
          await page.goto(pageUrl(site, server, transport, site.worksheetPage));
          await audit(site.worksheetPage);
          if (transport === 'http') {
            // The form as children without JavaScript get it: quiz.js blocked, the place selects shown.
            // An empty script rather than a failed request: the guard counts failed requests.
            await page.route('**/quiz.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
            await page.goto(pageUrl(site, server, transport, site.quizPage));
            assert.ok(await page.locator('.quiz-position select').count() > 0);
            await audit(`${site.quizPage} without quiz.js`);
          }
          assert.equal(report.length, 0, `axe violations (${AXE_TAGS_TEXT}):\n${report.join('\n')}`);
          B.assertGuardClean(context.guard, assert);
        } finally {
          await context.close();
        }
      });
    }
  });
}

const AXE_TAGS_TEXT = B.AXE_TAGS.join(', ');
