#!/usr/bin/env node
// The office benchmark (`BENCH_SCENARIO=office npm run bench`, issue 9): a small program on the embedded
// database (no DATABASE_URL: the API runs PGlite itself). Loads BENCH_OFFICE_CASES synthetic cases
// (default 10,000) over 6 synthetic caseworkers evenly (seed --caseworkers 6 --heavy 0) into a fresh data
// directory, then a 10-user office works at once (BENCH_OFFICE_CONNECTIONS, default 10: one connection
// and one session per person, each going round the pages that person uses):
//   - 7 caseworkers (caseworker-001..005@harbor.demo, and the demo's caseworker@ and caseworker2@):
//     their active cases, their caseload dashboard, two of their cases opened (audited reads);
//   - 2 coordinator sessions: the active cases of the program, the program overview, the referral board,
//     a case opened;
//   - 1 partner (partner@safehomes.demo): the inbox.
// It measures requests/s, p50 and p99 over BENCH_SECONDS (default 10), then runs the same window again
// while the analyst builds an anonymized metrics release of the last frozen year in k mode (step-up, then
// POST /api/v1/metrics/releases), and reports the requests sent while the release was being built (from
// its createdAt to its finishedAt) apart from the whole window. Each connection is an autocannon instance
// of its own; every response is kept with its send time, and a request still waiting at the end of a
// window counts with what it had waited (a stalled event loop must not drop its own worst requests).
// Each window also gives the API process's CPU time per request answered (utime + stime of its event loop
// and the PGlite thread, from /proc; with a release, its build too) and the load average at its start:
// on a shared machine the CPU moves less than the latencies.
// Table on stdout, JSON to BENCH_JSON (default a file in the temporary directory).
// BENCH_DATA_DIR=<dir> measures a directory kept before (BENCH_KEEP=1) without loading; a release is made
// once per period, so a rerun takes the next frozen period that has none. BENCH_OFFICE_RELEASE=0 measures
// the office at rest only.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_JS, PASSWORD, ROOT, baseEnv, get, listQuery, log, login, machine, describeRoot, revision, run, sleep, startApi, waitQuiet } from './bench-lib.mjs';

const cases = Number(process.env.BENCH_OFFICE_CASES ?? 10_000);
const connections = Number(process.env.BENCH_OFFICE_CONNECTIONS ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const reuse = process.env.BENCH_DATA_DIR ?? null;
const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'lantern-bench-office-'));
const env = { ...baseEnv(), LANTERN_DATA_DIR: dataDir };
delete env.DATABASE_URL;
delete env.LANTERN_DEMO;

const n = (v) => Math.round(v).toLocaleString('en-US');
/** The API process's CPU time so far (utime + stime, its event loop and the PGlite thread), in ms. */
const cpuMillis = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const out = { scenario: 'office', database: 'embedded', root: ROOT, revision: revision(), cases, connections, seconds };
let api = null;

