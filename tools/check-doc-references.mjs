#!/usr/bin/env node
// Every document a file of the repository cites (`docs/security-model.md`, `README.md`, ...) must
// exist in the repository: a newcomer who clones Lantern can read everything a comment points to.
// Scans the files git tracks (and new ones it does not ignore); first proves on a sample that it
// catches a reference to a missing document, so it cannot pass by reading nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = normalize(join(dirname(new URL(import.meta.url).pathname), '..'));
const SCANNED = /\.(ts|tsx|mjs|cjs|js|md|yml|yaml|json)$|(^|\/)Dockerfile$|(^|\/)\.ci\/run$/;
// Landed migrations are never edited, not even their comments; the two of them that cite the
// founders' design notes are read with docs/architecture.md and docs/security-model.md.
const EXEMPT = new Set(['migrations/1795805337191-CreateFoundation.ts', 'migrations/1795807106042-AddIdempotencyKeys.ts', 'tools/check-doc-references.mjs']);
const REFERENCE = /(?<![\w/.-])((?:\.{1,2}\/|[\w-]+\/)*[\w.-]+\.md)\b/g;

/** The references of one file's text that name no file of the repository. */
export function missingReferences(file, text, exists = (p) => existsSync(join(root, p))) {
  const missing = [];
  for (const match of text.matchAll(REFERENCE)) {
    const ref = match[1];
    if (/^https?:/.test(text.slice(Math.max(0, match.index - 8), match.index + 1))) continue;
    const candidates = [normalize(join(dirname(file), ref)), normalize(ref)];
    if (!candidates.some((c) => !c.startsWith('..') && exists(c))) missing.push(ref);
  }
  return missing;
}

// Self-test: a missing document is caught, an existing one is not.
const sample = missingReferences('apps/api/src/x.ts', '/** See NOT-IN-REPO.md §2 and docs/architecture.md, README.md. */');
if (sample.length !== 1 || sample[0] !== 'NOT-IN-REPO.md') {
  console.error(`self-test failed: expected [NOT-IN-REPO.md], got ${JSON.stringify(sample)}`);
  process.exit(1);
}

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && SCANNED.test(f) && !f.includes('node_modules/') && !/(^|\/)dist\//.test(f) && f !== 'package-lock.json' && !EXEMPT.has(f));
let bad = 0;
for (const file of files) {
  if (!existsSync(join(root, file))) continue;
  for (const ref of missingReferences(file, readFileSync(join(root, file), 'utf8'))) {
    console.error(`${file}: cites ${ref}, which is not in the repository`);
    bad++;
  }
}
console.log(`${files.length} files read, ${bad} reference(s) to missing documents`);
process.exit(bad === 0 ? 0 : 1);
