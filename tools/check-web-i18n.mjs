#!/usr/bin/env node
// The web app speaks English and Spanish (apps/web/src/i18n). This check fails when:
//  - the lint rule that refuses untranslated text (i18next/no-literal-string, eslint.config.mjs) no
//    longer catches a literal: it lints `<p>Hello</p>` with the web app's config and expects a report;
//  - the English and Spanish catalogues differ in their keys (react-admin's `ra.*` included: our
//    Spanish of them, i18n/ra-es.json, must have exactly ra-language-english's keys), have an empty
//    value, or a translation drops or invents a %{placeholder};
//  - an API error code (ERROR_CODES, libs/contracts/src/errors.ts) has no sentence;
//  - the source names a translation key ('lantern.…', 'ra.…', 'resources.…') the catalogues do not have.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ESLint } from 'eslint';
import englishReactAdmin from 'ra-language-english';

const root = normalize(join(dirname(new URL(import.meta.url).pathname), '..'));
const web = join(root, 'apps/web/src');
const problems = [];

// 1. The lint rule still refuses a literal in JSX, and accepts a translation key.
const eslint = new ESLint({ cwd: root });
const probeFile = join(web, 'i18n/lint-probe.tsx');
const [literal] = await eslint.lintText('export function Probe() {\n  return <p>Hello</p>;\n}\n', { filePath: probeFile });
if (!literal.messages.some((m) => m.ruleId === 'i18next/no-literal-string')) {
  problems.push('eslint: `<p>Hello</p>` in apps/web/src is not reported by i18next/no-literal-string');
}
const [keyed] = await eslint.lintText("export function Probe() {\n  return <p title=\"lantern.appName\">{'—'}</p>;\n}\n", { filePath: probeFile });
if (keyed.messages.some((m) => m.ruleId === 'i18next/no-literal-string')) {
  problems.push('eslint: a translation key given as a title is reported as a literal');
}

// 2. The catalogues.
const readJson = (path) => JSON.parse(readFileSync(join(web, 'i18n', path), 'utf8'));
function flatten(tree, prefix = '', into = new Map()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') flatten(value, path, into);
    else into.set(path, value);
  }
  return into;
}
const raEnglish = flatten(englishReactAdmin);
const raSpanish = flatten(readJson('ra-es.json'));
const english = new Map([...raEnglish, ...flatten(readJson('en.json'))]);
const spanish = new Map([...raSpanish, ...flatten(readJson('es.json'))]);

for (const key of raEnglish.keys()) if (!raSpanish.has(key)) problems.push(`i18n/ra-es.json: missing ${key}`);
for (const key of raSpanish.keys()) if (!raEnglish.has(key)) problems.push(`i18n/ra-es.json: ${key} is not a key of ra-language-english`);
for (const key of english.keys()) if (!spanish.has(key)) problems.push(`es: missing ${key}`);
for (const key of spanish.keys()) if (!english.has(key)) problems.push(`en: missing ${key}`);
const placeholders = (text) => [...String(text).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const [language, catalogue] of [['en', english], ['es', spanish]]) {
  for (const [key, value] of catalogue) {
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${language}: ${key} is empty`);
  }
}
for (const [key, value] of english) {
  if (spanish.has(key) && placeholders(value) !== placeholders(spanish.get(key))) {
    problems.push(`es: ${key} has placeholders {${placeholders(spanish.get(key))}}, en has {${placeholders(value)}}`);
  }
}

// 3. Every error code of the API has a sentence in both languages.
const errorsSource = readFileSync(join(root, 'libs/contracts/src/errors.ts'), 'utf8');
const codes = [...errorsSource.matchAll(/^\s+([A-Z][A-Z_]+): \{/gm)].map((m) => m[1]);
if (codes.length < 10) problems.push(`libs/contracts/src/errors.ts: read only ${codes.length} codes`);
for (const code of codes) {
  for (const [language, catalogue] of [['en', english], ['es', spanish]]) {
    if (!catalogue.has(`lantern.errors.${code}`)) problems.push(`${language}: no sentence for the error code ${code}`);
  }
}

// 4. Every key the source names exists (template keys such as `lantern.errors.${code}` are checked above).
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}
const KEY = /(['"`])((?:lantern|ra|resources)\.[A-Za-z0-9_.-]*[A-Za-z0-9_])\1/g;
let used = 0;
for (const file of sourceFiles(web)) {
  for (const match of readFileSync(file, 'utf8').matchAll(KEY)) {
    used++;
    const key = match[2];
    // `resources.cases.name` and the like are whole keys; a prefix ending in a dot is built on.
    if (!english.has(key)) problems.push(`${relative(root, file)}: uses ${key}, which is not in the catalogues`);
  }
}

for (const problem of problems) console.error(problem);
console.log(`${english.size} keys in each language, ${codes.length} error codes, ${used} keys named in the source, ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
