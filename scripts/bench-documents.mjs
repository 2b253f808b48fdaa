#!/usr/bin/env node
// BENCH_SCENARIO=documents (scripts/bench.mjs; docs/documents.md): the upload and the download of a
// 20 MB case document over HTTP, against the built API on a fresh embedded database (or DATABASE_URL with
// LANTERN_DEMO=1), as the web app sends it (multipart/form-data, the fields, then the file). Reports the
// throughput of each and the API process's resident memory, sampled every 50 ms: flat means the file is
// streamed through in chunks, never held whole. BENCH_DOC_MB changes the size, BENCH_DOC_RUNS the runs.
// A clamd (LANTERN_CLAMD_SOCKET, docker/clamav/start-clamd.sh) makes the upload include the virus scan.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(process.env.BENCH_ROOT ?? '.');
const mb = Number(process.env.BENCH_DOC_MB ?? 20);
const runs = Number(process.env.BENCH_DOC_RUNS ?? 3);
const size = Math.round(mb * 1024 * 1024);
const port = 3400 + Math.floor(Math.random() * 500);
const dataDir = mkdtempSync(join(tmpdir(), 'lantern-bench-docs-'));
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  env: { ...process.env, PORT: String(port), LANTERN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', LANTERN_FILES_MAX_MB: String(Math.max(25, Math.ceil(mb) + 1)), ...(process.env.DATABASE_URL ? { LANTERN_DEMO: '1' } : {}) },
  stdio: 'ignore',
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The API process's resident memory (Linux), in MB. */
function rssMb() {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** Samples the server's memory while `work` runs: the baseline before, and the peak during. */
async function measured(work) {
  const before = rssMb();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const t0 = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - t0, rssBeforeMb: +before.toFixed(1), rssPeakMb: +peak.toFixed(1) };
  } finally {
    clearInterval(timer);
  }
}

/** Sends the multipart body piece by piece (64 KiB), as a browser does, without building it whole. */
function upload(cookie, caseId, content) {
  const boundary = `----lantern${randomBytes(8).toString('hex')}`;
  const fields = { caseId, kind: 'legal', title: 'Benchmark file' };
  const head = Buffer.from(
    Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolveUpload, reject) => {
    const req = request(`${base}/api/v1/documents`, {
      method: 'POST',
      headers: { cookie, 'x-lantern-client': 'web', 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + content.length + tail.length) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const parts = [];
      res.on('data', (p) => parts.push(p));
      res.on('end', () => (res.statusCode === 201 ? resolveUpload(JSON.parse(Buffer.concat(parts).toString('utf8'))) : reject(new Error(`upload: ${res.statusCode} ${Buffer.concat(parts)}`))));
    });
    req.write(head);
    let at = 0;
    const pump = () => {
      while (at < content.length) {
        const piece = content.subarray(at, at + 64 * 1024);
        at += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

function download(cookie, id) {
  return new Promise((resolveDownload, reject) => {
    request(`${base}/api/v1/documents/${id}/content`, { headers: { cookie, 'accept-encoding': 'identity' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download: ${res.statusCode}`));
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (p) => {
        hash.update(p);
        bytes += p.length;
      });
      res.on('end', () => resolveDownload({ bytes, sha256: hash.digest('hex') }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

let result;
try {
  for (;;) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lantern-client': 'web', 'x-forwarded-for': '10.9.2.1' },
    body: JSON.stringify({ email: 'caseworker@harbor.demo', password: 'lantern-demo-password' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const post = async (path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-lantern-client': 'web' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const survivor = await post('/survivors', { alias: 'Bench documents' });
  const kase = await post('/cases', { survivorId: survivor.id });
  // Plain text, so it is accepted whatever it holds; different bytes each run.
  const line = Buffer.from('Lantern streams case documents in encrypted chunks. ');
  const rows = [];
  for (let run = 0; run < runs; run++) {
    const content = Buffer.alloc(size, Buffer.concat([Buffer.from(`run ${run} `), line]));
    const expected = createHash('sha256').update(content).digest('hex');
    const up = await measured(() => upload(cookie, kase.id, content));
    const down = await measured(() => download(cookie, up.value.id));
    if (down.value.bytes !== size || down.value.sha256 !== expected || up.value.sha256 !== expected) throw new Error('the file came back different');
    rows.push({
      scanStatus: up.value.scanStatus,
      uploadMs: Math.round(up.ms),
      uploadMBps: +(mb / (up.ms / 1000)).toFixed(1),
      downloadMs: Math.round(down.ms),
      downloadMBps: +(mb / (down.ms / 1000)).toFixed(1),
      rssBeforeUploadMb: up.rssBeforeMb,
      rssPeakUploadMb: up.rssPeakMb,
      rssPeakDownloadMb: down.rssPeakMb,
    });
  }
  result = { database: process.env.DATABASE_URL ? 'server' : 'embedded', fileMb: mb, runs: rows };
} finally {
  server.kill('SIGTERM');
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
}
const text = `${JSON.stringify(result, null, 2)}\n`;
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, text);
process.stdout.write(text);
