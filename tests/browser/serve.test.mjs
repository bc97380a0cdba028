// `hoclieu serve` in headless Chromium: many page loads with no stall (every load runs live.js,
// which long-polls the server), the time from a save to the reload and to the edit on screen,
// and a deleted lesson reloading its open page.
//
// Opt-in, as it needs a built binary and takes a minute or more:
//   cargo build --release
//   HOCLIEU_BIN=target/release/hoclieu tests/browser/run.sh
// HOCLIEU_SERVE_LOADS=<n>    page loads (default 200; docs/reliability.md reports 1,000)
// HOCLIEU_SERVE_SAVES=<n>    saves timed (default 20)
// HOCLIEU_SERVE_FRESH=1      every load in a new browser context (new connections, empty cache)
//                            instead of one tab reloading (kept-alive connections)
// HOCLIEU_SERVE_REPORT=<file> also write the figures there as JSON
// Only 127.0.0.1 is ever contacted; the site is a copy of tests/fixtures/site in a temp folder.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const B = require('./helpers/browser');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(HERE, '..', 'fixtures', 'site');
const BIN = process.env.HOCLIEU_BIN ? path.resolve(process.env.HOCLIEU_BIN) : null;
const LOADS = Number(process.env.HOCLIEU_SERVE_LOADS || 200);
const SAVES = Number(process.env.HOCLIEU_SERVE_SAVES || 20);
const FRESH = process.env.HOCLIEU_SERVE_FRESH === '1';
const SKIP = BIN ? false : 'HOCLIEU_BIN is not set: build hoclieu, then HOCLIEU_BIN=target/release/hoclieu tests/browser/run.sh';
// The lesson with an image and a quiz: the page that stalled most often before.
const LESSON = 'content/tieu-hoc/mat-khau.md';
const LESSON_URL = 'tieu-hoc/mat-khau/';
const TITLE = 'title: Mật khẩu là bí mật';
// A load (to `load`, and live.js asking the server for news) slower than this is a stall.
const STALL_MS = 5000;

const figures = {};

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const round = (x) => Math.round(x * 10) / 10;
  return { n: s.length, median: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(s[s.length - 1]) };
}

