#!/usr/bin/env node
// A/B of two (or more) builds of the API on one kept server database (docs/benchmarks.md, "Run it"), for a
// machine other work keeps busy: the builds are measured in alternated rounds (A B, B A, A B, ...), and each
// line's median over the rounds is printed with the API process's CPU time per request (utime + stime from
// /proc/<pid>/stat over the measured window, divided by the requests answered), which moves far less than
// the throughput when the machine is shared. A bare Node server answering /api/health's JSON is measured
// after each round, for health ÷ bare.
//
//   BENCH_AB="before=/tmp/builds/a,after=/tmp/builds/b" DATABASE_URL=postgres://.../kept_db node scripts/bench-ab.mjs
//
// Each directory holds a built API at apps/api/dist (a copy of one; node_modules reachable from it). The
// database is one a caseload run kept (BENCH_KEEP=1) or one loaded by `cli.js seed` with the keys of
// benchKeys(its name). BENCH_AB_ROUNDS (4), BENCH_SECONDS (4), BENCH_WARMUP (1), BENCH_CONNECTIONS (16),
// BENCH_AB_LINES (typical,heavy,health; also coordinator, inbox, detail), BENCH_HEAVY, BENCH_TYPICAL as in
// the caseload scenario. BENCH_JSON names the file for every window's figures. Progress on stderr, the
// table on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseEnv, benchKeys, databaseNameOf, get, listQuery, load, log, login, machine, sql, startApi, startBare } from './bench-lib.mjs';

const builds = (process.env.BENCH_AB ?? '').split(',').filter(Boolean).map((pair) => {
  const [name, dir] = pair.split('=');
  return { name, dir: resolve(dir) };
});
if (builds.length < 2 || !process.env.DATABASE_URL) {
  log('Set BENCH_AB="name=dir,name=dir" and DATABASE_URL (a kept bench database).');
  process.exit(2);
}
const url = process.env.DATABASE_URL;
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 4);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const lines = (process.env.BENCH_AB_LINES ?? 'typical,heavy,health').split(',');
const heavyEmail = process.env.BENCH_HEAVY ?? 'caseworker-001@harbor.demo';
const typicalEmail = process.env.BENCH_TYPICAL ?? 'caseworker2@harbor.demo';
const env = { ...baseEnv(), DATABASE_URL: url, LANTERN_DEMO: '1', LANTERN_DATA_DIR: join(tmpdir(), 'lantern-bench-ab-data'), ...benchKeys(databaseNameOf(url)) };
const TICK_MICROS = 1e6 / 100; // USER_HZ

function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
}

/** The API of one build, started from its own directory (bench-lib's startApi, with that build's main.js). */
const startBuild = (dir) => startApi(env, { cwd: dir, main: join(dir, 'apps/api/dist/main.js'), port: 4100 + Math.floor(Math.random() * 800) });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(api, requestsOf) {
  if (warmup > 0) await load({ url: api.base, connections, seconds: warmup, requests: requestsOf });
  const before = cpuMicros(api.pid);
  const result = await load({ url: api.base, connections, seconds, requests: requestsOf });
  const cpu = cpuMicros(api.pid) - before;
  return { rps: result.rps, p50: result.p50, p99: result.p99, cpuPerRequest: result.requests ? Math.round(cpu / result.requests) : null, bad: result.non2xx + result.errors };
}

const out = { machine: await machine(), database: databaseNameOf(url), builds, rounds: [] };
const heavyCaseIds = (await sql(url, `SELECT c.id FROM survivor_case c JOIN app_user u ON u.id = c.assigned_caseworker_id WHERE u.email = $1 ORDER BY c.id LIMIT 2000`, [heavyEmail])).map((r) => r.id);
const activeList = `/api/v1/cases?${listQuery({ filter: { status: 'active' }, range: [0, 24], sort: ['openedAt', 'DESC'] })}`;
const inbox = `/api/v1/referrals?${listQuery({ range: [0, 24], sort: ['sentAt', 'DESC'] })}`;

for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  const figures = { round, lines: {} };
  for (const build of order) {
    const api = await startBuild(build.dir);
    try {
      const cookies = {};
      for (const [who, email] of [['typical', typicalEmail], ['heavy', heavyEmail], ['coordinator', 'coordinator@harbor.demo'], ['partner', 'partner@safehomes.demo']]) {
        if (lines.some((l) => (l === 'inbox' ? who === 'partner' : l === 'detail' ? who === 'heavy' : l === who))) cookies[who] = await login(api.base, email);
      }
      for (const line of lines) {
        let requests;
        if (line === 'health') requests = [{ method: 'GET', path: '/api/health' }];
        else if (line === 'inbox') requests = [{ method: 'GET', path: inbox, headers: { cookie: cookies.partner } }];
        else if (line === 'detail') requests = heavyCaseIds.map((id) => ({ method: 'GET', path: `/api/v1/cases/${id}`, headers: { cookie: cookies.heavy } }));
        else requests = [{ method: 'GET', path: activeList, headers: { cookie: cookies[line] } }];
        // One request first: a refusal here is a broken line, not a slow one.
        if (line !== 'detail') await get(api.base, requests[0].path, requests[0].headers?.cookie);
        const r = await measure(api, requests);
        (figures.lines[line] ??= {})[build.name] = r;
        log(`round ${round + 1}/${rounds} ${build.name} ${line}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.cpuPerRequest} µs CPU/request${r.bad ? `, ${r.bad} bad` : ''}`);
      }
    } finally {
      await api.stop();
    }
  }
  if (lines.includes('health')) {
    const health = await (async () => {
      const bare = await startBare(JSON.stringify({ status: 'ok' }));
      try {
        return await measure(bare, [{ method: 'GET', path: '/api/health' }]);
      } finally {
        await bare.stop();
      }
    })();
    figures.bare = health;
    log(`round ${round + 1}/${rounds} bare node: ${health.rps} req/s, ${health.cpuPerRequest} µs CPU/request`);
  }
  out.rounds.push(figures);
}

const rows = [];
for (const line of lines) {
  for (const build of builds) {
    const xs = out.rounds.map((r) => r.lines[line]?.[build.name]).filter(Boolean);
    rows.push({ line, build: build.name, rps: median(xs.map((x) => x.rps)), p50: median(xs.map((x) => x.p50)), p99: median(xs.map((x) => x.p99)), cpu: median(xs.map((x) => x.cpuPerRequest)), bestCpu: Math.min(...xs.map((x) => x.cpuPerRequest)) });
  }
}
if (lines.includes('health')) {
  for (const build of builds) {
    const ratios = out.rounds.map((r) => r.lines.health[build.name].rps / r.bare.rps);
    rows.push({ line: 'health ÷ bare (median of rounds)', build: build.name, rps: +median(ratios).toFixed(3) });
  }
  rows.push({ line: 'bare node', build: '-', rps: median(out.rounds.map((r) => r.bare.rps)), cpu: median(out.rounds.map((r) => r.bare.cpuPerRequest)) });
}
out.medians = rows;
console.log('| line | build | req/s (median) | p50 ms | p99 ms | API CPU µs/request (median, best) |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.line} | ${r.build} | ${r.rps} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.cpu ?? ''}${r.bestCpu !== undefined ? ` (${r.bestCpu})` : ''} |`);
const file = process.env.BENCH_JSON ?? join(tmpdir(), `lantern-bench-ab-${Date.now()}.json`);
writeFileSync(file, JSON.stringify(out, null, 2));
log(`Figures: ${file}`);
