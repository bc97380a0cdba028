'use strict';
// Chromium, the privacy guard, axe-core and keyboard-only helpers for the browser tests.

const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.HOCLIEU_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A browser context that records everything the page asks for. `transport` is 'http' (then
 * `origin` is the only allowed origin) or 'file' (then only file: and data: URLs are allowed).
 * Anything else is recorded as a leak and, for http(s), aborted so it never leaves the machine.
 */
async function guardedContext(browser, { transport, origin, ...options }) {
  const context = await browser.newContext(options);
  const guard = { leaks: [], broken: [], errors: [], requests: [] };
  const allowed = (url) => {
    if (url.startsWith('data:')) return true;
    if (transport === 'file') return url.startsWith('file:');
    return url.startsWith(origin + '/');
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return allowed(url) ? route.continue() : route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    guard.requests.push(req.url());
    if (!allowed(req.url())) guard.leaks.push(req.url());
  });
  context.on('requestfailed', (req) => {
    const error = req.failure() && req.failure().errorText;
    // A request still in flight when the test moves to the next page (Chromium fetches the favicon after
    // `load`) is cancelled, not broken: a missing file shows as HTTP 404 or ERR_FILE_NOT_FOUND instead.
    if (error === 'net::ERR_ABORTED') return;
    if (allowed(req.url())) guard.broken.push(`${req.url()} (${error})`);
  });
  context.on('response', (res) => {
    if (res.status() >= 400) guard.broken.push(`${res.url()} (HTTP ${res.status()})`);
  });
  context.on('page', (page) => watchPage(page, guard));
  context.guard = guard;
  return context;
}

function watchPage(page, guard) {
  page.on('pageerror', (err) => guard.errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') guard.errors.push(`console error: ${msg.text()}`);
  });
}

function assertGuardClean(guard, assert) {
  assert.deepStrictEqual(guard.leaks, [], `requests left the page's origin:\n${guard.leaks.join('\n')}`);
  assert.deepStrictEqual(guard.broken, [], `requests failed:\n${guard.broken.join('\n')}`);
  assert.deepStrictEqual(guard.errors, [], `errors in the page:\n${guard.errors.join('\n')}`);
}

let axeSource = null;

// The page CSP forbids inline scripts, so the context running axe must be made with bypassCSP.
// `preload` lets axe re-fetch stylesheets it cannot read through the CSSOM; from file:// that fetch
// always fails (and would be reported as a broken request), so pass false there.
async function runAxe(page, { preload = true } = {}) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async ({ tags, preload }) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, { tags: AXE_TAGS, preload });
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    at ${n.target}\n      ${n.html.slice(0, 200)}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

// ---- keyboard only ------------------------------------------------------------------------------

async function focusState(page, selector) {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel);
    if (!target) return 'missing';
    const a = document.activeElement;
    if (a && a !== document.body && a.matches(sel)) return 'here';
    if (!a || a === document.body || a === document.documentElement) return 'forward';
    return a.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING ? 'forward' : 'back';
  }, selector);
}

/**
 * Moves focus with Tab / Shift+Tab only until the focused element matches `selector` (the first
 * match decides the direction). Fails when the element cannot be reached by keyboard.
 */
async function tabTo(page, selector, max = 150) {
  let last = null;
  let turns = 0;
  for (let n = 0; n < max; n++) {
    const state = await focusState(page, selector);
    if (state === 'missing') throw new Error(`no element matches ${selector}`);
    if (state === 'here') return;
    if (last && state !== last) turns += 1;
    // Going back and forth means we keep stepping over it: it is not in the tab order.
    if (turns > 3) break;
    last = state;
    await page.keyboard.press(state === 'forward' ? 'Tab' : 'Shift+Tab');
  }
  const active = await page.evaluate(() => document.activeElement && document.activeElement.outerHTML.slice(0, 120));
  throw new Error(`${selector} is not reachable with Tab (focus is on ${active})`);
}

function activeMatches(page, selector) {
  return page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
}

// Radios are one tab stop per group: Tab into the group, then arrow keys (which also check).
async function chooseRadio(page, name, value) {
  const group = `input[type="radio"][name="${name}"]`;
  await tabTo(page, group);
  const count = await page.locator(group).count();
  for (let n = 0; n <= count * 2; n++) {
    const cur = await page.evaluate(() => ({ value: document.activeElement.value, checked: document.activeElement.checked }));
    if (cur.value === String(value)) {
      if (!cur.checked) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not reach radio ${name}=${value} with arrow keys`);
}

async function toggleCheckbox(page, name, value) {
  await tabTo(page, `input[type="checkbox"][name="${name}"][value="${value}"]`);
  await page.keyboard.press('Space');
}

// A closed <select> changes value with the arrow keys, as a keyboard user would do it.
async function chooseSelect(page, selector, value) {
  await tabTo(page, selector);
  const count = await page.locator(`${selector} option`).count();
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let n = 0; n <= count; n++) {
      if ((await page.evaluate(() => document.activeElement.value)) === String(value)) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`could not choose ${value} in ${selector} with arrow keys`);
}

module.exports = {
  AXE_TAGS,
  launch,
  guardedContext,
  assertGuardClean,
  runAxe,
  formatViolations,
  tabTo,
  activeMatches,
  chooseRadio,
  toggleCheckbox,
  chooseSelect,
};