async function startServer(root) {
  const child = spawn(BIN, ['serve', '--port', '0', '--bind', '127.0.0.1', '--root', root], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const log = [];
  const origin = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${buffer}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      for (const line of chunk.toString().split('\n')) if (line.trim()) log.push(line);
      const m = buffer.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.on('exit', (code) => reject(new Error(`hoclieu serve exited with ${code}:\n${buffer}`)));
  });
  return { child, origin, log };
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('hoclieu serve in the browser', { skip: SKIP, timeout: 1_800_000 }, () => {
  let root;
  let server;
  let browser;

  before(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'hoclieu-serve-'));
    await fsp.cp(FIXTURE, root, { recursive: true });
    server = await startServer(root);
    browser = await B.launch();
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.child.kill();
    if (root) await fsp.rm(root, { recursive: true, force: true });
    if (Object.keys(figures).length) {
      console.log(`serve figures: ${JSON.stringify(figures, null, 2)}`);
      if (process.env.HOCLIEU_SERVE_REPORT) fs.writeFileSync(process.env.HOCLIEU_SERVE_REPORT, JSON.stringify(figures, null, 2));
    }
  });

  it(`loads the lesson page ${LOADS} times with no stall`, async () => {
    let context = await B.guardedContext(browser, { transport: 'http', origin: server.origin });
    let page = await context.newPage();
    const broken = [];
    const url = `${server.origin}/${LESSON_URL}`;
    const times = [];
    const stalls = [];
    for (let i = 0; i < LOADS; i++) {
      if (FRESH && i > 0) {
        broken.push(...context.guard.broken);
        await context.close();
        context = await B.guardedContext(browser, { transport: 'http', origin: server.origin });
        page = await context.newPage();
      }
      const t0 = performance.now();
      // live.js asks for the status, then parks a long poll: both mean it ran after its page loaded.
      const polled = page
        .waitForRequest((r) => r.url().includes('/__hoclieu/wait?v='), { timeout: STALL_MS })
        .then(() => true, () => false);
      try {
        await page.goto(url, { waitUntil: 'load', timeout: STALL_MS });
        if (!(await polled)) throw new Error('live.js never asked the server for news');
        times.push(performance.now() - t0);
      } catch (e) {
        await polled;
        stalls.push(`load ${i}: ${e.message.split('\n')[0]}`);
      }
    }
    figures[FRESH ? 'freshPageLoads' : 'pageLoads'] = { ...stats(times), stalls: stalls.length };
    broken.push(...context.guard.broken);
    await context.close();
    assert.deepEqual(stalls, [], `${stalls.length} of ${LOADS} loads stalled`);
    // A navigation aborts the previous page's long poll; everything else must have loaded.
    assert.deepEqual(broken.filter((b) => !b.includes('/__hoclieu/wait')), []);
  });

  it(`reloads open pages soon after a save (${SAVES} saves)`, async () => {
    const context = await browser.newContext();
    // The page's own clock says when it started loading, when its DOM was ready and when the next
    // frames were painted: no round trip to the test (slow on a busy machine) is counted.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.__hoclieuTimes = { dcl: Date.now() };
        requestAnimationFrame(() => requestAnimationFrame(() => (window.__hoclieuTimes.painted = Date.now())));
      });
    });
    const page = await context.newPage();
    const url = `${server.origin}/${LESSON_URL}`;
    await page.goto(url, { waitUntil: 'load' });
    const file = path.join(root, LESSON);
    const original = await fsp.readFile(file, 'utf8');
    assert.ok(original.includes(TITLE));
    const sent = [];
    const reloadStart = [];
    const domReady = [];
    const visible = [];
    for (let i = 0; i < SAVES; i++) {
      await page.waitForRequest((r) => r.url().includes('/__hoclieu/wait?v='), { timeout: STALL_MS }).catch(() => {});
      const { version } = await getJson(`${server.origin}/__hoclieu/status`);
      // A client of our own waits like the page does: the moment it is answered is "reload sent".
      const poll = getJson(`${server.origin}/__hoclieu/wait?v=${version}`);
      await sleep(100);
      const marker = `Lưu lần ${i}`;
      const text = original.replace(TITLE, `title: ${marker}`);
      const t0 = Date.now();
      const p0 = performance.now();
      if (i % 2 === 0) {
        // In place, as VS Code saves.
        await fsp.writeFile(file, text);
      } else {
        // A new file renamed over the old one, as vim and many other editors save.
        await fsp.writeFile(`${file}.tmp`, text);
        await fsp.rename(`${file}.tmp`, file);
      }
      poll.then(() => sent.push(performance.now() - p0));
      await page.waitForFunction(
        (m) => document.querySelector('h1')?.textContent.includes(m) && window.__hoclieuTimes?.painted,
        marker,
        { polling: 20, timeout: STALL_MS },
      );
      const times = await page.evaluate(() => ({ origin: performance.timeOrigin, ...window.__hoclieuTimes }));
      reloadStart.push(times.origin - t0);
      domReady.push(times.dcl - t0);
      visible.push(times.painted - t0);
      await poll;
    }
    await fsp.writeFile(file, original);
    figures.save = {
      reloadSent: stats(sent),
      reloadStarted: stats(reloadStart),
      domContentLoaded: stats(domReady),
      editPainted: stats(visible),
    };
    await context.close();
    assert.ok(figures.save.reloadSent.median < 60, `save → reload sent, median ${figures.save.reloadSent.median} ms`);
  });

  it('reloads an open page when its lesson is deleted', async () => {
    const extra = path.join(root, 'content/tieu-hoc/bai-them.md');
    const text = (await fsp.readFile(path.join(root, 'content/tieu-hoc/nguoi-la.md'), 'utf8'))
      .replace(/^title: .*$/m, 'title: Bài thêm')
      .replace(/^order: .*$/m, 'order: 9');
    await fsp.writeFile(extra, text);
    const url = `${server.origin}/tieu-hoc/bai-them/`;
    const context = await browser.newContext();
    const page = await context.newPage();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await page.goto(url, { waitUntil: 'load' })).status();
      if (status !== 200) await sleep(50);
    }
    assert.equal(status, 200, 'the new lesson is served');
    await page.waitForRequest((r) => r.url().includes('/__hoclieu/wait?v='), { timeout: STALL_MS }).catch(() => {});
    const reloaded = page.waitForResponse((r) => r.request().isNavigationRequest() && r.url() === url, { timeout: STALL_MS });
    const t0 = performance.now();
    await fsp.rm(extra);
    const response = await reloaded;
    figures.deleteReload = Math.round(performance.now() - t0);
    assert.equal(response.status(), 404, 'the page reloaded and shows that the lesson is gone');
    await context.close();
  });
});