try {
  if (!reuse) {
    log(`Loading ${n(cases)} synthetic cases into the embedded database in ${dataDir}...`);
    const t0 = performance.now();
    const seeded = await run(process.execPath, [CLI_JS, 'seed', '--cases', String(cases), '--caseworkers', '6', '--heavy', '0'], { cwd: ROOT, env, echo: true });
    out.loadSeconds = Math.round((performance.now() - t0) / 1000);
    out.loaded = seeded.stdout.trim().split('\n');
  }
  out.machine = await machine();
  api = await startApi(env);
  const base = api.base;

  // The office: who works, and what each of them opens.
  const caseList = `/api/v1/cases?${listQuery({ filter: { status: 'active' }, range: [0, 24], sort: ['openedAt', 'DESC'] })}`;
  const board = `/api/v1/referrals?${listQuery({ filter: { open: true }, range: [0, 24], sort: ['createdAt', 'ASC'] })}`;
  const inbox = `/api/v1/referrals?${listQuery({ filter: {}, range: [0, 24], sort: ['sentAt', 'DESC'] })}`;
  // The pages the web app asks for a capped count (apps/web/src/providers/capped-list.ts); the board's columns count exactly.
  const capped = new Set([caseList, inbox]);
  const headersFor = (path, headers) => (capped.has(path) ? { ...headers, prefer: 'count=capped' } : headers);
  const caseworkers = ['caseworker-001', 'caseworker-002', 'caseworker-003', 'caseworker-004', 'caseworker-005', 'caseworker', 'caseworker2'].map((u) => `${u}@harbor.demo`);
  const people = [];
  for (const email of caseworkers) {
    const cookie = await login(base, email);
    // Their own cases, for the detail pages (their newest 100).
    const mine = JSON.parse((await get(base, `/api/v1/cases?${listQuery({ filter: {}, range: [0, 99], sort: ['openedAt', 'DESC'] })}`, cookie)).text).map((c) => c.id);
    const detail = (i) => `/api/v1/cases/${mine[i % mine.length]}`;
    people.push({ email, cookie, labels: ['case list', 'caseload', 'case detail', 'case detail'], pages: (round) => [caseList, '/api/v1/cases/caseload', detail(2 * round), detail(2 * round + 1)] });
  }
  const programCases = JSON.parse((await get(base, caseList, await login(base, 'coordinator@harbor.demo'))).text).map((c) => c.id);
  for (let i = 0; i < 2; i++) {
    const cookie = await login(base, 'coordinator@harbor.demo');
    people.push({ email: 'coordinator@harbor.demo', cookie, labels: ['program case list', 'attention', 'referral board', 'case detail'], pages: (round) => [caseList, '/api/v1/cases/attention', board, `/api/v1/cases/${programCases[(round + i) % programCases.length]}`] });
  }
  people.push({ email: 'partner@safehomes.demo', cookie: await login(base, 'partner@safehomes.demo'), labels: ['partner inbox'], pages: () => [inbox] });
  for (const p of people) for (const path of p.pages(0)) await get(base, path, p.cookie, headersFor(path, {}));
  out.office = people.map((p) => p.email);

  // One autocannon instance per person (one connection each, going round their pages), all at once. Every
  // response is kept with the time its request was sent, so percentiles are exact over all of them and can
  // be taken over any part of the window. A request still waiting when the window closes (the one a stall
  // holds up) counts with the time it had waited by then.
  const office = async (window = seconds) => {
    const { default: autocannon } = await import('autocannon');
    const samples = [];
    const cpuBefore = cpuMillis(api.pid);
    const loadAverage = +loadavg()[0].toFixed(1);
    let non2xx = 0;
    let errors = 0;
    const started = Date.now();
    const runs = people.slice(0, connections).map((p) => {
      let round = 0;
      const requests = p.pages(0).map((_, i) => ({
        method: 'GET',
        // Built per request: detail pages take the next of the person's cases each round.
        setupRequest: (req) => {
          if (i === 0) round++;
          const path = p.pages(round)[i];
          return { ...req, path, headers: headersFor(path, req.headers) };
        },
      }));
      const instance = autocannon({ url: base, connections: 1, duration: window, requests, headers: { cookie: p.cookie } });
      let last = started;
      // One connection, one request at a time, going round the pages in order: the nth answer is page n mod pages.
      let answered = 0;
      instance.on('response', (_client, status, _bytes, time) => {
        last = Date.now();
        samples.push({ sent: last - time, ms: time, page: p.labels[answered++ % p.labels.length] });
        if (status < 200 || status > 299) non2xx++;
      });
      return instance.then((result) => {
        errors += result.errors + result.timeouts;
        const waiting = result.requests.sent - result.requests.total - result.errors - result.timeouts;
        if (waiting > 0) samples.push({ sent: last, ms: started + window * 1000 - last, cutOff: true, page: p.labels[answered % p.labels.length] });
      });
    });
    await Promise.all(runs);
    const cpu = cpuMillis(api.pid) - cpuBefore;
    return { samples, non2xx, errors, started, ended: started + window * 1000, cpu, loadAverage };
  };
  /** req/s (completed requests sent in [from, to) over its length), p50, p99 of the requests sent in it. */
  const percentiles = (part) => {
    const ms = part.map((x) => x.ms).sort((x, y) => x - y);
    const at = (q) => +ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1);
    return { ms, at };
  };
  /** Each page's count, p50, p99 and max over the requests of `part`: which pages make the office's tail. */
  const byPage = (part) =>
    Object.fromEntries(
      [...new Set(part.map((x) => x.page))].sort().map((page) => {
        const { ms, at } = percentiles(part.filter((x) => x.page === page));
        return [page, { requests: ms.length, p50: at(0.5), p99: at(0.99), max: +ms.at(-1).toFixed(1) }];
      }),
    );
  const summary = (run, from = run.started, to = run.ended) => {
    const part = run.samples.filter((x) => x.sent >= from - 1 && x.sent < to);
    const { ms, at } = percentiles(part);
    const completed = part.filter((x) => !x.cutOff).length;
    return {
      pages: byPage(part),
      seconds: +((to - from) / 1000).toFixed(1),
      requests: completed,
      rps: +(completed / ((to - from) / 1000)).toFixed(1),
      p50: at(0.5),
      p99: at(0.99),
      max: +ms.at(-1).toFixed(1),
      stillWaitingAtEnd: part.length - completed,
      // The API's CPU over the whole window (with a release: its build too) per request answered in it:
      // what the pages cost, robust to other work on the machine (docs/benchmarks.md, "Caveats").
      loadAverage: run.loadAverage,
      cpuPerRequestMs: +(run.cpu / run.samples.filter((x) => !x.cutOff).length).toFixed(1),
      non2xx: run.non2xx,
      errors: run.errors,
    };
  };
  const say = (label, x) => log(`  ${label}: ${x.rps} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms over ${x.requests} requests, API CPU ${x.cpuPerRequestMs} ms a request${x.non2xx || x.errors ? ` (${x.non2xx} non-2xx, ${x.errors} errors)` : ''}`);

  log(`Office of ${connections} on ${ROOT}, ${seconds} s per line:`);
  const busyBefore = await waitQuiet();
  if (warmup > 0) await office(warmup);
  out.idle = { ...summary(await office()), busyBefore };
  say('office', out.idle);

  // BENCH_OFFICE_RELEASE=0: the office at rest only, for A/B rounds on one kept directory (each release
  // there is audited against the releases before it, so the later ones cost more; docs/benchmarks.md).
  if (process.env.BENCH_OFFICE_RELEASE !== '0') {
    // The analyst starts a release of the last frozen year (or the next period without one).
    const analyst = await login(base, 'analyst@harbor.demo');
    const stepUp = await fetch(`${base}/api/v1/auth/step-up`, {
      method: 'POST',
      headers: { cookie: analyst, 'content-type': 'application/json', 'x-lantern-client': 'web' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    if (!stepUp.ok) throw new Error(`step-up: ${stepUp.status} ${await stepUp.text()}`);
    const stepped = stepUp.headers.get('set-cookie')?.split(';')[0] ?? analyst;
    const catalogue = JSON.parse((await get(base, '/api/v1/metrics/tables', stepped)).text);
    const made = new Set(JSON.parse((await get(base, '/api/v1/metrics/releases', stepped)).text).filter((r) => r.mode === 'k' && r.status !== 'failed').map((r) => r.period));
    const periods = [...catalogue.periods.filter((p) => p.kind === 'year'), ...catalogue.periods.filter((p) => p.kind !== 'year')];
    const period = periods.find((p) => !made.has(p.id));
    if (!period) throw new Error('every frozen period has a k release already: use a fresh data directory');
    const busyBeforeRelease = await waitQuiet();
    const loading = office();
    const started = await fetch(`${base}/api/v1/metrics/releases`, {
      method: 'POST',
      headers: { cookie: stepped, 'content-type': 'application/json', 'x-lantern-client': 'web' },
      body: JSON.stringify({ period: period.id, mode: 'k' }),
    });
    if (started.status !== 202) throw new Error(`metrics release: ${started.status} ${await started.text()}`);
    const release = await started.json();
    const window = await loading;
    // The release's own times (same machine, same clock): when it was queued and when it was done.
    let finished = release;
    while (finished.status === 'queued' || finished.status === 'running') {
      await sleep(500);
      finished = JSON.parse((await get(base, `/api/v1/metrics/releases/${release.id}`, stepped)).text);
    }
    const from = Date.parse(finished.createdAt);
    const to = Date.parse(finished.finishedAt);
    out.release = { period: period.id, mode: 'k', status: finished.status, failure: finished.failure ?? null, seconds: +((to - from) / 1000).toFixed(1) };
    out.duringRelease = { ...summary(window, Math.max(from, window.started), Math.min(to, window.ended)), busyBefore: busyBeforeRelease };
    out.aroundRelease = { ...summary(window), busyBefore: busyBeforeRelease };
    say(`office while the ${period.id} release was being built`, out.duringRelease);
    say('office, the whole window around it', out.aroundRelease);
  }
  await api.stop();
  api = null;
  report(out);
} finally {
  if (api) await api.stop();
  if (reuse || process.env.BENCH_KEEP) log(`Data kept in ${dataDir} (measure it again with BENCH_DATA_DIR=${dataDir})`);
  else rmSync(dataDir, { recursive: true, force: true });
}

function report(r) {
  const f = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const line = (label, x) =>
    `${label.padEnd(46)}${f(x.rps).padStart(8)}${f(x.p50).padStart(9)}${f(x.p99).padStart(9)}${f(x.requests).padStart(10)}${f(x.seconds).padStart(6)} s${f(x.cpuPerRequestMs).padStart(9)}` +
    `  load ${x.loadAverage}${x.non2xx || x.errors ? `  !${x.non2xx + x.errors} errors` : ''}${x.busyBefore > 0.2 ? `  (machine ${Math.round(x.busyBefore * 100)}% busy before)` : ''}`;
  const rel = r.release;
  const pageLines = (label, x) => [
    `  ${label}, per page:`,
    ...Object.entries(x.pages).map(([page, p]) => `    ${page.padEnd(20)}${f(p.requests).padStart(8)} requests  p50 ${f(p.p50).padStart(7)} ms  p99 ${f(p.p99).padStart(7)} ms  max ${f(p.max).padStart(7)} ms`),
  ];
  const text = [
    `Lantern office benchmark — ${new Date().toISOString().slice(0, 10)}, embedded database (PGlite), ${n(r.cases)} cases, ${r.connections} people at once, ${r.seconds} s windows`,
    `API: ${describeRoot(r.root, r.revision)}; each connection one person going round their pages (7 caseworkers, 2 coordinator sessions, 1 partner)`,
    '',
    `${'line'.padEnd(46)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'requests'.padStart(10)}${'over'.padStart(8)}${'CPU/req'.padStart(9)}`,
    line('office', r.idle),
    ...(rel
      ? [
          line(`office while the ${rel.period} metrics release builds`, r.duringRelease),
          line('office, the whole window around the release', r.aroundRelease),
          '',
          ...pageLines('office', r.idle),
          ...pageLines('while the release builds', r.duringRelease),
          '',
          `p99: ${f(r.idle.p99)} ms; ${f(r.duringRelease.p99)} ms while the release (${rel.period}, k, ${rel.status}${rel.failure ? ` ${rel.failure}` : ''}) was being built, ` +
            `${rel.seconds} s (× ${(r.duringRelease.p99 / r.idle.p99).toFixed(1)})`,
        ]
      : ['', ...pageLines('office', r.idle), '', 'No release (BENCH_OFFICE_RELEASE=0).']),
  ];
  process.stdout.write(`${text.join('\n')}\n`);
  const file = process.env.BENCH_JSON ?? join(tmpdir(), `lantern-bench-office-${Date.now()}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  log(`JSON: ${file}`);
}
