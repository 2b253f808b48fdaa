-- The caseworker's case list as a hand-written application would ask for it (pgbench, simple protocol;
-- :org and :cw are passed quoted with -D): the first page of 25 of their active cases, newest first, with
-- the survivor's alias, and the total for Content-Range. Index: (organization_id, assigned_caseworker_id, status,
-- opened_at): the page reads 25 entries backwards, the count is an index-only scan.
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.organization_id = :org AND c.assigned_caseworker_id = :cw AND c.status = 'active'
 ORDER BY c.opened_at DESC, c.id
 LIMIT 25;
SELECT count(*) FROM survivor_case WHERE organization_id = :org AND assigned_caseworker_id = :cw AND status = 'active';
