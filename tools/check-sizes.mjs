#!/usr/bin/env node
// Keeps the size limits of docs/architecture.md ("Size limits"): no API service over 400 lines
// (apps/api/src/**/*.service.ts) and no web component over 300 (apps/web/src/**/*.tsx, tests aside). A
// file over its limit is named with its count and the limit; exits 1 if there is one.
//
//   node tools/check-sizes.mjs            the repository
//   node tools/check-sizes.mjs --base D   another tree laid out like it (the check's own test, apps/api/src/size-limits.spec.ts)
//   node tools/check-sizes.mjs --json     the result as JSON on stdout
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const base = args.includes('--base') ? resolve(args[args.indexOf('--base') + 1]) : process.cwd();
const asJson = args.includes('--json');

/** Each limit: the folder it covers, which files in it, and the most lines one may have. */
const LIMITS = [
  { what: 'API service', dir: 'apps/api/src', matches: (name) => name.endsWith('.service.ts'), max: 400 },
  { what: 'web component', dir: 'apps/web/src', matches: (name) => name.endsWith('.tsx') && !/\.(test|spec)\.tsx$/.test(name), max: 300 },
];

/** Lines as an editor numbers them (`wc -l` for a file that ends with a newline). */
const lineCount = (text) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const checked = [];
const over = [];
for (const limit of LIMITS) {
  const root = join(base, limit.dir);
  if (!existsSync(root)) continue;
  for (const file of filesUnder(root)) {
    if (!limit.matches(file)) continue;
    const lines = lineCount(readFileSync(file, 'utf8'));
    const entry = { file: relative(base, file).split('\\').join('/'), what: limit.what, lines, max: limit.max };
    checked.push(entry);
    if (lines > limit.max) over.push(entry);
  }
}
over.sort((a, b) => a.file.localeCompare(b.file));

if (asJson) console.log(JSON.stringify({ checked: checked.length, over }, null, 2));
else {
  for (const o of over) console.log(`  ${o.file}: ${o.lines} lines, over the ${o.max}-line limit of its kind (${o.what})`);
  if (over.length === 0) console.log(`${checked.length} files within their size limits (services ≤ 400 lines, components ≤ 300)`);
  else console.log(`${over.length} file(s) over their size limit: split them (docs/architecture.md, "Size limits")`);
}
process.exit(over.length === 0 ? 0 : 1);
