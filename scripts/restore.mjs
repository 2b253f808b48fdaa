#!/usr/bin/env node
// `npm run restore -- <backup> [--force] [--with-owners]`: puts a backup made by `npm run backup` back
// (docs/operations.md).
// - PostgreSQL server (DATABASE_URL): pg_restore of the dump into that database. A database that already
//   holds tables is refused without --force (which replaces what the dump holds: --clean --if-exists).
//   The copy belongs to whoever restores it (--no-owner --no-privileges) unless --with-owners.
// - Embedded (LANTERN_DATA_DIR, default ./data): the backup directory copied into place. A data
//   directory that is not empty is refused without --force (which moves it aside, never deletes it).
// Prints paths and counts, never data.
import { cpSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { connection, fail, isNonEmptyDir, lockDataDir, parseArgs, run, seconds, stamp, target } from './backup-lib.mjs';

const { flags, positional } = parseArgs(process.argv.slice(2));
const force = flags.has('force');
if (positional.length !== 1) fail('Usage: npm run restore -- <backup file or directory> [--force] [--with-owners]');
const backup = resolve(positional[0]);
if (!existsSync(backup)) fail(`${backup} does not exist.`);
const db = target();
const started = Date.now();

if (db.kind === 'server') {
  if (statSync(backup).isDirectory()) fail(`${backup} is a copy of an embedded database; DATABASE_URL names a server. Unset DATABASE_URL to restore it.`);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
  await client.end();
  const { dbname, env, label } = connection(db.url);
  if (rows[0].n > 0 && !force) {
    fail(`${label} already holds ${rows[0].n} tables: restore into an empty database, or add --force to replace its contents with the backup.`);
  }
  const args = ['--exit-on-error', '--single-transaction', `--dbname=${dbname}`];
  if (!flags.has('with-owners')) args.push('--no-owner', '--no-privileges');
  if (rows[0].n > 0) args.push('--clean', '--if-exists');
  const status = run('pg_restore', [...args, backup], env);
  if (status !== 0) fail(`pg_restore failed (exit ${status}); the restore was rolled back.`, status);
  process.stdout.write(`Restored ${backup} into ${label} (${seconds(started)}). Next: npm run audit:verify with the keys of the backup's time.\n`);
} else {
  if (!statSync(backup).isDirectory() || !existsSync(resolve(backup, 'pgdata'))) {
    fail(`${backup} is not a copy of an embedded database (no pgdata/ inside). For a dump, set DATABASE_URL to the server to restore into.`);
  }
  let aside = null;
  if (isNonEmptyDir(db.dataDir)) {
    const unlock = lockDataDir(db.dataDir);
    unlock();
    if (!force) fail(`${db.dataDir} is not empty: stop Lantern and add --force to replace it (the current one is moved aside, not deleted).`);
    aside = `${db.dataDir}.before-restore-${stamp()}`;
    renameSync(db.dataDir, aside);
  }
  rmSync(db.dataDir, { recursive: true, force: true });
  cpSync(backup, db.dataDir, { recursive: true });
  process.stdout.write(`Restored ${backup} into ${db.dataDir} (${seconds(started)}).${aside ? ` The previous data directory is in ${aside}.` : ''}\n`);
}
