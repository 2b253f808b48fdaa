/**
 * The session and its user in one statement, every column a check reads (session.service.ts, `resolve`).
 * On a server a named (prepared) statement: each pooled connection parses and plans it once, and it is sent
 * as plain SQL rather than through the query builder, which cost about a tenth of a list request's CPU
 * (docs/benchmarks.md, 6 December 2026). A module of its own, with no imports, so the benchmark's
 * hand-written list server (scripts/bench-bare-list.mjs) sends the very statement the API sends.
 */
export const RESOLVE_NAME = 'lantern_session_resolve';
export const RESOLVE_SQL =
  'SELECT s.id, s.last_seen_at, s.expires_at, s.revoked_at, s.step_up_at, s.mfa_enrolment_required,' +
  ' u.id AS user_id, u.role, u.organization_id, u.partner_org_id, u.active, o.definitions_stamp' +
  ' FROM "session" s JOIN app_user u ON u.id = s.user_id JOIN organization o ON o.id = u.organization_id WHERE s.token_hash = $1';
