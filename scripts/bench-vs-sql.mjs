#!/usr/bin/env node
// The caseload benchmark (`BENCH_SCENARIO=caseload npm run bench`, issue 9): where the API stands against
// its own SQL. On the PostgreSQL server of DATABASE_URL it loads BENCH_CASES synthetic cases (default
// 100,000) over BENCH_CASEWORKERS synthetic caseworkers (default 200; caseworker-001@harbor.demo carries
// 5% of them, 5,000) into a database of its own, then, with the same concurrency for every line
// (BENCH_CONNECTIONS, default 16, for BENCH_SECONDS each, default 10):
//   - through the HTTP API (autocannon): the caseworker's case list for the heavy caseworker and for a
//     typical one (caseworker2@harbor.demo, 25 demo cases), their caseload dashboards, the case detail with
//     its audited read (rotating through the heavy caseworker's cases), the coordinator's case list, the
//     partner's inbox (partner@safehomes.demo), /api/health; and, issue 18, the heavy caseworker's and the
//     coordinator's lists filtered by a custom single-choice case field (`custom.benchSector`, five
//     options, the field shown in the rows), which the scenario adds through the API as the admin and
//     fills for every loaded case in SQL as the API stores it (`custom->'<field id>'` = '<option id>');
//   - a bare Node http server answering /api/health's JSON: the floor under any framework;
//   - the caseworker's list (heavy and typical) served by a hand-written Node server with node-postgres and
//     no framework (scripts/bench-bare-list.mjs: the session, the page's own SQL, its count, an audit row):
//     the floor under any list, reported beside the targets (it runs while the SQL lines' setup is in place);
//   - the same pages' SQL as a hand-written application would run it, with the right indexes, under
//     `pgbench -n -c 16 -j 2 -T 10` (scripts/bench/*.sql; the indexes exist only while they run).
// It prints a table (requests/s, p50, p99, API ÷ its SQL, API ÷ /api/health, health ÷ bare) with the
// targets of the issue marked PASS/FAIL (never fatal), and writes the figures as JSON to BENCH_JSON
// (default: a file in the temporary directory, named on stderr). EXPLAIN (ANALYZE, BUFFERS) of the heavy
// caseworker's list, as the API of 88fbfee issues it and as the optimal query, goes into the JSON.
//
// BENCH_ROOT picks the checkout whose build is measured (apps/api/dist of that directory; default here).
// BENCH_KEEP=1 keeps the loaded database and says which; BENCH_REUSE=1 with DATABASE_URL naming such a
// database measures it again without loading (its keys are derived from its name, see bench-lib.mjs).
// Progress goes to stderr. The machine has few cores: one thing runs at a time, and every server started
// here is stopped by its pid.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CLI_JS,
  ROOT,
  baseEnv,
  benchKeys,
  databaseNameOf,
  get,
  listQuery,
  load,
  log,
  login,
  run,
  sql,
  startApi,
  startBare,
  startBareList,
  waitQuiet,
  withDatabase,
  machine,
  describeRoot,
  revision,
} from './bench-lib.mjs';

