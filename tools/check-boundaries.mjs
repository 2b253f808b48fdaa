#!/usr/bin/env node
// Proves the Nx module boundaries really forbid web → api and api → web imports, a library or the
// synthetic-data generator (tools/synthetic) importing the API, and the web app importing the generator:
// writes a probe file for each, lints it, and fails unless ESLint reports the boundary rule.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

const probes = [
  ['apps/web/src/boundary-probe.ts', "export { AppModule } from '../../api/src/app.module';\n"],
  ['apps/api/src/boundary-probe.ts', "export * from '../../web/src/App';\n"],
  ['libs/permissions/src/boundary-probe.ts', "export * from '../../../apps/api/src/app.module.js';\n"],
  ['libs/anonymize/src/boundary-probe.ts', "export * from '../../../apps/api/src/app.module.js';\n"],
  ['tools/synthetic/src/boundary-probe.ts', "export * from '../../../apps/api/src/app.module.js';\n"],
  ['apps/web/src/synthetic-probe.ts', "export * from '@lantern/synthetic';\n"],
];
// The boundary rule reads Nx's cached project graph and is silently skipped without one (for example right
// after `nx reset`), so work the graph out first.
execFileSync('npx', ['nx', 'show', 'projects'], { stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
let ok = true;
for (const [file, source] of probes) {
  writeFileSync(file, source);
  try {
    execFileSync('npx', ['eslint', '--no-cache', '--format', 'json', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    console.error(`${file}: the import was NOT refused`);
    ok = false;
  } catch (error) {
    const results = JSON.parse(error.stdout || '[]');
    const hit = results.some((r) => r.messages.some((m) => m.ruleId === '@nx/enforce-module-boundaries'));
    console.log(`${file}: ${hit ? 'refused by @nx/enforce-module-boundaries' : 'failed for another reason'}`);
    if (!hit) ok = false;
  } finally {
    rmSync(file, { force: true });
  }
}
process.exit(ok ? 0 : 1);
