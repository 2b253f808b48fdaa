export * from './subjects.js';
export * from './ability.js';
export * from './referral-moves.js';
export * from './contact-rules.js';
export * from './client-rules.js';
export * from './ability-shape.js';
