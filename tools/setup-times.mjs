#!/usr/bin/env node
// Sums the lines apps/api/test/setup-times.cjs wrote (LANTERN_SETUP_TIMES=<file>) per test file: the time
// its beforeAll hooks took, its beforeEach hooks (all runs, and the longest), and the load average while
// they ran. Slowest first. It reports; it never fails on a time (docs/architecture.md, "Test databases").
//
//   node tools/setup-times.mjs <file> [--top 15] [--over 10]    --over: only files whose setup took longer (s)
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args.splice(i, 2)[1]);
};
const top = option('--top', Infinity);
const over = option('--over', 0) * 1000;
const [file] = args;
if (!file) {
  console.error('usage: node tools/setup-times.mjs <file> [--top N] [--over SECONDS]');
  process.exit(2);
}

const suites = new Map();
const globals = [];
for (const text of readFileSync(file, 'utf8').split('\n')) {
  if (!text.trim()) continue;
  const line = JSON.parse(text);
  if (line.path === 'globalSetup') {
    globals.push(line);
    continue;
  }
  const path = relative(process.cwd(), line.path);
  const s = suites.get(path) ?? { path, all: 0, allMax: 0, each: 0, eachMax: 0, eachRuns: 0, failed: 0, loads: [] };
  if (line.hook === 'beforeEach') {
    s.each += line.ms;
    s.eachRuns += 1;
    s.eachMax = Math.max(s.eachMax, line.ms);
  } else {
    s.all += line.ms;
    s.allMax = Math.max(s.allMax, line.ms);
  }
  if (!line.ok) s.failed += 1;
  if (typeof line.load === 'number') s.loads.push(line.load);
  suites.set(path, s);
}

const seconds = (ms) => (ms / 1000).toFixed(1).padStart(6);
const rows = [...suites.values()].map((s) => ({ ...s, setup: s.all + s.each })).sort((a, b) => b.setup - a.setup);
const shown = rows.filter((s) => s.setup >= over).slice(0, top);
console.log(' setup  beforeAll(longest) beforeEach(longest, runs)  load       file');
for (const s of shown) {
  const load = s.loads.length ? `${Math.min(...s.loads)}-${Math.max(...s.loads)}` : '?';
  const each = s.eachRuns ? `${seconds(s.each)} (${(s.eachMax / 1000).toFixed(1)}, ${s.eachRuns})` : '     -';
  console.log(`${seconds(s.setup)} ${seconds(s.all)} (${seconds(s.allMax)})  ${each.padEnd(24)} ${load.padEnd(10)} ${s.path}${s.failed ? `  (${s.failed} hook(s) failed)` : ''}`);
}
for (const g of globals) console.log(`global setup: ${seconds(g.ms)} s${g.built?.length ? ` (built ${g.built.join(', ')})` : ''}`);
console.log(`${rows.length} files, ${rows.filter((s) => s.setup > 10_000).length} over 10 s of setup`);
