#!/usr/bin/env node
// The sign-in page loads under 250 kB of compressed JavaScript (issue 13). Reads a built web app
// (apps/web/dist, or the folder given as the first argument), follows what its index.html loads — the
// entry script, its modulepreloads and every module they import statically, never the dynamic
// imports that come after sign-in — and fails when the gzip size of those scripts goes over the limit.
//   node tools/check-web-bundle.mjs [dist folder] [--limit-kb 250] [--json]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = normalize(join(dirname(new URL(import.meta.url).pathname), '..'));
const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args.splice(at, 2)[1];
};
const limitKb = Number(flag('--limit-kb') ?? 250);
const asJson = args.includes('--json');
const dist = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, 'apps/web/dist'));

const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`check-web-bundle: no ${indexPath}; build the web app first (npx nx run web:build)`);
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');
const start = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
];

// Static imports of a built chunk: `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`.
const STATIC = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
const loaded = new Map();
const queue = start.filter((src) => src.startsWith('/') && !src.startsWith('//')).map((src) => join(dist, src));
while (queue.length) {
  const file = queue.shift();
  if (loaded.has(file)) continue;
  const code = readFileSync(file);
  loaded.set(file, gzipSync(code, { level: 9 }).length);
  for (const match of code.toString('utf8').matchAll(STATIC)) queue.push(join(dirname(file), match[1]));
}

const total = [...loaded.values()].reduce((sum, size) => sum + size, 0);
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const files = [...loaded.entries()].map(([file, size]) => ({ file: file.slice(dist.length + 1), gzipKb: kb(size) })).sort((a, b) => b.gzipKb - a.gzipKb);
if (asJson) {
  console.log(JSON.stringify({ dist, limitKb, totalGzipKb: kb(total), files }, null, 2));
} else {
  for (const { file, gzipKb } of files) console.log(`${String(gzipKb).padStart(8)} kB  ${file}`);
  console.log(`sign-in page: ${files.length} scripts, ${kb(total)} kB gzip (limit ${limitKb} kB)`);
}
if (total > limitKb * 1024) {
  console.error(`check-web-bundle: the sign-in page loads ${kb(total)} kB of compressed JavaScript, over ${limitKb} kB`);
  process.exit(1);
}
