/**
 * The API's dependency rules (docs/architecture.md, "Layers and the rules between them"), checked by
 * tools/check-architecture.mjs with dependency-cruiser. Paths are relative to the repository root.
 *
 *   kernel  <  access  <  case-file  <  features/<name>  <  workflows  <  the composition root (src/*.ts)
 *
 * A layer imports only layers to its left. Tests (*.spec.ts, *.int-spec.ts), their helpers beside a
 * feature (*.testing.ts), the test harness (src/testing/) and the synthetic-data loader (src/seed/, a second write path that loads every table)
 * stand outside the layers: they are exempt, and documented as such. No file cycle anywhere, seed/ included,
 * nor in the synthetic-data generator (tools/synthetic/src, its own Nx project).
 */
const SRC = '^apps/api/src/';
const EXEMPT = ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.testing\\.ts$', `${SRC}testing/`, `${SRC}seed/`];
const ROOT_FILES = `${SRC}[^/]+\\.(ts|js|mjs)$`;
const GENERATOR = '^tools/synthetic/src/';

const above = (...layers) => [...layers.map((l) => `${SRC}${l}/`), ROOT_FILES, `${SRC}seed/`, `${SRC}testing/`];

module.exports = {
  forbidden: [
    {
      name: 'kernel-is-the-floor',
      comment: 'kernel/ (config, database, http, crypto, idempotency) imports nothing above it',
      severity: 'error',
      from: { path: `${SRC}kernel/`, pathNot: EXEMPT },
      to: { path: above('access', 'case-file', 'features', 'workflows') },
    },
    {
      name: 'access-needs-only-kernel',
      comment: 'access/ (auth, authz, audit, the record-access layer) imports only kernel/',
      severity: 'error',
      from: { path: `${SRC}access/`, pathNot: EXEMPT },
      to: { path: above('case-file', 'features', 'workflows') },
    },
    {
      name: 'case-file-below-features',
      comment: 'case-file/ (the survivor and case records every feature shares) imports only kernel/ and access/',
      severity: 'error',
      from: { path: `${SRC}case-file/`, pathNot: EXEMPT },
      to: { path: above('features', 'workflows') },
    },
    {
      name: 'features-below-workflows',
      comment: 'a feature never reaches up into workflows/ or the composition root',
      severity: 'error',
      from: { path: `${SRC}features/`, pathNot: EXEMPT },
      to: { path: above('workflows') },
    },
    {
      name: 'feature-through-its-index',
      comment: 'a feature uses another feature only through that feature\'s index.ts (its module, services and record types)',
      severity: 'error',
      from: { path: `${SRC}features/([^/]+)/`, pathNot: EXEMPT },
      to: { path: `${SRC}features/[^/]+/`, pathNot: [`${SRC}features/$1/`, `${SRC}features/[^/]+/index\\.(ts|js)$`] },
    },
    {
      name: 'no-file-cycles',
      comment: 'no import cycle between files',
      severity: 'error',
      from: { path: [SRC, GENERATOR], pathNot: EXEMPT.filter((p) => p !== `${SRC}seed/`) },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'apps/api/tsconfig.spec.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'], extensionAlias: { '.js': ['.ts', '.js'] } },
  },
};
