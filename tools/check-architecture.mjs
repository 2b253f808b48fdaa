#!/usr/bin/env node
// Checks the API's dependency rules (tools/architecture-rules.cjs) with dependency-cruiser, then looks
// for import cycles between folders (kernel/config, access/auth, features/referrals, ...), which a
// file-level check cannot see, and for tables named in raw SQL outside the folder that owns them.
// Prints the import counts between folders; exits 1 on any violation.
//
//   node tools/check-architecture.mjs            the repository
//   node tools/check-architecture.mjs --base D   another tree laid out like it (the rules' own test)
//   node tools/check-architecture.mjs --json     the result as JSON on stdout
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const base = args.includes('--base') ? resolve(args[args.indexOf('--base') + 1]) : process.cwd();
const asJson = args.includes('--json');
const rules = require('./architecture-rules.cjs');

/** Folders whose mutual cycles are allowed, with the reason (docs/architecture.md says the same). */
const ALLOWED_CYCLES = [];

const previous = process.cwd();
process.chdir(base);
const options = {
  ...rules.options,
  ruleSet: { forbidden: rules.forbidden },
  validate: true,
  tsConfig: undefined,
};
let result;
try {
  // The API, and the synthetic-data generator it loads (tools/synthetic, for the file-cycle rule).
  result = await cruise(['apps/api/src', 'tools/synthetic/src'].filter((dir) => existsSync(dir)), options);
} finally {
  process.chdir(previous);
}
const output = result.output;

const violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, cycle: v.cycle?.map((c) => c.name ?? c) }));

/** The folder a file belongs to: kernel/http, access/auth, case-file, features/referrals, workflows/caseload, (root). */
function folderOf(path) {
  const rest = path.replace(/^apps\/api\/src\//, '');
  const parts = rest.split('/');
  if (parts.length === 1) return '(root)';
  if (['kernel', 'access', 'features', 'workflows'].includes(parts[0]) && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}
const exempt = (path) => /\.(int-)?spec\.ts$/.test(path) || /^apps\/api\/src\/(testing|seed)\//.test(path);
const RANK = { kernel: 0, access: 1, 'case-file': 2, features: 3, workflows: 4, '(root)': 5 };
const rank = (folder) => RANK[folder.split('/')[0]] ?? -1; // seed/ and testing/ stand outside the layers

const edges = new Map();
for (const module of output.modules) {
  if (!module.source.startsWith('apps/api/src/') || exempt(module.source)) continue;
  for (const dep of module.dependencies) {
    if (!dep.resolved.startsWith('apps/api/src/')) continue;
    const from = folderOf(module.source);
    const to = folderOf(dep.resolved);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

// Folder-level cycles: strongly connected components of the folder graph (Tarjan).
const graph = new Map();
for (const key of edges.keys()) {
  const [from, to] = key.split(' -> ');
  if (!graph.has(from)) graph.set(from, new Set());
  if (!graph.has(to)) graph.set(to, new Set());
  graph.get(from).add(to);
}
const cycles = [];
{
  let index = 0;
  const stack = [];
  const info = new Map();
  const visit = (node) => {
    info.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const next of graph.get(node)) {
      if (!info.has(next)) {
        visit(next);
        info.get(node).low = Math.min(info.get(node).low, info.get(next).low);
      } else if (info.get(next).onStack) info.get(node).low = Math.min(info.get(node).low, info.get(next).index);
    }
    if (info.get(node).low === info.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        info.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!info.has(node)) visit(node);
}
const unexplainedCycles = cycles.filter((c) => !ALLOWED_CYCLES.some((a) => a.folders.join() === c.join()));

// ---- Raw SQL names a table only in the folder that owns it ------------------------------------------
// A table belongs to the folder of its entity (`@Entity('name')`). SQL written by hand (a string with
// SELECT, UPDATE, INSERT or DELETE in it) may name the tables of its own folder, the case file's (the
// survivor and case entities every feature shares, case-file/), and in workflows/ any table (they
// combine features). Anything else goes through the owner's service or is one of the exceptions below,
// each with its reason (docs/architecture.md says the same).
const SQL_EXCEPTIONS = {
  'access/auth': { tables: ['organization', 'partner_org'], why: 'a session ends with its organization or partner organization, checked in the one session query' },
  'access/records': { tables: ['survivor_case'], why: 'audit labels name a record by its case number' },
  'features/erasure': { tables: '*', why: "erasure and retention destroy a survivor's data in every table that holds it" },
  'features/metrics': { tables: '*', why: 'the anonymized metrics are a read model over the whole file' },
  'features/reports': { tables: '*', why: 'the funder reports are a read model over the whole file' },
  'features/accounts': { tables: ['app_user'], why: 'invitations and resets are the accounts of access/auth' },
  'features/notifications': { tables: ['app_user'], why: 'notifications go to the people of an organization' },
  'features/referrals': { tables: ['app_user'], why: "a referral's coordinators and caseworker are notified" },
  'features/documents': { tables: ['referral'], why: "a partner's documents are those of its referral's case" },
  'features/partner-orgs': { tables: ['referral'], why: "a partner's directory shows its response times and open referrals" },
  'features/survivors': { tables: ['audit_event'], why: 'a sweep of name searches is found in the audit' },
};
const sqlViolations = [];
{
  const root = join(base, 'apps/api/src');
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  walk(root);
  const relative = (path) => path.slice(base.length + 1);
  const owner = new Map();
  for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*'([a-z_]+)'/g)) owner.set(m[1], folderOf(relative(file)));
  for (const file of files) {
    const path = relative(file);
    if (exempt(path) || /\.testing\.ts$/.test(path)) continue;
    const folder = folderOf(path);
    if (folder.startsWith('workflows/')) continue;
    const exception = SQL_EXCEPTIONS[folder];
    const named = new Set();
    for (const [literal] of readFileSync(file, 'utf8').matchAll(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g)) {
      if (!/\b(SELECT|UPDATE|INSERT|DELETE)\b/.test(literal)) continue;
      for (const m of literal.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+"?([a-z_]+)"?/gi)) if (owner.has(m[1])) named.add(m[1]);
    }
    for (const table of named) {
      const home = owner.get(table);
      if (home === folder || home === 'case-file') continue;
      if (exception && (exception.tables === '*' || exception.tables.includes(table))) continue;
      sqlViolations.push({ rule: 'table-in-its-own-folder', from: path, to: `${table} (${home})` });
    }
  }
}
violations.push(...sqlViolations);

const upward = [...edges].filter(([key]) => {
  const [from, to] = key.split(' -> ');
  return rank(from) < rank(to);
});
const report = {
  violations,
  folderCycles: cycles,
  unexplainedCycles,
  imports: Object.fromEntries([...edges].sort()),
  totals: { folderImports: [...edges.values()].reduce((a, b) => a + b, 0), upwardImports: upward.reduce((a, [, n]) => a + n, 0) },
};

if (asJson) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`${output.summary.totalCruised} files, ${report.totals.folderImports} imports between folders, ${report.totals.upwardImports} upward`);
  for (const v of violations) console.log(`  ${v.rule}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.join(' -> ')})` : ''}`);
  for (const c of unexplainedCycles) console.log(`  folder cycle: ${c.join(' <-> ')}`);
  if (violations.length === 0 && unexplainedCycles.length === 0) console.log('dependency rules hold; no folder-level cycle');
}
process.exit(violations.length === 0 && unexplainedCycles.length === 0 ? 0 : 1);
