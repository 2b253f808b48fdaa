export * from './subjects.js';
export * from './ability.js';
