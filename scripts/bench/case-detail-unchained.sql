-- As case-detail.sql, with a plain INSERT of the audit-like row: no chain lock, no previous hash. What an
-- audited read costs without the tamper-evident chain (a reference line, no target).
\set i random(1, :ncases)
BEGIN;
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.id = (SELECT id FROM lantern_bench.case_ids WHERE i = :i) AND c.organization_id = :org AND c.assigned_caseworker_id = :cw;
INSERT INTO lantern_bench.audit_like (chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type, subject_id,
                                      fields, outcome, request_id, ip, prev_hash, row_hash, created_by)
SELECT :org, :org, now(), :cw, 'caseworker', 'read', 'Case', id,
       '{assignedAt,assignedCaseworkerId,caseNumber,closedAt,closureReason,createdAt,exitDestination,exploitationTypes,id,lastContactAt,openedAt,organizationId,referralSource,riskLevel,status,survivorAlias,survivorId,updatedAt,version}',
       'success', 'bench', '127.0.0.1', repeat('0', 64), md5(id::text) || md5(id::text || 'x'), :cw
  FROM lantern_bench.case_ids WHERE i = :i;
COMMIT;
