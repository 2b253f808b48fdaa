/**
 * @lantern/synthetic: the deterministic generator of synthetic survivors, cases and everything recorded
 * around them (docs/architecture.md, "tools/synthetic"). Pure: no database and no encryption; the API's
 * loader (apps/api/src/seed/synthetic-loader.ts) writes what it makes, for `npm run seed -- --cases N`,
 * the demo data and the benchmarks.
 */
export * from './cases.js';
export * from './duplicates.js';
export * from './plans.js';
export * from './referrals.js';
export type * from './types.js';
