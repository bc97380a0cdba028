'use strict';
// The pure part of themes/default/static/quiz.js, run in Node without a browser.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const quiz = require('../../themes/default/static/quiz.js');

const { gradeQuestion, gradeQuiz, normalizeText, foldDiacritics, format, shuffle, shuffleUnsolved, nextRecord } = quiz;

describe('text folding', () => {
  it('trims, collapses spaces and folds case', () => {
    assert.equal(normalizeText('  Mật   Khẩu \n', false), 'mật khẩu');
    assert.equal(normalizeText('ĐƯỜNG DÂY NÓNG', false), 'đường dây nóng');
  });

  it('composes decomposed input (NFC)', () => {
    const decomposed = 'ma\u0323\u0302t khâ\u0309u'; // "mật khẩu" typed with combining marks
    assert.notEqual(decomposed, 'mật khẩu');
    assert.equal(normalizeText(decomposed, false), 'mật khẩu');
  });

  it('folds diacritics only when asked, with đ → d', () => {
    assert.equal(normalizeText('Đà Nẵng', true), 'da nang');
    assert.equal(normalizeText('Đà Nẵng', false), 'đà nẵng');
    assert.equal(foldDiacritics('Đường đi'), 'Duong di');
    assert.equal(foldDiacritics('lu\u0300a đảo'), 'lua dao');
    assert.equal(normalizeText(null, true), '');
  });
});

describe('choice questions', () => {
  const single = { type: 'single', answering: 'choose-one', correct: [2], feedback: ['dễ đoán', null, null] };

  it('single: right, wrong and unanswered', () => {
    assert.equal(gradeQuestion(single, [2]).correct, true);
    const wrong = gradeQuestion(single, [0]);
    assert.deepEqual(
      { correct: wrong.correct, answered: wrong.answered, marks: wrong.marks, feedback: wrong.feedback },
      { correct: false, answered: true, marks: { 0: false }, feedback: [0] },
    );
    const none = gradeQuestion(single, []);
    assert.equal(none.correct, false);
    assert.equal(none.answered, false);
    assert.equal(gradeQuestion(single, undefined).answered, false);
  });

  it('single: string values from the DOM count too; two picks never pass', () => {
    assert.equal(gradeQuestion(single, ['2']).correct, true);
    assert.equal(gradeQuestion(single, [0, 2]).correct, false);
  });

  it('single: any listed right option passes', () => {
    const q = { type: 'single', answering: 'choose-one', correct: [0, 3] };
    assert.equal(gradeQuestion(q, [3]).correct, true);
    assert.equal(gradeQuestion(q, [1]).correct, false);
  });

  it('true-false: Đúng is 0, Sai is 1', () => {
    const q = { type: 'true-false', answering: 'choose-one', correct: [1], feedback: ['Không nên đâu.', null] };
    assert.equal(gradeQuestion(q, [1]).correct, true);
    const r = gradeQuestion(q, [0]);
    assert.equal(r.correct, false);
    assert.deepEqual(r.feedback, [0]);
  });

  it('multiple: exactly the right set, in any order', () => {
    const q = { type: 'multiple', answering: 'choose-all', correct: [0, 1, 3], feedback: [null, null, 'Không sao.', null] };
    assert.equal(gradeQuestion(q, [3, 0, 1]).correct, true);
    const missing = gradeQuestion(q, [0, 1]);
    assert.equal(missing.correct, false);
    assert.equal(missing.missing, true);
    assert.deepEqual(missing.marks, { 0: true, 1: true });
    const extra = gradeQuestion(q, [0, 1, 2, 3]);
    assert.equal(extra.correct, false);
    assert.deepEqual(extra.marks, { 0: true, 1: true, 2: false, 3: true });
    assert.deepEqual(extra.feedback, [2]);
    assert.equal(gradeQuestion(q, [0, 0, 1, 3]).correct, true, 'duplicates do not matter');
  });
});

