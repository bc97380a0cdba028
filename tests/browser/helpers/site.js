'use strict';
// Which site the browser tests look at, and how it is served.
//
// HOCLIEU_SITE=<folder>      a built site (e.g. public/); default: the hand-written fixture pages in
//                            ../fixtures, copied to a temp folder together with themes/default/static
//                            as assets/ (the same layout the engine writes).
// HOCLIEU_QUIZ_PAGE=<path>   page with a quiz, relative to the site (default: fixture's, or found).
// HOCLIEU_WORKSHEET_PAGE=<path>  a worksheet page (default: fixture's, or the first phieu-N.html).

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const THEME_STATIC = path.join(REPO, 'themes', 'default', 'static');
const FIXTURE_QUIZ_PAGE = 'tieu-hoc/mat-khau/index.html';
const FIXTURE_WORKSHEET_PAGE = 'tieu-hoc/mat-khau/phieu-1.html';
// A sub-path catches URLs that only work at a server's root (`/assets/…`).
const SUB_PATH = '/sub/dir/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Every file under `dir`, as `/`-separated paths relative to `base`. */
async function walk(dir, base = dir, out = []) {
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, base, out);
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

// The page whose quiz markup shows the most question types; ties go to the first path.
async function findQuizPage(root) {
  let best = null;
  for (const rel of (await walk(root)).filter((p) => p.endsWith('.html')).sort()) {
    const html = await fsp.readFile(path.join(root, rel), 'utf8');
    if (!/<section[^>]*class="quiz"/.test(html)) continue;
    const types = new Set([...html.matchAll(/class="quiz-q"[^>]*data-type="([a-z-]+)"/g)].map((m) => m[1]));
    if (!best || types.size > best.types) best = { rel, types: types.size };
  }
  return best && best.rel;
}

async function findWorksheetPage(root) {
  const pages = (await walk(root)).filter((p) => /(^|\/)phieu-\d+\.html$/.test(p)).sort();
  return pages[0] || null;
}

async function prepareSite() {
  if (process.env.HOCLIEU_SITE) {
    const root = path.resolve(process.env.HOCLIEU_SITE);
    if (!fs.existsSync(root)) throw new Error(`HOCLIEU_SITE folder does not exist: ${root}`);
    const quizPage = process.env.HOCLIEU_QUIZ_PAGE || (await findQuizPage(root));
    const worksheetPage = process.env.HOCLIEU_WORKSHEET_PAGE || (await findWorksheetPage(root));
    if (!quizPage) throw new Error(`no page with a section.quiz under ${root}`);
    if (!worksheetPage) throw new Error(`no phieu-N.html worksheet under ${root}`);
    return { root, fixture: false, quizPage, worksheetPage, cleanup: async () => {} };
  }
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'hoclieu-site-'));
  await fsp.cp(FIXTURES, root, { recursive: true });
  const assets = path.join(root, 'assets');
  await fsp.mkdir(assets, { recursive: true });
  if (fs.existsSync(THEME_STATIC)) await fsp.cp(THEME_STATIC, assets, { recursive: true });
  // The stylesheet belongs to another part of the theme; until it exists an empty one keeps the
  // fixture from logging a load error.
  if (!fs.existsSync(path.join(assets, 'style.css'))) await fsp.writeFile(path.join(assets, 'style.css'), '');
  return {
    root,
    fixture: true,
    quizPage: process.env.HOCLIEU_QUIZ_PAGE || FIXTURE_QUIZ_PAGE,
    worksheetPage: process.env.HOCLIEU_WORKSHEET_PAGE || FIXTURE_WORKSHEET_PAGE,
    cleanup: () => fsp.rm(root, { recursive: true, force: true }),
  };
}

// Serves only files under `root`, only under SUB_PATH, and never a folder's index: the site must
// name every file it links to, so a bare-folder link shows up as a 404.
function serve(root) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (!url.pathname.startsWith(SUB_PATH)) {
        res.writeHead(404).end('outside the site');
        return;
      }
      const rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length));
      const file = path.resolve(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const stat = await fsp.stat(file).catch(() => null);
      if (!stat || !stat.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        base: origin + SUB_PATH,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

// Where to point the browser: served over http under the sub-path, or straight from disk.
function pageUrl(site, server, transport, page) {
  if (transport === 'file') return pathToFileURL(path.join(site.root, page)).href;
  return server.base + page.split('/').map(encodeURIComponent).join('/');
}

module.exports = { prepareSite, serve, pageUrl, findQuizPage, findWorksheetPage, walk, REPO, SUB_PATH };
