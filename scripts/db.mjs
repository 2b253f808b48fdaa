#!/usr/bin/env node
// Database and maintenance commands (`npm run db:migrate`, `audit:verify`, `org:create`, ...): builds the
// API if needed, then runs its CLI. See `node apps/api/dist/cli.js` for the list.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const build = spawnSync('npx', ['nx', 'run', 'api:build', '--output-style=static'], { env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, ['apps/api/dist/cli.js', ...process.argv.slice(2)], { env, stdio: 'inherit' });
process.exit(run.status ?? 1);