describe('order questions', () => {
  const q = { type: 'order', answering: 'order', count: 4 };
  it('is right only in the exact order', () => {
    assert.equal(gradeQuestion(q, [0, 1, 2, 3]).correct, true);
    assert.equal(gradeQuestion(q, ['0', '1', '2', '3']).correct, true);
    const r = gradeQuestion(q, [1, 0, 2, 3]);
    assert.equal(r.correct, false);
    assert.deepEqual(r.marks, { 0: false, 1: false, 2: true, 3: true });
  });
  it('missing items are wrong', () => {
    assert.equal(gradeQuestion(q, [0, 1, 2]).correct, false);
  });
});

describe('match questions', () => {
  const q = { type: 'match', answering: 'match', answer: [0, 2, 1] };
  it('every left item must get its right item', () => {
    assert.equal(gradeQuestion(q, [0, 2, 1]).correct, true);
    assert.equal(gradeQuestion(q, ['0', '2', '1']).correct, true);
    const r = gradeQuestion(q, [0, 1, 2]);
    assert.equal(r.correct, false);
    assert.deepEqual(r.marks, { 0: true, 1: false, 2: false });
  });
  it('blank selects are unanswered, not wrong marks', () => {
    const r = gradeQuestion(q, [0, null, '']);
    assert.equal(r.correct, false);
    assert.equal(r.answered, true);
    assert.deepEqual(r.marks, { 0: true });
    assert.equal(gradeQuestion(q, [null, null, null]).answered, false);
  });
});

describe('text questions', () => {
  it('accepts any listed answer after trimming, case folding and NFC', () => {
    const q = { type: 'text', answering: 'type', accept: ['111', 'một một một'], fold_diacritics: false };
    assert.equal(gradeQuestion(q, ' 111 ').correct, true);
    assert.equal(gradeQuestion(q, 'MỘT MỘT MỘT').correct, true);
    assert.equal(gradeQuestion(q, 'mo\u0323\u0302t mo\u0323\u0302t mo\u0323\u0302t').correct, true, 'decomposed input');
    assert.equal(gradeQuestion(q, 'mot mot mot').correct, false, 'diacritics count when folding is off');
    assert.equal(gradeQuestion(q, '').answered, false);
    assert.equal(gradeQuestion(q, '   ').answered, false);
  });
  it('folds diacritics and đ when allowed', () => {
    const q = { type: 'text', answering: 'type', accept: ['Đường dây nóng'], fold_diacritics: true };
    assert.equal(gradeQuestion(q, 'duong day nong').correct, true);
    assert.equal(gradeQuestion(q, '  DUONG  DAY NONG ').correct, true);
    assert.equal(gradeQuestion(q, 'đường dây nóng').correct, true);
    assert.equal(gradeQuestion(q, 'duong day').correct, false);
  });
});

describe('whole quiz', () => {
  const data = {
    key: 'tieu-hoc/mat-khau#1',
    pass: 70,
    questions: [
      { type: 'single', answering: 'choose-one', correct: [2], feedback: [null, null, null], explain: null },
      { type: 'multiple', answering: 'choose-all', correct: [0, 1], feedback: [null, null, null], explain: null },
      { type: 'true-false', answering: 'choose-one', correct: [1], feedback: [null, null], explain: null },
      { type: 'order', answering: 'order', count: 3, explain: null },
      { type: 'match', answering: 'match', answer: [1, 0], explain: null },
      { type: 'text', answering: 'type', accept: ['mật khẩu'], fold_diacritics: true, explain: null },
    ],
  };
  const right = [[2], [0, 1], [1], [0, 1, 2], [1, 0], 'MAT KHAU'];

  it('counts, rounds the percentage and applies the pass mark', () => {
    assert.deepEqual(
      (({ correct, total, percent, passed }) => ({ correct, total, percent, passed }))(gradeQuiz(data, right)),
      { correct: 6, total: 6, percent: 100, passed: true },
    );
    const five = right.slice();
    five[0] = [1];
    const r = gradeQuiz(data, five);
    assert.deepEqual([r.correct, r.percent, r.passed], [5, 83, true]);
    const four = five.slice();
    four[3] = [2, 1, 0];
    const r4 = gradeQuiz(data, four);
    assert.deepEqual([r4.correct, r4.percent, r4.passed], [4, 67, false]);
    assert.equal(gradeQuiz(data, []).correct, 0);
    assert.equal(gradeQuiz({ questions: [] }, []).percent, 0);
  });

  it('formats the announcement', () => {
    const r = gradeQuiz(data, right);
    assert.equal(format(quiz.DEFAULT_STRINGS.quiz_score, r), 'Em đúng 6/6 câu (100%).');
    assert.equal(format('{a} {missing}', { a: 1 }), '1 {missing}');
  });
});

