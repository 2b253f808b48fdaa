export * from './roles.js';
export * from './partner-orgs.js';
export * from './users.js';
export * from './auth.js';
export * from './audit.js';
export * from './problem.js';
export * from './vocabularies.js';
export * from './survivors.js';
