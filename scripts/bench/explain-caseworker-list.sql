-- EXPLAIN (ANALYZE, BUFFERS) of the optimal caseworker list (caseworker-list.sql) with the index of
-- setup.sql: psql -v org=<organization id> -v cw=<caseworker id>, after setup.sql.
EXPLAIN (ANALYZE, BUFFERS)
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.organization_id = :'org' AND c.assigned_caseworker_id = :'cw' AND c.status = 'active'
 ORDER BY c.opened_at DESC, c.id
 LIMIT 25;

EXPLAIN (ANALYZE, BUFFERS)
SELECT count(*) FROM survivor_case WHERE organization_id = :'org' AND assigned_caseworker_id = :'cw' AND status = 'active';