describe('shuffling and records', () => {
  it('shuffle keeps every element', () => {
    const list = [0, 1, 2, 3, 4, 5];
    assert.deepEqual(shuffle(list).sort(), list);
    assert.deepEqual(list, [0, 1, 2, 3, 4, 5], 'input untouched');
  });

  it('an order question never comes back solved', () => {
    const items = [0, 1, 2, 3];
    for (let i = 0; i < 50; i++) assert.notDeepEqual(shuffleUnsolved(items, (x) => x), items);
    // Even with a random source that always leaves things in place.
    const stuck = () => 0.999999;
    assert.notDeepEqual(shuffleUnsolved(items, (x) => x, stuck), items);
    assert.deepEqual(shuffleUnsolved([0], (x) => x), [0]);
  });

  it('keeps the best, the last and the number of attempts', () => {
    let rec = nextRecord(null, 60);
    assert.deepEqual(rec, { best: 60, last: 60, attempts: 1 });
    rec = nextRecord(rec, 100);
    rec = nextRecord(rec, 40);
    assert.deepEqual(rec, { best: 100, last: 40, attempts: 3 });
    assert.deepEqual(nextRecord({ best: 'x' }, 50), { best: 50, last: 50, attempts: 1 }, 'a corrupt record starts over');
  });
});

// quiz_* keys the engine (t("quiz_…")) and the templates (t.quiz_…) ask for.
function engineKeys() {
  const fs = require('node:fs');
  const path = require('node:path');
  const root = path.join(__dirname, '..', '..');
  const keys = new Set();
  for (const dir of ['src', path.join('themes', 'default', 'templates')]) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of fs.readdirSync(full, { recursive: true })) {
      if (!/\.(rs|html|xml)$/.test(f)) continue;
      const text = fs.readFileSync(path.join(full, f), 'utf8');
      for (const m of text.matchAll(/t\("(quiz_\w+)"\)|\bt\.(quiz_\w+)/g)) keys.add(m[1] || m[2]);
    }
  }
  return keys;
}

describe('strings', () => {
  it('the i18n files define every string the script uses, in vi and en', () => {
    const fs = require('node:fs');
    const path = require('node:path');
    for (const lang of ['vi', 'en']) {
      const file = path.join(__dirname, '..', '..', 'themes', 'default', 'i18n', `${lang}.yaml`);
      const keys = new Set(fs.readFileSync(file, 'utf8').split('\n').map((l) => (l.match(/^(quiz_\w+):/) || [])[1]).filter(Boolean));
      for (const k of Object.keys(quiz.DEFAULT_STRINGS)) assert.ok(keys.has(k), `${lang}.yaml lacks ${k}`);
      for (const k of engineKeys()) assert.ok(keys.has(k), `${lang}.yaml lacks ${k}, used by the engine or templates`);
    }
  });
});

describe('grading goes by how a question is answered, not by its type name', () => {
  it('grades a type quiz.js has never heard of by its way of answering', () => {
    const q = { type: 'picture-choice', correct: [1], feedback: [null, null] };
    assert.equal(gradeQuestion(q, [1], 'choose-one').correct, true);
    assert.equal(gradeQuestion(q, [0], 'choose-one').correct, false);
    assert.equal(gradeQuestion({ type: 'single', correct: [0] }, [0]).answered, false, 'no way of answering: nothing graded');
  });
});
