#!/usr/bin/env node
// The OpenAPI response schemas of the API, generated from the TypeScript declarations in libs/contracts
// (issue 10: one source for the types the web uses and the schemas the document publishes).
//
// Every controller names what a route answers with @Returns('SomeResponse') (apps/api/src/kernel/http/
// openapi.ts); this script collects those names from apps/api/src/**/*.controller.ts, asks
// ts-json-schema-generator for their JSON Schemas (and of every type they use), and writes them to
// apps/api/src/kernel/http/response-schemas.generated.ts, with references rewritten to
// #/components/schemas/; what two schemas share (a block, a run of properties) it writes once, as a
// constant both use. The file is committed; `--check` fails when it is stale (CI runs it), like
// migration:check does for entities.
//
//   node tools/contract-schemas.mjs          write the file
//   node tools/contract-schemas.mjs --check  exit 1 when the file differs from what would be written
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(root, 'apps/api/src/kernel/http/response-schemas.generated.ts');

function controllers(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return controllers(path);
    return name.endsWith('.controller.ts') ? [path] : [];
  });
}

const names = new Set();
for (const file of controllers(join(root, 'apps/api/src'))) {
  for (const match of readFileSync(file, 'utf8').matchAll(/@Returns\(\s*'([A-Za-z]+)'/g)) names.add(match[1]);
}

const generator = createGenerator({
  path: join(root, 'libs/contracts/src/index.ts'),
  tsconfig: join(root, 'libs/contracts/tsconfig.json'),
  expose: 'export',
  topRef: false,
  jsDoc: 'none',
  skipTypeCheck: true,
  additionalProperties: false,
  sortProps: true,
});

const schemas = {};
for (const name of [...names].sort()) {
  const { definitions = {}, $schema: _ignored, ...top } = generator.createSchema(name);
  Object.assign(schemas, definitions);
  schemas[name] = top;
}
const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, JSON.parse(JSON.stringify(schemas[k]).replaceAll('#/definitions/', '#/components/schemas/'))]));

// A block that stands in more than one schema (the properties of IntakeResponse again in its revision's
// Partial<> snapshot, the same permissions object in two responses…) is written once, as a constant
// the schemas share, rather than once per use: the document the app serves is the same either way.
const SHARED_MIN_LINES = 6;
// Four properties in a row (with the two lines that open an object) make six lines alike.
const SHARED_RUN_MIN_LINES = 4;
class Shared {
  constructor(name) {
    this.name = name;
  }
}
// Printed like JSON, but a value that fits on a line of 100 stands on one line ({ "type": "string" } rather than three).
const SPREAD = '\u0000...';
const entry = (k, v, printed) => (k.startsWith(SPREAD) ? `...${v.name}` : `${JSON.stringify(k)}: ${printed}`);
function inline(value) {
  if (value instanceof Shared) return value.name;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => entry(k, v, inline(v)));
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
function print(value, indent = '', lead = 0) {
  const flat = inline(value);
  if (value === null || typeof value !== 'object' || value instanceof Shared || indent.length + lead + flat.length <= 100) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    // A long list of names (enum, required) fills its lines rather than taking one a name.
    const rows = [];
    for (const item of value.map((v) => JSON.stringify(v))) {
      if (rows.length > 0 && inner.length + rows.at(-1).length + item.length + 2 <= 100) rows[rows.length - 1] += `, ${item}`;
      else rows.push(item);
    }
    return `[\n${rows.map((row) => inner + row).join(',\n')}\n${indent}]`;
  }
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + print(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => inner + entry(k, v, print(v, inner, JSON.stringify(k).length + 2)));
  return `{\n${entries.join(',\n')}\n${indent}}`;
}
const lines = (value) => print(value).split('\n').length;
function key(value) {
  return JSON.stringify(value, (_, v) => (v instanceof Shared ? { shared: v.name } : v));
}
/** Every object or array below the schemas, with where it stands (the first place names the constant). */
function blocks(value, path, into) {
  if (value === null || typeof value !== 'object' || value instanceof Shared) return into;
  if (path.length > 1 && lines(value) >= SHARED_MIN_LINES) {
    const k = key(value);
    if (!into.has(k)) into.set(k, { value, paths: [] });
    into.get(k).paths.push(path);
  }
  for (const [name, child] of Object.entries(value)) blocks(child, [...path, name], into);
  return into;
}
function replace(value, k, shared) {
  if (value === null || typeof value !== 'object' || value instanceof Shared) return value;
  if (key(value) === k) return shared;
  return Array.isArray(value) ? value.map((v) => replace(v, k, shared)) : Object.fromEntries(Object.entries(value).map(([n, v]) => [n, replace(v, k, shared)]));
}
const identifier = (path) => path.map((part) => String(part).replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toUpperCase())).join('');
const taken = new Set();
function unique(name) {
  let n = name;
  for (let i = 2; taken.has(n); i++) n = `${name}${i}`;
  taken.add(n);
  return n;
}
let tree = sorted;
const constants = [];

