#!/usr/bin/env node
// `npm start`: build what changed (Nx caches the rest), then run Lantern in this process.
// Without DATABASE_URL it runs on the embedded PostgreSQL in LANTERN_DATA_DIR (default ./data) with demo data.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules')) {
  process.stderr.write('Dependencies are missing: run `npm install` first.\n');
  process.exit(1);
}

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '' };
process.stdout.write('Building Lantern (first run takes a minute; later runs use the cache)...\n');
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--output-style=static'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.stderr.write('Build failed.\n');
  process.exit(build.status ?? 1);
}
await import('../apps/api/dist/main.js');
