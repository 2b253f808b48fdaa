-- The coordinator's case list (the whole program): first page of 25 active cases, newest first, with the
-- survivor's alias, and the total. Index: ix_survivor_case_org_status (organization_id, status, opened_at).
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.organization_id = :org AND c.status = 'active'
 ORDER BY c.opened_at DESC, c.id
 LIMIT 25;
SELECT count(*) FROM survivor_case WHERE organization_id = :org AND status = 'active';
