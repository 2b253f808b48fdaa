/** The password of every demo and synthetic account (demo mode only, docs/operations.md). */
export const DEMO_PASSWORD = 'lantern-demo-password';
