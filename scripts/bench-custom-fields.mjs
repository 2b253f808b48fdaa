#!/usr/bin/env node
// Custom field storage, measured before it was chosen (issue 18): on a scratch database of the PostgreSQL
// server of DATABASE_URL, loads BENCH_CASES cases (default 100,000) with ten custom values each in two
// layouts, side by side in a schema of their own:
//   (a) jsonb: a `custom` JSONB column on the case, keyed by field id, with a GIN index (jsonb_path_ops);
//       encrypted values are ciphertext strings in it, so the index never holds a plaintext;
//   (b) table: typed rows (record id, field id, value_text/number/date/bool), one per value (one per option
//       of a multiple choice), with (field_id, value_*, record_id) btrees; ciphertext in value_cipher, unindexed.
// Then times, BENCH_SAMPLES times each after a warm-up, a list page of 25 with three custom columns and its
// count (for Content-Range), unfiltered and filtered by a single choice, a yes/no, a number range and a date
// range; for a caseworker (her active cases) and for a coordinator (every active case of the organization).
// Prints one JSON object on stdout (p50/p95 in ms, and each query's plan shape); progress goes to stderr.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node scripts/bench-custom-fields.mjs
// BENCH_KEEP=1 keeps the scratch database and says its name. See docs/benchmarks.md, "Custom field storage".

import { randomBytes } from 'node:crypto';
import pg from 'pg';

const cases = Number(process.env.BENCH_CASES ?? 100_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 30);
if (!process.env.DATABASE_URL) {
  process.stderr.write('DATABASE_URL must name a PostgreSQL server (a scratch database is made on it)\n');
  process.exit(2);
}

const name = `lantern_bench_cf_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(process.env.DATABASE_URL);
url.pathname = `/${name}`;
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();

const log = (line) => process.stderr.write(`${line}\n`);
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

// The fields: ids fixed so the queries can name them; options are ids too (stable through relabelling).
const F = {
  choice1: '00000000-0000-4000-8000-000000000001', // single choice, 5 options
  choice2: '00000000-0000-4000-8000-000000000002', // single choice, 12 options
  multi: '00000000-0000-4000-8000-000000000003', // multiple choice, 1-3 of 6 options
  yes1: '00000000-0000-4000-8000-000000000004', // yes/no, 30 % yes
  yes2: '00000000-0000-4000-8000-000000000005',
  num1: '00000000-0000-4000-8000-000000000006', // number 0-100
  num2: '00000000-0000-4000-8000-000000000007',
  date1: '00000000-0000-4000-8000-000000000008', // date within 5 years
  date2: '00000000-0000-4000-8000-000000000009',
  secret: '00000000-0000-4000-8000-00000000000a', // PII text: ciphertext only
};
const opt = (field, i) => `${field.slice(0, 24)}${String(i).padStart(12, '0')}`;

const LOAD = `
CREATE SCHEMA cfb;
CREATE TABLE cfb.survivor_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organization_id uuid NOT NULL, case_number text NOT NULL,
  assigned_caseworker_id uuid, status text NOT NULL, risk_level text, opened_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), version int NOT NULL DEFAULT 1,
  custom jsonb NOT NULL DEFAULT '{}'::jsonb);
CREATE TABLE cfb.custom_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), record_id uuid NOT NULL, field_id uuid NOT NULL,
  value_text text, value_number numeric, value_date date, value_bool boolean, value_cipher text);
SELECT setseed(0.18);
INSERT INTO cfb.survivor_case (organization_id, case_number, assigned_caseworker_id, status, risk_level, opened_at)
SELECT '10000000-0000-4000-8000-000000000000', 'C-' || i,
       ('20000000-0000-4000-8000-' || lpad((i % 250)::text, 12, '0'))::uuid,
       CASE WHEN random() < 0.6 THEN 'active' ELSE 'closed' END,
       (ARRAY['low','medium','high'])[1 + (i % 3)], now() - random() * interval '5 years'
  FROM generate_series(1, ${cases}) i;
CREATE TEMP TABLE v AS
SELECT c.id,
       '${F.choice1.slice(0, 24)}' || lpad((floor(random() * 5))::int::text, 12, '0') AS c1,
       '${F.choice2.slice(0, 24)}' || lpad((floor(random() * 12))::int::text, 12, '0') AS c2,
       ARRAY(SELECT '${F.multi.slice(0, 24)}' || lpad(o::text, 12, '0') FROM generate_series(0, 5) o
              WHERE random() < 0.3 AND c.id IS NOT NULL) AS m, -- correlated, so drawn per case
       random() < 0.3 AS b1, random() < 0.5 AS b2,
       round((random() * 100)::numeric, 1) AS n1, round((random() * 1000)::numeric, 0) AS n2,
       (current_date - (random() * 1825)::int) AS d1, (current_date - (random() * 1825)::int) AS d2,
       'v1.k1.' || encode(gen_random_bytes(12), 'base64') || '.' || encode(gen_random_bytes(48), 'base64') AS t
  FROM cfb.survivor_case c;
