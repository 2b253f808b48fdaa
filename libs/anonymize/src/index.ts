export * from './types.js';
export { protectTables, AnonymizeInputError, HOMOGENEITY_ROW_LIMIT, COVERAGE_GOAL_1D, COVERAGE_GOAL_2D } from './protect.js';
export { selfCheck } from './self-check.js';
export { BudgetLedger, BudgetExceededError } from './budget-ledger.js';
export { csvCell, csvRow, inertCell } from './csv.js';
export { publish, publishedInterval, minPublished } from './rounding.js';
export { cellNoise, geometricThresholds, alphaFixedPoint, discreteLaplaceFromBytes } from './noise.js';
export { auditReleases, type AuditFinding, type AuditResult } from './audit.js';
