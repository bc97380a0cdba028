'use strict';
// Just enough of a PDF reader for print tests: page sizes and count from the bytes Chromium writes,
// and the text through Debian's pdftotext (poppler-utils) when it is installed.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NUMBER = '(-?\\d+(?:\\.\\d+)?)';
const MEDIA_BOX = new RegExp(`/MediaBox\\s*\\[\\s*${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s*\\]`);

/**
 * The page objects of a PDF (`/Type /Page`, not the `/Pages` tree), each with its MediaBox in
 * points ({ width, height }), in file order. Chromium's PDFs keep page dictionaries uncompressed;
 * a page without its own MediaBox inherits the first one in the file (the page tree's).
 */
function pages(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const fallback = MEDIA_BOX.exec(text);
  const out = [];
  for (const m of text.matchAll(/\bobj\b([\s\S]*?)\bendobj\b/g)) {
    // The dictionary only: a compressed stream after it may hold any bytes.
    const dict = m[1].split(/\bstream\b/)[0];
    if (!/\/Type\s*\/Page(?![A-Za-z])/.test(dict)) continue;
    const box = MEDIA_BOX.exec(dict) || fallback;
    if (!box) throw new Error('a PDF page without a MediaBox');
    const [x0, y0, x1, y1] = box.slice(1, 5).map(Number);
    out.push({ width: x1 - x0, height: y1 - y0 });
  }
  return out;
}

/** The `/Count` of the page tree's root: how many pages the PDF says it has. */
function pageCount(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
    Number(m[1] || m[2]),
  );
  return counts.length ? Math.max(...counts) : null;
}

let pdftotext;
/** The pdftotext binary, or null when poppler-utils is not installed. */
function pdftotextBinary() {
  if (pdftotext !== undefined) return pdftotext;
  pdftotext = null;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const file = path.join(dir, 'pdftotext');
    if (dir && fs.existsSync(file)) {
      pdftotext = file;
      break;
    }
  }
  return pdftotext;
}

/** The text of a PDF, reading order, whitespace collapsed. Throws when pdftotext is missing. */
function text(bytes) {
  const bin = pdftotextBinary();
  if (!bin) throw new Error('pdftotext is not installed (Debian: poppler-utils)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoclieu-pdf-'));
  try {
    const file = path.join(dir, 'page.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync(bin, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { pages, pageCount, pdftotextBinary, text };
