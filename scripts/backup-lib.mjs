// Shared by scripts/backup.mjs and scripts/restore.mjs (docs/operations.md, Backups). They never print
// data: only paths, sizes and durations; pg_dump and pg_restore print their own errors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function parseArgs(argv) {
  const flags = new Set();
  const values = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') values.out = argv[++i];
    else if (arg.startsWith('--out=')) values.out = arg.slice('--out='.length);
    else if (arg.startsWith('--')) flags.add(arg.slice(2));
    else positional.push(arg);
  }
  return { flags, values, positional };
}

export function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The database the command works on: the server of DATABASE_URL, or the embedded one in LANTERN_DATA_DIR. */
export function target() {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { kind: 'server', url };
  return { kind: 'embedded', dataDir: resolve(process.env.LANTERN_DATA_DIR?.trim() || './data') };
}

/**
 * A connection for pg_dump/pg_restore without the password on their command line (where `ps` shows
 * it): the URL without it, and the password in PGPASSWORD.
 */
export function connection(url) {
  const parsed = new URL(url);
  const env = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env, label: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}` };
}

export function run(command, args, env) {
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error?.code === 'ENOENT') fail(`${command} was not found: install the PostgreSQL client tools (at least as new as the server).`);
  return result.status ?? 1;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the embedded database's lock (the API's lantern.pid) for the copy, or refuses while it is in use. */
export function lockDataDir(dataDir) {
  const file = join(dataDir, 'lantern.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      fail(`The embedded database in ${dataDir} is in use by process ${pid}. Stop it first.`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

export function isNonEmptyDir(path) {
  return existsSync(path) && statSync(path).isDirectory() && readdirSync(path).length > 0;
}

export function size(path) {
  const bytes = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true }).reduce((sum, name) => {
        const s = statSync(join(path, name));
        return s.isFile() ? sum + s.size : sum;
      }, 0)
    : statSync(path).size;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

export function stamp(date = new Date()) {
  return date.toISOString().replace(/[:]/g, '').replace(/\..*$/, '');
}

export const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;
