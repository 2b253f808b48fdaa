#!/usr/bin/env node
// `npm run backup [-- --out <path>] [-- --force]`: a backup of Lantern's database (docs/operations.md).
// - PostgreSQL server (DATABASE_URL): pg_dump in custom format to <path> (default lantern-<time>.dump).
// - Embedded (LANTERN_DATA_DIR, default ./data): a copy of the data directory, keys included, to <path>
//   (default lantern-<time>.data), while no server has it open.
// An existing <path> is never overwritten without --force. Prints paths and sizes, never data.
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { connection, fail, lockDataDir, parseArgs, run, seconds, size, stamp, target } from './backup-lib.mjs';

const { flags, values } = parseArgs(process.argv.slice(2));
const force = flags.has('force');
const db = target();
const started = Date.now();
const out = resolve(values.out ?? (db.kind === 'server' ? `lantern-${stamp()}.dump` : `lantern-${stamp()}.data`));
if (existsSync(out) && !force) fail(`${out} already exists: choose another --out, or add --force to overwrite it.`);
// Written beside the target first, then renamed: an interrupted backup never passes for a whole one.
const partial = `${out}.partial`;
rmSync(partial, { recursive: true, force: true });

if (db.kind === 'server') {
  const { dbname, env, label } = connection(db.url);
  const status = run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
  if (status !== 0) {
    rmSync(partial, { force: true });
    fail(`pg_dump failed (exit ${status}); no backup was written.`, status);
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(partial, out);
  process.stdout.write(`Backup of ${label} written to ${out} (${size(out)}, ${seconds(started)}).\n`);
  process.stdout.write('It holds ciphertext and the audit trail in the clear: encrypt it before it leaves this host, and keep the keys elsewhere.\n');
} else {
  if (!existsSync(resolve(db.dataDir, 'pgdata'))) fail(`No embedded database in ${db.dataDir} (set LANTERN_DATA_DIR, or DATABASE_URL for a server).`);
  const unlock = lockDataDir(db.dataDir);
  try {
    cpSync(db.dataDir, partial, { recursive: true, filter: (source) => basename(source) !== 'lantern.pid' });
  } finally {
    unlock();
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(partial, out);
  process.stdout.write(`Backup of the embedded database in ${db.dataDir} written to ${out} (${size(out)}, ${seconds(started)}).\n`);
  process.stdout.write('It holds the data and its keys (keys.json) together: keep it as protected as the original.\n');
}
