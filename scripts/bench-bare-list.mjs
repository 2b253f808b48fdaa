#!/usr/bin/env node
// The floor of a list request (docs/benchmarks.md, "A hand-written list server"): the caseworker's case list
// as a hand-written Node service would serve it with no framework and no permission layer, but doing what
// any list of survivor records must do here. For each GET, on a node-postgres pool of the API's size (10):
//   1. the session named by the request's cookie, by the API's own statement (session-statement.ts);
//   2. the page of scripts/bench/caseworker-list.sql, the pgbench line's own SQL, for the session's user;
//   3. its count, only when the page is full (as the API does: a shorter page is its own total);
//   4. one audit row naming the records returned, a plain INSERT into lantern_bench.audit_like (no hash
//      chain: cheaper than the API's append);
//   5. the rows as JSON, with Content-Range.
// Each statement is a named (prepared) one, as the API's are. It runs in a process of its own, while the
// SQL lines' setup (scripts/bench/setup.sql) is in place; it prints its port on stdout. Started and stopped
// by scripts/bench-lib.mjs (startBareList).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
// The API's own session statement, from its build (`npm run bench` builds it first).
import { RESOLVE_SQL } from '../apps/api/dist/access/auth/session-statement.js';

// The pgbench file's two statements (comments dropped), its psql variables as parameters.
const [PAGE_SQL, COUNT_SQL] = readFileSync(new URL('./bench/caseworker-list.sql', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('--'))
  .join('\n')
  .split(';')
  .map((statement) => statement.trim().replaceAll(':org', '$1').replaceAll(':cw', '$2'))
  .filter(Boolean);
const PAGE_SIZE = Number(/LIMIT (\d+)/.exec(PAGE_SQL)[1]);
const AUDIT_SQL = `INSERT INTO lantern_bench.audit_like (chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type,
  subject_ids, fields, outcome, request_id, ip, prev_hash, row_hash, created_by)
  VALUES ($1, $1, now(), $2, $3, 'list', 'Case', $4, $5, 'success', $6, $7, $8, $9, $2)`;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const tokenOf = (cookie) => /(?:^|;\s*)lantern[^=]*=([^;]+)/.exec(cookie ?? '')?.[1];

const server = createServer(async (req, res) => {
  try {
    const token = tokenOf(req.headers.cookie);
    const session = token && (await pool.query({ name: 'resolve', text: RESOLVE_SQL, values: [sha256(decodeURIComponent(token))] })).rows[0];
    if (!session || session.revoked_at || !session.active || session.expires_at <= new Date()) return void res.writeHead(401).end();
    const who = [session.organization_id, session.user_id];
    const { rows } = await pool.query({ name: 'page', text: PAGE_SQL, values: who });
    const total = rows.length < PAGE_SIZE ? rows.length : (await pool.query({ name: 'count', text: COUNT_SQL, values: who })).rows[0].count;
    if (rows.length > 0) {
      const ids = rows.map((r) => r.id);
      const previous = '0'.repeat(64);
      await pool.query({
        name: 'audit',
        text: AUDIT_SQL,
        values: [session.organization_id, session.user_id, session.role, ids, Object.keys(rows[0]), 'bench', req.socket.remoteAddress, previous, sha256(previous + ids.join(','))],
      });
    }
    const body = JSON.stringify(rows);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'content-range': `cases 0-${rows.length - 1}/${total}`,
    });
    res.end(body);
  } catch (error) {
    process.stderr.write(`bench-bare-list: ${error.message}\n`);
    res.writeHead(500).end();
  }
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
// Ends at once: the harness has stopped its load, and PostgreSQL closes the pool's connections.
process.on('SIGTERM', () => process.exit(0));