const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const cases = Number(process.env.BENCH_CASES ?? 100_000);
const caseworkers = Number(process.env.BENCH_CASEWORKERS ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const heavyEmail = process.env.BENCH_HEAVY ?? 'caseworker-001@harbor.demo';
const typicalEmail = process.env.BENCH_TYPICAL ?? 'caseworker2@harbor.demo';
const coordinatorEmail = 'coordinator@harbor.demo';
const partnerEmail = 'partner@safehomes.demo';
const adminEmail = 'admin@harbor.demo';
const CUSTOM_KEY = 'benchSector';
const CUSTOM_OPTIONS = ['Farm', 'Factory', 'Home', 'Restaurant', 'Street'];

if (!process.env.DATABASE_URL) {
  log('The caseload benchmark runs on a PostgreSQL server: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
const reuse = process.env.BENCH_REUSE === '1';
const name = reuse ? databaseNameOf(process.env.DATABASE_URL) : `lantern_bench_${randomBytes(4).toString('hex')}`;
const url = reuse ? process.env.DATABASE_URL : withDatabase(process.env.DATABASE_URL, name);
const scratch = mkdtempSync(join(tmpdir(), 'lantern-bench-vs-sql-'));
const env = { ...baseEnv(), DATABASE_URL: url, LANTERN_DEMO: '1', LANTERN_DATA_DIR: join(scratch, 'data'), ...benchKeys(name) };

const quietEnv = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' };
/** A SQL file (of SQL_DIR, or a path) run by psql with `-v` variables and any further flags. */
const psql = (file, vars = {}, flags = []) =>
  run('psql', ['-X', '-q', ...flags, '-v', 'ON_ERROR_STOP=1', ...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`]), '-f', resolve(SQL_DIR, file), url], { env: quietEnv });

/** One pgbench line: transactions/s and p50/p99 from its per-transaction log. */
async function pgbench(file, vars) {
  const dir = mkdtempSync(join(scratch, 'pgbench-'));
  const args = ['-n', '-c', String(connections), '-j', '2', '-T', String(seconds), '-f', resolve(SQL_DIR, file), '-l', `--log-prefix=${join(dir, 'tx')}`];
  for (const [k, v] of Object.entries(vars)) args.push('-D', `${k}=${v}`);
  if (warmup > 0) await run('pgbench', ['-n', '-c', String(connections), '-j', '2', '-T', String(warmup), '-f', resolve(SQL_DIR, file), ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]), url]);
  const { stdout } = await run('pgbench', [...args, url]);
  const tps = Number(stdout.match(/tps = ([\d.]+) \(without initial connection time\)/)?.[1]);
  const failed = Number(stdout.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
  const micros = [];
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length >= 6) micros.push(Number(fields[2]));
    }
  }
  micros.sort((a, b) => a - b);
  const at = (q) => +(micros[Math.min(micros.length - 1, Math.floor(q * micros.length))] / 1000).toFixed(2);
  rmSync(dir, { recursive: true, force: true });
  return { rps: +tps.toFixed(1), requests: micros.length, p50: at(0.5), p99: at(0.99), failed };
}

async function phase(label, options) {
  const busyBefore = await waitQuiet();
  if (warmup > 0) await load({ ...options, seconds: warmup, connections });
  const result = { ...(await load({ ...options, seconds, connections })), busyBefore };
  log(`  ${label}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx || result.errors ? ` (${result.non2xx} non-2xx, ${result.errors} errors)` : ''}`);
  return result;
}

/**
 * The total a list's SQL file answers (its last statement, the count), run once by psql with the
 * variables pgbench gets: a line compares the API with its own SQL only if both give the same answer.
 */
async function sqlTotal(file, vars) {
  const { stdout } = await psql(file, vars, ['-A', '-t']);
  return Number(stdout.trim().split('\n').pop());
}

/**
 * A list's SQL file with the count a client gets when it asks for a capped one (`Prefer: count=capped`,
 * docs/architecture.md, "Capped counts"), written to the scratch directory: the file's page, then its
 * capped count. That count is `<name>-capped-count.sql` where one is written by hand (the inbox, whose best
 * count changes form with the cap), else the file's last statement, `SELECT count(*) FROM ...`, written as
 * `SELECT count(*) FROM (SELECT 1 FROM ... LIMIT :cap) capped`. Returns the written file's path.
 */
function cappedFile(file) {
  const text = readFileSync(resolve(SQL_DIR, file), 'utf8');
  const at = text.lastIndexOf('SELECT count(*)');
  if (at < 0 || !text.trimEnd().endsWith(';')) throw new Error(`${file}: no count statement at its end`);
  const byHand = resolve(SQL_DIR, file.replace(/\.sql$/, '-capped-count.sql'));
  const count = existsSync(byHand)
    ? readFileSync(byHand, 'utf8')
    : `SELECT count(*) FROM (SELECT 1${text.slice(at + 'SELECT count(*)'.length, text.trimEnd().length - 1)} LIMIT :cap) capped;\n`;
  const path = join(scratch, file.replace(/\.sql$/, '-capped.sql'));
  writeFileSync(path, `${text.slice(0, at)}${count}`);
  return path;
}

async function sqlPhase(label, file, vars) {
  const busyBefore = await waitQuiet();
  const result = { ...(await pgbench(file, vars)), busyBefore };
  log(`  ${label} (SQL): ${result.rps} tx/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.failed ? ` (${result.failed} failed)` : ''}`);
  return result;
}

/** EXPLAIN (ANALYZE, BUFFERS) from a file; run twice, the second (warm cache) kept. */
async function explain(file, vars) {
  const text = readFileSync(resolve(SQL_DIR, file), 'utf8');
  await psql(file, vars);
  const { stdout } = await psql(file, vars, ['-P', 'pager=off']);
  return { file, sql: text, plan: stdout.trim() };
}

const n = (v) => Math.round(v).toLocaleString('en-US');
let dropDatabase = async () => undefined;
let api = null;
let bare = null;
const out = { scenario: 'caseload', database: 'server', root: ROOT, revision: revision(), connections, seconds };

try {
  if (!reuse) {
    await sql(process.env.DATABASE_URL, `CREATE DATABASE ${name}`);
    dropDatabase = async () => {
      if (process.env.BENCH_KEEP) return void log(`Database kept: ${url} (measure it again with BENCH_REUSE=1 DATABASE_URL=${url}; drop it with DROP DATABASE ${name})`);
      await sql(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
    log(`Loading ${n(cases)} synthetic cases over ${caseworkers} caseworkers into ${name}...`);
    const t0 = performance.now();
    const seeded = await run(process.execPath, [CLI_JS, 'seed', '--cases', String(cases), '--caseworkers', String(caseworkers)], { cwd: ROOT, env, echo: true });
    out.loadSeconds = Math.round((performance.now() - t0) / 1000);
    out.loaded = seeded.stdout.trim().split('\n');
    // What autovacuum would have done on a live server by now: visibility maps for index-only counts.
    log('VACUUM ANALYZE...');
    await sql(url, 'VACUUM ANALYZE');
  } else {
    out.loaded = [`reused ${name}`];
  }
  out.machine = { ...(await machine()), postgres: (await sql(url, 'SELECT version()'))[0].version };
  await psql('teardown.sql');

  // Who signs in, and what they have.
  const [org] = await sql(url, `SELECT id FROM organization WHERE slug = 'harbor'`);
  const users = await sql(
    url,
    `SELECT u.email, u.id, u.partner_org_id,
            (SELECT count(*)::int FROM survivor_case c WHERE c.assigned_caseworker_id = u.id) AS cases,
            (SELECT count(*)::int FROM survivor_case c WHERE c.assigned_caseworker_id = u.id AND c.status = 'active') AS active,
            (SELECT count(*)::int FROM referral r WHERE r.partner_org_id = u.partner_org_id AND r.sent_at IS NOT NULL) AS inbox
       FROM app_user u WHERE u.email = ANY($1)`,
    [[heavyEmail, typicalEmail, coordinatorEmail, partnerEmail]],
  );
  const user = Object.fromEntries(users.map((u) => [u.email, u]));
  for (const email of [heavyEmail, typicalEmail, coordinatorEmail, partnerEmail]) if (!user[email]) throw new Error(`${email} is not in ${name}: load with --caseworkers`);
  const [{ total, active }] = await sql(url, `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'active')::int AS active FROM survivor_case WHERE organization_id = $1`, [org.id]);
  const heavy = user[heavyEmail];
  const typical = user[typicalEmail];
  const partner = user[partnerEmail];
  out.data = {
    cases: total,
    activeCases: active,
    heavy: { email: heavyEmail, cases: heavy.cases, active: heavy.active },
    typical: { email: typicalEmail, cases: typical.cases, active: typical.active },
    partnerInbox: { email: partnerEmail, sentReferrals: partner.inbox },
  };
  log(`Organization: ${n(total)} cases (${n(active)} active); ${heavyEmail} ${n(heavy.cases)} (${n(heavy.active)} active); ${typicalEmail} ${n(typical.cases)} (${n(typical.active)} active); ${partnerEmail} inbox ${n(partner.inbox)}`);
  const heavyCaseIds = (await sql(url, `SELECT id FROM survivor_case WHERE assigned_caseworker_id = $1 ORDER BY opened_at, id`, [heavy.id])).map((r) => r.id);

  // The API lines.
  log(`API (${ROOT}), ${connections} connections, ${seconds} s per line:`);
  api = await startApi(env);
  const cookies = {};
  for (const email of [heavyEmail, typicalEmail, coordinatorEmail, partnerEmail]) cookies[email] = await login(api.base, email);
  const caseList = `/api/v1/cases?${listQuery({ filter: { status: 'active' }, range: [0, 24], sort: ['openedAt', 'DESC'] })}`;
  const inbox = `/api/v1/referrals?${listQuery({ filter: {}, range: [0, 24], sort: ['sentAt', 'DESC'] })}`;
  const health = await get(api.base, '/api/health');
  const me = {};
  for (const email of [heavyEmail, typicalEmail]) me[email] = (await get(api.base, '/api/v1/auth/me', cookies[email])).bytes;
  const ranges = {};
  // The web app asks its long lists for a capped count (docs/architecture.md, "Capped counts"); the plain
  // lines are what ra-data-simple-rest asks, with every row counted.
  const CAPPED = { prefer: 'count=capped' };
  for (const [key, path, email, extra] of [
    ['heavyList', caseList, heavyEmail],
    ['typicalList', caseList, typicalEmail],
    ['coordinatorList', caseList, coordinatorEmail],
    ['partnerInbox', inbox, partnerEmail],
    ['cappedHeavyList', caseList, heavyEmail, CAPPED],
    ['cappedCoordinatorList', caseList, coordinatorEmail, CAPPED],
    ['cappedPartnerInbox', inbox, partnerEmail, CAPPED],
  ]) {
    ranges[key] = (await get(api.base, path, cookies[email], extra)).headers.get('content-range');
  }
  out.check = { contentRange: ranges, healthBody: health.text, authMeBytes: { heavy: me[heavyEmail], typical: me[typicalEmail] } };
  log(`  Content-Range: ${Object.entries(ranges).map(([k, v]) => `${k} ${v}`).join('; ')}; /auth/me ${n(me[heavyEmail])} B (heavy), ${n(me[typicalEmail])} B (typical)`);

  const at = (path, email, extra = {}) => ({ url: `${api.base}${path}`, headers: { ...(email ? { cookie: cookies[email] } : {}), ...extra } });
  let next = 0;
  const rotating = [
    {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/api/v1/cases/${heavyCaseIds[next++ % heavyCaseIds.length]}` }),
    },
  ];
  const apiLines = {};
  apiLines.health = await phase('/api/health', at('/api/health'));
  apiLines.heavyList = await phase('caseworker list, heavy', at(caseList, heavyEmail));
  apiLines.typicalList = await phase('caseworker list, typical', at(caseList, typicalEmail));
  apiLines.heavyCaseload = await phase('caseload dashboard, heavy', at('/api/v1/cases/caseload', heavyEmail));
  apiLines.typicalCaseload = await phase('caseload dashboard, typical', at('/api/v1/cases/caseload', typicalEmail));
  apiLines.caseDetail = await phase('case detail (audited), heavy', { ...at('/', heavyEmail), requests: rotating });
  apiLines.coordinatorList = await phase('coordinator list', at(caseList, coordinatorEmail));
  apiLines.partnerInbox = await phase('partner inbox', at(inbox, partnerEmail));
  apiLines.cappedHeavyList = await phase('caseworker list, heavy, capped count', at(caseList, heavyEmail, CAPPED));
  apiLines.cappedCoordinatorList = await phase('coordinator list, capped count', at(caseList, coordinatorEmail, CAPPED));
  apiLines.cappedPartnerInbox = await phase('partner inbox, capped count', at(inbox, partnerEmail, CAPPED));
  // Issue 18: the custom field is added only now, so the lines above measure the lists as before (their
  // rows carry no custom value); the filtered lines below show it in every row.
  const custom = await customField(api.base, org.id);
  out.data.custom = custom.data;
  const customList = `/api/v1/cases?${listQuery({ filter: { status: 'active', [`custom.${CUSTOM_KEY}`]: custom.optionId }, range: [0, 24], sort: ['openedAt', 'DESC'] })}`;
  for (const [key, email] of [['customHeavyList', heavyEmail], ['customCoordinatorList', coordinatorEmail]]) {
    const page = await get(api.base, customList, cookies[email]);
    const rows = JSON.parse(page.text);
    // The page must carry the field in its rows, else the line would not measure what it says.
    if (rows.length === 0 || rows.some((row) => row.custom?.[CUSTOM_KEY] !== custom.optionId)) throw new Error(`${email}: the filtered case list does not show custom.${CUSTOM_KEY} in its rows`);
    ranges[key] = page.headers.get('content-range');
  }
  log(`  Content-Range, custom filter: heavy ${ranges.customHeavyList}; coordinator ${ranges.customCoordinatorList}`);
  apiLines.customHeavyList = await phase('caseworker list, heavy, custom filter', at(customList, heavyEmail));
  apiLines.customCoordinatorList = await phase('coordinator list, custom filter', at(customList, coordinatorEmail));
  // The API's own audit rows of the detail line: how many reads it recorded (each one a row in the chain).
  out.check.auditedReads = (await sql(url, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'read' AND subject_type = 'Case' AND actor_id = $1`, [heavy.id]))[0].n;
  out.explainApi = await explain('explain-api-caseworker-list.sql', { org: org.id, cw: heavy.id });
  await api.stop();
  api = null;

  bare = await startBare(health.text);
  apiLines.bare = await phase('bare node http', { url: `${bare.base}/api/health` });
  await bare.stop();
  bare = null;
  out.api = apiLines;

  // The SQL lines, with the right indexes (dropped again afterwards).
  log(`SQL (pgbench -n -c ${connections} -j 2 -T ${seconds}):`);
  await psql('setup.sql', { org: org.id, cw: heavy.id });
  const q = (v) => `'${v}'`;
  const match = q(JSON.stringify({ [custom.fieldId]: custom.optionId }));
  // A capped line's SQL stops at CAP rows: `*` from the API is a SQL count of CAP, any other total the same.
  const CAP = 1001;
  const cappedVars = (vars) => ({ ...vars, cap: CAP });
  // The SQL lines, in the order they run: key, label, file, variables.
  const plan = [
    ['heavyList', 'caseworker list, heavy', 'caseworker-list.sql', { org: q(org.id), cw: q(heavy.id) }],
    ['typicalList', 'caseworker list, typical', 'caseworker-list.sql', { org: q(org.id), cw: q(typical.id) }],
    ['heavyCaseload', 'caseload dashboard, heavy', 'caseload.sql', { org: q(org.id), cw: q(heavy.id) }],
    ['typicalCaseload', 'caseload dashboard, typical', 'caseload.sql', { org: q(org.id), cw: q(typical.id) }],
    ['caseDetail', 'case detail + chained audit row', 'case-detail.sql', { org: q(org.id), cw: q(heavy.id), ncases: heavyCaseIds.length }],
    ['caseDetailUnchained', 'case detail + plain audit insert', 'case-detail-unchained.sql', { org: q(org.id), cw: q(heavy.id), ncases: heavyCaseIds.length }],
    ['coordinatorList', 'coordinator list', 'coordinator-list.sql', { org: q(org.id) }],
    ['partnerInbox', 'partner inbox', 'partner-inbox.sql', { org: q(org.id), partner: q(partner.partner_org_id) }],
    ['cappedHeavyList', 'caseworker list, heavy, capped count', cappedFile('caseworker-list.sql'), cappedVars({ org: q(org.id), cw: q(heavy.id) })],
    ['cappedCoordinatorList', 'coordinator list, capped count', cappedFile('coordinator-list.sql'), cappedVars({ org: q(org.id) })],
    ['cappedPartnerInbox', 'partner inbox, capped count', cappedFile('partner-inbox.sql'), cappedVars({ org: q(org.id), partner: q(partner.partner_org_id) })],
    ['customHeavyList', 'caseworker list, heavy, custom filter', 'custom-caseworker-list.sql', { org: q(org.id), cw: q(heavy.id), match }],
    ['customCoordinatorList', 'coordinator list, custom filter', 'custom-coordinator-list.sql', { org: q(org.id), match }],
  ];
  // Each list's SQL (a line whose API answer had a Content-Range) must answer what the API answered, else
  // its ratio compares two different questions: a line whose totals differ is marked and its target not met.
  const parity = {};
  for (const [key, , file, vars] of plan) {
    if (!(key in ranges)) continue;
    const told = ranges[key]?.split('/').pop();
    const api = told === '*' ? CAP : Number(told);
    const total = await sqlTotal(file, vars);
    parity[key] = { api, sql: total, same: api === total };
  }
  out.check.totals = parity;
  log(`  Totals, API = SQL: ${Object.entries(parity).map(([k, v]) => `${k} ${n(v.api)}${v.same ? '' : ` ≠ ${n(v.sql)}`}`).join('; ')}`);
  // The floor under any list: the same page served by a hand-written Node server (session, page, count,
  // audit row, JSON; scripts/bench-bare-list.mjs), with the same cookies. It must answer the API's total.
  log(`Hand-written list server (scripts/bench-bare-list.mjs), ${connections} connections, ${seconds} s per line:`);
  bare = await startBareList(url);
  for (const [key, email, of] of [['floorHeavyList', heavyEmail, 'heavyList'], ['floorTypicalList', typicalEmail, 'typicalList']]) {
    const told = (await get(bare.base, caseList, cookies[email])).headers.get('content-range');
    if (told !== ranges[of]) throw new Error(`the hand-written list server answered ${told} for ${email}, the API ${ranges[of]}`);
    apiLines[key] = await phase(`caseworker list, ${of === 'heavyList' ? 'heavy' : 'typical'}, hand-written`, { url: `${bare.base}${caseList}`, headers: { cookie: cookies[email] } });
  }
  await bare.stop();
  bare = null;
  const sqlLines = {};
  for (const [key, label, file, vars] of plan) sqlLines[key] = await sqlPhase(label, file, vars);
  out.sql = sqlLines;
  out.explainOptimal = await explain('explain-caseworker-list.sql', { org: org.id, cw: heavy.id });
  await psql('teardown.sql');

  report(out);
} finally {
  if (api) await api.stop();
  if (bare) await bare.stop();
  await dropDatabase();
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * The custom single-choice case field of the filtered lines (issue 18): added through the API as the
 * organization's admin (as an admin would, so its definition, version and the organization's
 * definitions stamp are the API's own), readable by caseworkers and coordinators, unless a kept database
 * has it already; then every case of the organization given one of its five options in SQL, stored as
 * the API stores a single choice that is not PII (`{"<field id>": "<option id>"}`, merged into `custom`),
 * and VACUUM ANALYZE. Returns the field id and the option the lines filter by (the first: a fifth of the cases).
 */
async function customField(base, orgId) {
  let [field] = await sql(url, `SELECT id, options FROM custom_field WHERE organization_id = $1 AND entity = 'case' AND key = $2`, [orgId, CUSTOM_KEY]);
  if (!field) {
    const cookie = await login(base, adminEmail);
    const res = await fetch(`${base}/api/v1/custom-fields`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lantern-client': 'web', cookie },
      body: JSON.stringify({
        entity: 'case',
        key: CUSTOM_KEY,
        type: 'singleChoice',
        label: { en: 'Sector (benchmark)' },
        options: CUSTOM_OPTIONS.map((en) => ({ label: { en } })),
        readRoles: ['caseworker', 'coordinator'],
        writeRoles: ['caseworker'],
      }),
    });
    if (res.status !== 201) throw new Error(`POST /custom-fields: ${res.status} ${(await res.text()).slice(0, 200)}`);
    field = await res.json();
  }
  const optionIds = field.options.map((o) => o.id);
  log(`Filling custom.${CUSTOM_KEY} (${optionIds.length} options) for every case in SQL, then VACUUM ANALYZE...`);
  // Option by a hash of the case id: spread evenly and the same on every run of a kept database.
  await sql(
    url,
    `UPDATE survivor_case SET custom = coalesce(custom, '{}'::jsonb) || jsonb_build_object($2::text, ($3::text[])[1 + abs(hashtext(id::text)) % cardinality($3::text[])])
      WHERE organization_id = $1`,
    [orgId, field.id, optionIds],
  );
  await sql(url, 'VACUUM ANALYZE survivor_case');
  const match = JSON.stringify({ [field.id]: optionIds[0] });
  const [counts] = await sql(
    url,
    `SELECT count(*) FILTER (WHERE status = 'active')::int AS active,
            count(*) FILTER (WHERE status = 'active' AND assigned_caseworker_id = (SELECT id FROM app_user WHERE email = $3))::int AS heavy_active
       FROM survivor_case WHERE organization_id = $1 AND custom @> $2::jsonb`,
    [orgId, match, heavyEmail],
  );
  return { fieldId: field.id, optionId: optionIds[0], data: { key: CUSTOM_KEY, fieldId: field.id, options: optionIds.length, active: counts.active, heavyActive: counts.heavy_active } };
}

function report(r) {
  const { api: a, sql: s } = r;
  // Two significant digits below 1 (0.0038 stays 0.0038), two decimals above.
  const ratio = (x, y) => (x && y ? (x / y >= 1 ? +(x / y).toFixed(2) : +(x / y).toPrecision(2)) : null);
  const lines = [
    ['caseworker list, heavy', 'heavyList', `${n(r.data.heavy.cases)} cases, ${n(r.data.heavy.active)} active`],
    ['caseworker list, typical', 'typicalList', `${n(r.data.typical.cases)} cases, ${n(r.data.typical.active)} active`],
    ['  hand-written, heavy', 'floorHeavyList', 'floor: Node + pg, no framework (scripts/bench-bare-list.mjs)'],
    ['  hand-written, typical', 'floorTypicalList', 'floor: session, page, count if full, audit row, JSON'],
    ['caseload dashboard, heavy', 'heavyCaseload', ''],
    ['caseload dashboard, typical', 'typicalCaseload', ''],
    ['case detail + audited read, heavy', 'caseDetail', 'SQL: chained audit row'],
    ['  (SQL with a plain audit insert)', 'caseDetailUnchained', 'reference, no target'],
    ['coordinator list', 'coordinatorList', `${n(r.data.activeCases)} active of ${n(r.data.cases)}`],
    ['partner inbox', 'partnerInbox', `${r.check.totals ? `${n(r.check.totals.partnerInbox.api)} on their grounds of ` : ''}${n(r.data.partnerInbox.sentReferrals)} sent`],
    ['caseworker list, heavy, capped', 'cappedHeavyList', `Prefer: count=capped: ${r.check.contentRange.cappedHeavyList ?? '–'}`],
    ['coordinator list, capped', 'cappedCoordinatorList', `Prefer: count=capped: ${r.check.contentRange.cappedCoordinatorList ?? '–'}`],
    ['partner inbox, capped', 'cappedPartnerInbox', `Prefer: count=capped: ${r.check.contentRange.cappedPartnerInbox ?? '–'}`],
    ['caseworker list, heavy, custom =', 'customHeavyList', `custom.${CUSTOM_KEY}: ${n(r.data.custom.heavyActive)} of ${n(r.data.heavy.active)} active`],
    ['coordinator list, custom =', 'customCoordinatorList', `custom.${CUSTOM_KEY}: ${n(r.data.custom.active)} of ${n(r.data.activeCases)} active`],
    ['/api/health', 'health', ''],
    ['bare node http (same JSON)', 'bare', ''],
  ];
  // The hand-written lines are measured against the SQL of the list they serve.
  const sqlOf = { floorHeavyList: 'heavyList', floorTypicalList: 'typicalList' };
  const rows = lines.map(([label, key, note]) => {
    const x = a[key];
    const y = s[sqlOf[key] ?? key];
    return {
      label,
      key,
      note,
      apiRps: x?.rps ?? null,
      apiP50: x?.p50 ?? null,
      apiP99: x?.p99 ?? null,
      sqlRps: y?.rps ?? null,
      sqlP50: y?.p50 ?? null,
      sqlP99: y?.p99 ?? null,
      apiOverSql: x && y ? ratio(x.rps, y.rps) : key === 'caseDetailUnchained' ? ratio(a.caseDetail.rps, y.rps) : null,
      apiOverHealth: x && key !== 'health' && key !== 'bare' ? ratio(x.rps, a.health.rps) : null,
      suspect: (x ? x.non2xx + x.errors : 0) + (y ? y.failed : 0),
      // The SQL answered another total than the API (r.check.totals): the ratio compares two questions.
      totalsDiffer: r.check.totals?.[key] ? !r.check.totals[key].same : false,
      refusedWith: x?.refusedWith && Object.keys(x.refusedWith).length ? Object.keys(x.refusedWith).join(', ') : null,
      // The machine's CPU use just before the line (other work on a small machine moves the figures).
      busyBefore: Math.max(x?.busyBefore ?? 0, y?.busyBefore ?? 0),
    };
  });
  r.table = rows;
  const healthOverBare = ratio(a.health.rps, a.bare.rps);
  r.healthOverBare = healthOverBare;
  const sizeLimit = 10 * 1024;
  const row = (key) => rows.find((x) => x.key === key);
  // A target on a line that answered errors (non-2xx, failed transactions), or whose SQL answered another
  // total than the API, is not met, whatever its ratio.
  const clean = (...keys) => keys.every((k) => row(k).suspect === 0 && !row(k).totalsDiffer);
  const targets = [
    ['caseworker list, heavy ≥ 0.5 × its SQL', row('heavyList').apiOverSql, (v) => v >= 0.5, ['heavyList']],
    ['caseworker list, typical ≥ 0.5 × its SQL', row('typicalList').apiOverSql, (v) => v >= 0.5, ['typicalList']],
    ['caseworker list, typical ≥ 0.4 × /api/health', row('typicalList').apiOverHealth, (v) => v >= 0.4, ['typicalList', 'health']],
    ['/api/health ≥ 0.25 × bare node', healthOverBare, (v) => v >= 0.25, ['health', 'bare']],
    ['caseworker list p50, heavy ≤ 1.5 × typical', ratio(a.heavyList.p50, a.typicalList.p50), (v) => v <= 1.5, ['heavyList', 'typicalList']],
    ['caseworker list p99, heavy ≤ 1.5 × typical', ratio(a.heavyList.p99, a.typicalList.p99), (v) => v <= 1.5, ['heavyList', 'typicalList']],
    // The same two targets for the list as the web app asks for it (a capped count).
    ['  capped count: heavy ≥ 0.5 × its SQL', row('cappedHeavyList').apiOverSql, (v) => v >= 0.5, ['cappedHeavyList']],
    ['  capped count: heavy p50 ≤ 1.5 × typical', ratio(a.cappedHeavyList?.p50, a.typicalList.p50), (v) => v <= 1.5, ['cappedHeavyList', 'typicalList']],
    ['case detail ≥ 0.15 × its SQL', row('caseDetail').apiOverSql, (v) => v >= 0.15, ['caseDetail']],
    ['GET /auth/me body < 10 kB, heavy caseworker', r.check.authMeBytes.heavy, (v) => v < sizeLimit, []],
  ].map(([label, value, ok, lines]) => ({ label, value, valid: clean(...lines), pass: value !== null && ok(value) && clean(...lines) }));
  r.targets = targets;
  // What the hand-written list server reaches on the same measures: no target, the floor they stand on.
  const floor = [
    ['heavy ÷ its SQL', row('floorHeavyList').apiOverSql],
    ['typical ÷ its SQL', row('floorTypicalList').apiOverSql],
    ['typical ÷ /api/health', row('floorTypicalList').apiOverHealth],
    ['p50, heavy ÷ typical', ratio(a.floorHeavyList?.p50, a.floorTypicalList?.p50)],
    ['API ÷ hand-written, heavy', ratio(a.heavyList.rps, a.floorHeavyList?.rps)],
    ['API ÷ hand-written, typical', ratio(a.typicalList.rps, a.floorTypicalList?.rps)],
  ].map(([label, value]) => ({ label, value, valid: clean('floorHeavyList', 'floorTypicalList') }));
  r.floor = floor;

  const pad = (v, w, right = true) => {
    const t = v === null || v === undefined ? '–' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: v < 1 ? 4 : 2 }) : String(v);
    return right ? t.padStart(w) : t.padEnd(w);
  };
  const head = [
    `Lantern caseload benchmark — ${new Date().toISOString().slice(0, 10)}, ${r.database} PostgreSQL, ${n(r.data.cases)} cases, ${r.connections} connections, ${r.seconds} s per line`,
    `API: ${describeRoot(r.root, r.revision)}; SQL: pgbench -n -c ${r.connections} -j 2 -T ${r.seconds} (page + count per transaction, scripts/bench/*.sql)`,
    '',
    `${pad('line', 36, false)}${pad('API req/s', 10)}${pad('p50 ms', 8)}${pad('p99 ms', 8)} │${pad('SQL tx/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)} │${pad('API÷SQL', 8)}${pad('API÷health', 11)}  note`,
  ];
  const body = rows.map(
    (x) =>
      `${pad(x.label, 36, false)}${pad(x.apiRps, 10)}${pad(x.apiP50 === 0 ? '<1' : x.apiP50, 8)}${pad(x.apiP99 === 0 ? '<1' : x.apiP99, 8)} │${pad(x.sqlRps, 9)}${pad(x.sqlP50, 8)}${pad(x.sqlP99, 8)} │${pad(x.apiOverSql, 8)}${pad(x.apiOverHealth, 11)}  ${x.note}${x.totalsDiffer ? ` !SQL total ${n(r.check.totals[x.key].sql)} ≠ API ${n(r.check.totals[x.key].api)}` : ''}${x.suspect ? ` !${x.suspect} errors${x.refusedWith ? ` (HTTP ${x.refusedWith})` : ''}` : ''}${x.busyBefore > 0.2 ? ` (machine ${Math.round(x.busyBefore * 100)}% busy before)` : ''}`,
  );
  const tail = [
    '',
    `health ÷ bare: ${healthOverBare}    GET /auth/me body: ${n(r.check.authMeBytes.heavy)} B heavy, ${n(r.check.authMeBytes.typical)} B typical`,
    '',
    'Targets (reported, never fatal):',
    ...targets.map(
      (t) =>
        `  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(t.label, 46, false)} ${t.label.startsWith('GET /auth/me') ? `${n(t.value)} B` : t.value}${t.valid ? '' : '  (the line answered errors: not a measurement)'}`,
    ),
    '',
    'The hand-written list server on the same measures (no target: the floor under them):',
    ...floor.map((f) => `        ${pad(f.label, 46, false)} ${f.value ?? '–'}${f.valid ? '' : '  (the line answered errors: not a measurement)'}`),
  ];
  process.stdout.write(`${[...head, ...body, ...tail].join('\n')}\n`);
  const file = process.env.BENCH_JSON ?? join(tmpdir(), `lantern-bench-caseload-${Date.now()}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  log(`JSON: ${file}`);
}
