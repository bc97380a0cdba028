// Load figures for `hoclieu serve` (docs/reliability.md, "Dev server"). Not a test: it prints
// figures as JSON, for any binary, so that two versions can be compared on one machine.
//
//   node tests/browser/serve-load.mjs target/release/hoclieu [connections=1000] [seconds=10]
//
// It serves a copy of tests/fixtures/site on 127.0.0.1 (nothing else is contacted) and measures:
//   keepAlive   500 requests one after another on one kept-alive connection (ms each)
//   load        `connections` kept-alive clients requesting pages for `seconds` (requests/s,
//               latency, errors) with the server's threads and memory (Linux /proc) sampled
//   slowloris   as many connections that send half a request head and stop, then the time a
//               normal request takes
//   slowReaders 16 clients that ask for a 48 MiB file and read nothing, then the time normal
//               requests take
// Every phase is bounded in count and time; a request that takes over 10 s counts as failed.

import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(HERE, '..', 'fixtures', 'site');
const [binArg, connArg, secondsArg] = process.argv.slice(2);
if (!binArg) {
  console.error('usage: node tests/browser/serve-load.mjs <hoclieu binary> [connections] [seconds]');
  process.exit(2);
}
const BIN = path.resolve(binArg);
const CONNECTIONS = Math.min(Number(connArg || 1000), 5000);
const SECONDS = Math.min(Number(secondsArg || 10), 60);
const PATHS = ['/', '/tieu-hoc/mat-khau/', '/tieu-hoc/', '/assets/style.css', '/thcs/bat-nat/', '/khong-co.html'];
const TIMEOUT_MS = 10_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stats(values) {
  if (!values.length) return { n: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const r = (x) => Math.round(x * 100) / 100;
  return { n: s.length, median: r(at(0.5)), p90: r(at(0.9)), p99: r(at(0.99)), max: r(s[s.length - 1]) };
}

function proc(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm')) || [])[1]);
    return { threads: field('Threads'), rssMiB: Math.round(field('VmRSS') / 1024) };
  } catch {
    return { threads: NaN, rssMiB: NaN };
  }
}

async function startServer(root) {
  const child = spawn(BIN, ['serve', '--port', '0', '--bind', '127.0.0.1', '--root', root], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const origin = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${buffer}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      const m = buffer.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ host: '127.0.0.1', port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`hoclieu serve exited with ${code}:\n${buffer}`)));
  });
  return { child, ...origin };
}

function request(server, agent, p) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get({ host: server.host, port: server.port, path: p, agent, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200 || res.statusCode === 404, ms: performance.now() - t0 }));
      res.on('error', () => resolve({ ok: false, ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ok: false, ms: performance.now() - t0 }));
  });
}

async function keepAlive(server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  for (let i = 0; i < 500; i++) {
    const r = await request(server, agent, PATHS[i % PATHS.length]);
    if (r.ok) times.push(r.ms);
  }
  agent.destroy();
  return stats(times);
}

async function load(server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
  const times = [];
  let errors = 0;
  const peak = { threads: 0, rssMiB: 0 };
  const sampler = setInterval(() => {
    const p = proc(server.child.pid);
    peak.threads = Math.max(peak.threads, p.threads);
    peak.rssMiB = Math.max(peak.rssMiB, p.rssMiB);
  }, 250);
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = c; performance.now() < until; i++) {
        const r = await request(server, agent, PATHS[i % PATHS.length]);
        if (r.ok) times.push(r.ms);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  agent.destroy();
  return { connections: CONNECTIONS, seconds: SECONDS, requests: times.length, perSecond: Math.round(times.length / elapsed), errors, latencyMs: stats(times), peak };
}

function openSockets(server, n, send) {
  return Promise.all(
    Array.from({ length: n }, () =>
      new Promise((resolve) => {
        const s = net.connect(server.port, server.host, () => {
          s.write(send);
          resolve(s);
        });
        s.on('error', () => resolve(s));
        // Never read: the socket's buffers fill up and stay full.
        s.pause();
      }),
    ),
  );
}

async function normalRequests(server, n = 5) {
  const times = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const r = await request(server, false, PATHS[i % 4]);
    if (r.ok) times.push(r.ms);
    else failed++;
  }
  return { ...stats(times), failed };
}

async function slowloris(server) {
  const sockets = await openSockets(server, CONNECTIONS, 'GET / HTTP/1.1\r\nHost: local');
  await sleep(500);
  const during = await normalRequests(server);
  const p = proc(server.child.pid);
  for (const s of sockets) s.destroy();
  return { connections: CONNECTIONS, normalRequestMs: during, ...p };
}

async function slowReaders(server, root) {
  const sockets = await openSockets(server, 16, 'GET /video.mp4 HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await sleep(1000);
  const during = await normalRequests(server);
  const p = proc(server.child.pid);
  for (const s of sockets) s.destroy();
  return { readers: 16, normalRequestMs: during, ...p };
}

const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'hoclieu-load-'));
await fsp.cp(FIXTURE, root, { recursive: true });
await fsp.writeFile(path.join(root, 'static', 'video.mp4'), Buffer.alloc(48 << 20, 7));
const server = await startServer(root);
const figures = { binary: BIN, cores: os.cpus().length };
try {
  await sleep(500);
  figures.idle = proc(server.child.pid);
  figures.keepAlive = await keepAlive(server);
  figures.load = await load(server);
  figures.slowloris = await slowloris(server);
  figures.slowReaders = await slowReaders(server, root);
  figures.after = proc(server.child.pid);
} finally {
  server.child.kill();
  await fsp.rm(root, { recursive: true, force: true });
}
console.log(JSON.stringify(figures, null, 2));