// Properties one type takes from another (extends, Partial<>, Omit<>) stand in both schemas: the longest
// run of the same properties that two schemas' `properties` share is written once and spread into each.
function propertyMaps(value, path, into) {
  if (value === null || typeof value !== 'object' || value instanceof Shared) return into;
  for (const [name, child] of Object.entries(value)) {
    if (name === 'properties' && child && typeof child === 'object' && !(child instanceof Shared)) into.push({ holder: value, field: name, path: [...path, name], entries: Object.entries(child).map(([k, v]) => [k, v, `${k}\u0000${key(v)}`, lines(v)]) });
    propertyMaps(child, [...path, name], into);
  }
  return into;
}
const at = (entries, run) => entries.findIndex((_, i) => run.every(([, , id], j) => entries[i + j]?.[2] === id));
for (;;) {
  const maps = [...propertyMaps(tree, [], []), ...constants.flatMap((c) => propertyMaps(c.value, [c.name], []).concat(propertyMaps({ properties: c.value }, [c.name], []).slice(0, 1).map((m) => ({ ...m, holder: c, field: 'value' }))))];
  let best = null;
  for (let x = 0; x < maps.length; x++) {
    for (let y = x + 1; y < maps.length; y++) {
      const a = maps[x].entries;
      const b = maps[y].entries;
      // ends[i][j]: the lines of the common run that ends at a[i - 1] and b[j - 1].
      const ends = [new Array(b.length + 1).fill(0)];
      for (let i = 0; i < a.length; i++) {
        ends.push(new Array(b.length + 1).fill(0));
        for (let j = 0; j < b.length; j++) {
          if (a[i][2] !== b[j][2]) continue;
          ends[i + 1][j + 1] = ends[i][j] + a[i][3];
          if (!best || ends[i + 1][j + 1] > best.lines) best = { lines: ends[i + 1][j + 1], from: a, end: i + 1 };
        }
      }
    }
  }
  if (!best || best.lines < SHARED_RUN_MIN_LINES) break;
  let start = best.end;
  for (let total = 0; total < best.lines; ) total += best.from[--start][3];
  best.run = best.from.slice(start, best.end);
  const holders = maps.filter(({ entries }) => at(entries, best.run) >= 0);
  const whole = holders.find(({ entries }) => entries.length === best.run.length);
  // A run no schema has alone is named by its properties (IdOrganizationIdCaseIdSurvivorId, or its first two and last).
  const keys = best.run.map(([k]) => k);
  const shared = new Shared(unique(identifier(whole ? whole.path : keys.length <= 4 ? keys : [keys[0], keys[1], 'through', keys.at(-1)])));
  for (const { holder, field, entries } of holders) {
    if (entries.length === best.run.length) {
      holder[field] = shared;
      continue;
    }
    const i = at(entries, best.run);
    holder[field] = Object.fromEntries([...entries.slice(0, i), [SPREAD + shared.name, shared], ...entries.slice(i + best.run.length)].map(([k, v]) => [k, v]));
  }
  constants.push({ name: shared.name, value: Object.fromEntries(best.run.map(([k, v]) => [k, v])) });
}

for (;;) {
  // The largest repeated block first: the blocks inside it then stand once, in its constant.
  const all = blocks(tree, [], new Map());
  for (const { name, value } of constants) blocks(value, [name], all);
  const repeated = [...all.entries()].filter(([, b]) => b.paths.length > 1).sort(([, a], [, b]) => lines(b.value) - lines(a.value));
  if (repeated.length === 0) break;
  const [k, { value, paths }] = repeated[0];
  const shared = new Shared(unique(identifier(paths[0])));
  tree = replace(tree, k, shared);
  for (const c of constants) c.value = replace(c.value, k, shared);
  constants.push({ name: shared.name, value });
}
// A constant is declared before the constants that use it.
const uses = (value) => (value instanceof Shared ? [value.name] : value && typeof value === 'object' ? Object.values(value).flatMap(uses) : []);
const byName = new Map(constants.map((c) => [c.name, c]));
const declared = new Set();
let declarations = '';
function declare({ name, value }) {
  if (declared.has(name)) return;
  declared.add(name);
  for (const used of uses(value)) declare(byName.get(used));
  declarations += `const ${name} = ${print(value)};\n`;
}
for (const c of constants) declare(c);
const text = `// Generated by tools/contract-schemas.mjs from libs/contracts: do not edit; run \`node tools/contract-schemas.mjs\`.
// The response schemas of the OpenAPI document (apps/api/src/kernel/http/openapi.ts).
${declarations}export const RESPONSE_SCHEMAS: Record<string, object> = ${print(tree)};
`;

if (process.argv.includes('--check')) {
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (current !== text) {
    process.stderr.write(`${relative(root, OUT)} is stale: run node tools/contract-schemas.mjs\n`);
    process.exit(1);
  }
  process.stdout.write(`response schemas: ${names.size} routes' types, ${Object.keys(sorted).length} schemas, up to date\n`);
} else {
  writeFileSync(OUT, text);
  process.stdout.write(`response schemas: ${names.size} routes' types, ${Object.keys(sorted).length} schemas written to ${relative(root, OUT)}\n`);
}