UPDATE cfb.survivor_case c SET custom = jsonb_build_object(
  '${F.choice1}', v.c1, '${F.choice2}', v.c2, '${F.multi}', to_jsonb(v.m), '${F.yes1}', v.b1, '${F.yes2}', v.b2,
  '${F.num1}', v.n1, '${F.num2}', v.n2, '${F.date1}', v.d1::text, '${F.date2}', v.d2::text, '${F.secret}', v.t)
  FROM v WHERE v.id = c.id;
INSERT INTO cfb.custom_value (record_id, field_id, value_text) SELECT id, '${F.choice1}', c1 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_text) SELECT id, '${F.choice2}', c2 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_text) SELECT id, '${F.multi}', unnest(m) FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_bool) SELECT id, '${F.yes1}', b1 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_bool) SELECT id, '${F.yes2}', b2 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_number) SELECT id, '${F.num1}', n1 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_number) SELECT id, '${F.num2}', n2 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_date) SELECT id, '${F.date1}', d1 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_date) SELECT id, '${F.date2}', d2 FROM v;
INSERT INTO cfb.custom_value (record_id, field_id, value_cipher) SELECT id, '${F.secret}', t FROM v;
-- The case list's own indexes (as in migrations: the caseworker's and the coordinator's pages).
CREATE INDEX ON cfb.survivor_case (organization_id, assigned_caseworker_id, status, opened_at);
CREATE INDEX ON cfb.survivor_case (organization_id, status, opened_at);
-- (a)
CREATE INDEX cfb_case_custom_gin ON cfb.survivor_case USING gin (custom jsonb_path_ops);
-- (b): one value per (record, field, option); filters by field and value, then the record.
CREATE UNIQUE INDEX ON cfb.custom_value (record_id, field_id, value_text) NULLS NOT DISTINCT;
CREATE INDEX cfb_cv_text ON cfb.custom_value (field_id, value_text, record_id) WHERE value_text IS NOT NULL;
CREATE INDEX cfb_cv_number ON cfb.custom_value (field_id, value_number, record_id) WHERE value_number IS NOT NULL;
CREATE INDEX cfb_cv_date ON cfb.custom_value (field_id, value_date, record_id) WHERE value_date IS NOT NULL;
CREATE INDEX cfb_cv_bool ON cfb.custom_value (field_id, value_bool, record_id) WHERE value_bool IS NOT NULL;
`;

const ORG = '10000000-0000-4000-8000-000000000000';
const CW = '20000000-0000-4000-8000-000000000007';
const COLS = [F.choice1, F.yes1, F.num1];
const since = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const until = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10);

// Each filter in both layouts: a WHERE fragment on the case `c` and its parameters (after $1 org[, $2 cw]).
const filters = {
  none: { jsonb: () => ['TRUE', []], table: () => ['TRUE', []] },
  choice: {
    jsonb: (n) => [`c.custom @> $${n}::jsonb`, [JSON.stringify({ [F.choice1]: opt(F.choice1, 2) })]],
    table: (n) => [`c.id IN (SELECT record_id FROM cfb.custom_value WHERE field_id = $${n} AND value_text = $${n + 1})`, [F.choice1, opt(F.choice1, 2)]],
  },
  yesno: {
    jsonb: (n) => [`c.custom @> $${n}::jsonb`, [JSON.stringify({ [F.yes1]: true })]],
    table: (n) => [`c.id IN (SELECT record_id FROM cfb.custom_value WHERE field_id = $${n} AND value_bool = $${n + 1})`, [F.yes1, true]],
  },
  number: {
    jsonb: (n) => [`(c.custom->>'${F.num1}')::numeric BETWEEN $${n} AND $${n + 1}`, [20, 30]],
    table: (n) => [`c.id IN (SELECT record_id FROM cfb.custom_value WHERE field_id = $${n} AND value_number BETWEEN $${n + 1} AND $${n + 2})`, [F.num1, 20, 30]],
  },
  date: {
    jsonb: (n) => [`(c.custom->>'${F.date1}') BETWEEN $${n} AND $${n + 1}`, [since, until]],
    table: (n) => [`c.id IN (SELECT record_id FROM cfb.custom_value WHERE field_id = $${n} AND value_date BETWEEN $${n + 1} AND $${n + 2})`, [F.date1, since, until]],
  },
};

const CASE_COLS = 'c.id, c.case_number, c.status, c.risk_level, c.assigned_caseworker_id, c.opened_at, c.version';

/** One page and its count, as the API would ask: page, count, and in (b) the page's custom columns. */
function pageQueries(layout, scope, filter) {
  const base = scope === 'caseworker' ? ['c.organization_id = $1 AND c.assigned_caseworker_id = $2', [ORG, CW]] : ['c.organization_id = $1', [ORG]];
  const [where, params] = filters[filter][layout](base[1].length + 1);
  const all = [...base[1], ...params];
  const cond = `${base[0]} AND c.status = 'active' AND ${where}`;
  if (layout === 'jsonb') {
    const cols = COLS.map((f, i) => `c.custom->'${f}' AS f${i}`).join(', ');
    return [
      { text: `SELECT ${CASE_COLS}, ${cols} FROM cfb.survivor_case c WHERE ${cond} ORDER BY c.opened_at DESC, c.id LIMIT 25`, values: all },
      { text: `SELECT count(*) FROM cfb.survivor_case c WHERE ${cond}`, values: all },
    ];
  }
  return [
    { text: `SELECT ${CASE_COLS} FROM cfb.survivor_case c WHERE ${cond} ORDER BY c.opened_at DESC, c.id LIMIT 25`, values: all, page: true },
    { text: `SELECT count(*) FROM cfb.survivor_case c WHERE ${cond}`, values: all },
    { text: 'SELECT record_id, field_id, value_text, value_number, value_date, value_bool FROM cfb.custom_value WHERE record_id = ANY($1::uuid[]) AND field_id = ANY($2::uuid[])', columns: true },
  ];
}

async function run(queries) {
  let ids = [];
  for (const q of queries) {
    if (q.columns) await db.query(q.text, [ids, COLS]);
    else {
      const r = await db.query(q.text, q.values);
      if (q.page) ids = r.rows.map((row) => row.id);
    }
  }
}

async function planOf(q) {
  const r = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, q.values);
  const plan = r.rows[0]['QUERY PLAN'][0];
  const nodes = [];
  const walk = (n) => {
    nodes.push(n['Index Name'] ? `${n['Node Type']}(${n['Index Name']})` : n['Node Type']);
    (n.Plans ?? []).forEach(walk);
  };
  walk(plan.Plan);
  return nodes.join(' > ');
}

try {
  log(`Loading ${cases.toLocaleString('en-US')} cases with ten custom values each, both layouts...`);
  const t0 = performance.now();
  await db.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  await db.query(LOAD);
  await db.query('VACUUM ANALYZE cfb.survivor_case');
  await db.query('VACUUM ANALYZE cfb.custom_value');
  const sizes = (
    await db.query(`SELECT pg_size_pretty(pg_total_relation_size('cfb.custom_value')) AS values_table,
                           pg_size_pretty(pg_relation_size('cfb.cfb_case_custom_gin')) AS jsonb_gin,
                           pg_size_pretty(pg_total_relation_size('cfb.survivor_case')) AS case_table_with_jsonb,
                           (SELECT count(*) FROM cfb.custom_value)::int AS value_rows,
                           (SELECT count(*) FROM cfb.survivor_case WHERE organization_id = $1 AND assigned_caseworker_id = $2 AND status = 'active')::int AS caseworker_active,
                           (SELECT count(*) FROM cfb.survivor_case WHERE status = 'active')::int AS org_active`, [ORG, CW])
  ).rows[0];
  log(`Loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const results = {};
  for (const scope of ['caseworker', 'coordinator']) {
    for (const filter of Object.keys(filters)) {
      for (const layout of ['jsonb', 'table']) {
        const queries = pageQueries(layout, scope, filter);
        for (let i = 0; i < 3; i++) await run(queries);
        const times = [];
        for (let i = 0; i < samples; i++) {
          const t = performance.now();
          await run(queries);
          times.push(performance.now() - t);
        }
        const key = `${scope} ${filter} ${layout}`;
        results[key] = {
          p50: +quantile(times, 0.5).toFixed(2),
          p95: +quantile(times, 0.95).toFixed(2),
          page: await planOf(queries[0]),
          count: await planOf(queries[1]),
        };
        log(`${key}: p50 ${results[key].p50} ms, p95 ${results[key].p95} ms`);
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ cases, samples, sizes, results }, null, 2)}\n`);
} finally {
  await db.end();
  if (process.env.BENCH_KEEP) log(`Database kept: ${url}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
