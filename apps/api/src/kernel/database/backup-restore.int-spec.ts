import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createOrgFixture, signIn, api } from '../../testing/fixtures.js';
import { createTestApp, testDatabase, TEST_KEYS } from '../../testing/test-app.js';

/**
 * The restore drill of docs/operations.md, as the scripts an operator runs: `npm run backup` and
 * `npm run restore` (scripts/backup.mjs, scripts/restore.mjs) on a populated database, then
 * `audit:verify` on the restored copy. Each database kind runs its own drill.
 */
const ROOT = resolve(__dirname, '../../../../..');
const CLI = resolve(ROOT, 'apps/api/dist/cli.js');

function node(args: string[], env: NodeJS.ProcessEnv) {
  const { DATABASE_URL: _url, LANTERN_DATA_DIR: _dir, ...base } = process.env;
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...base, NODE_ENV: 'test', ...env }, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const keys = {
  LANTERN_AUDIT_KEY: TEST_KEYS.auditKey.toString('base64'),
  LANTERN_ENCRYPTION_KEYS: TEST_KEYS.encryptionKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
  LANTERN_BLIND_INDEX_KEY: TEST_KEYS.blindIndexKey.toString('base64'),
};

describe('backup and restore drill', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('The drill runs the built CLI for audit:verify: build the API first (npx tsc -b apps/api/tsconfig.app.json)');
    dir = mkdtempSync(join(tmpdir(), 'lantern-drill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const target = testDatabase();

  (target.kind === 'server' ? it : it.skip)('the server: pg_dump, refusal to overwrite, pg_restore into a fresh database, and audit:verify passes on the copy', async () => {
    const t = await createTestApp();
    const copyUrl = new URL((target as { url: string }).url);
    copyUrl.pathname = `/lantern_drill_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: Object.assign(new URL(copyUrl), { pathname: '/postgres' }).toString() });
    await admin.connect();
    try {
      const org = await createOrgFixture(t.dataSource);
      const cw = await signIn(t, org.caseworker);
      await cw.post(api('/survivors')).send({ alias: 'Drill Alias', legalName: 'Drill Legal Name' }).expect(201);
      const source = { DATABASE_URL: (target as { url: string }).url };
      const dump = join(dir, 'lantern.dump');

      const backup = node(['scripts/backup.mjs', '--out', dump], source);
      expect(backup.status).toBe(0);
      expect(backup.out).not.toMatch(/Drill (Alias|Legal Name)/);
      const again = node(['scripts/backup.mjs', '--out', dump], source);
      expect(again.status).toBe(1);
      expect(again.out).toContain('--force');

      await admin.query(`CREATE DATABASE ${copyUrl.pathname.slice(1)}`);
      const copy = { DATABASE_URL: copyUrl.toString() };
      const restore = node(['scripts/restore.mjs', dump], copy);
      expect(restore).toMatchObject({ status: 0 });
      expect(restore.out).not.toMatch(/Drill (Alias|Legal Name)/);
      const over = node(['scripts/restore.mjs', dump], copy);
      expect(over.status).toBe(1);
      expect(over.out).toContain('--force');

      const count = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const { rows } = await client.query(`SELECT (SELECT count(*) FROM survivor)::int AS survivors, (SELECT count(*) FROM audit_event)::int AS audit`);
        await client.end();
        return rows[0] as { survivors: number; audit: number };
      };
      expect(await count(copyUrl.toString())).toEqual(await count(source.DATABASE_URL));
      const verify = node([CLI, 'audit:verify'], { ...copy, ...keys });
      expect(verify.out).toMatch(/Audit chain intact/);
      expect(verify.status).toBe(0);
    } finally {
      await t.close();
      await admin.query(`DROP DATABASE IF EXISTS ${copyUrl.pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
    // Child processes (pg_dump, pg_restore, the CLI) take their time on a loaded machine.
  }, 60_000);

  (target.kind === 'embedded' ? it : it.skip)('the embedded database: a copy of the data directory, refusal to overwrite, restore, and audit:verify passes on the copy', () => {
    const data = join(dir, 'data');
    const created = node([CLI, 'org:create', '--name', 'Drill', '--slug', 'drill', '--admin-email', 'drill@example.test', '--admin-name', 'Drill Admin'], {
      LANTERN_DATA_DIR: data,
    });
    expect(created.status).toBe(0);
    const copy = join(dir, 'copy.data');

    expect(node(['scripts/backup.mjs', '--out', copy], { LANTERN_DATA_DIR: data }).status).toBe(0);
    const again = node(['scripts/backup.mjs', '--out', copy], { LANTERN_DATA_DIR: data });
    expect(again.status).toBe(1);
    expect(again.out).toContain('--force');

    const restored = join(dir, 'restored');
    expect(node(['scripts/restore.mjs', copy], { LANTERN_DATA_DIR: restored }).status).toBe(0);
    const over = node(['scripts/restore.mjs', copy], { LANTERN_DATA_DIR: restored });
    expect(over.status).toBe(1);
    expect(over.out).toContain('--force');

    const verify = node([CLI, 'audit:verify'], { LANTERN_DATA_DIR: restored });
    expect(verify.out).toMatch(/Audit chain intact/);
    expect(verify.status).toBe(0);
    // Two starts of the embedded database in child processes (the first applies every migration).
  }, 90_000);
});
