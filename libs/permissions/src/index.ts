export * from './subjects.js';
export * from './ability.js';
export * from './referral-moves.js';
