-- Opening a case with its audited read, in one transaction: the case (if it is the caseworker's) with the
-- survivor's alias, then one audit row appended to the organization's hash chain the way the design asks
-- (chain lock, previous hash, insert; the HMAC is computed in the application, here md5 stands in for it),
-- into lantern_bench.audit_like (setup.sql). Rotates through the caseworker's cases (lantern_bench.case_ids).
\set i random(1, :ncases)
BEGIN;
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.id = (SELECT id FROM lantern_bench.case_ids WHERE i = :i) AND c.organization_id = :org AND c.assigned_caseworker_id = :cw;
SELECT pg_advisory_xact_lock(hashtextextended('bench-audit:' || :org, 0));
INSERT INTO lantern_bench.audit_like (chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type, subject_id,
                                      fields, outcome, request_id, ip, prev_hash, row_hash, created_by)
SELECT :org, :org, now(), :cw, 'caseworker', 'read', 'Case', k.id,
       '{assignedAt,assignedCaseworkerId,caseNumber,closedAt,closureReason,createdAt,exitDestination,exploitationTypes,id,lastContactAt,openedAt,organizationId,referralSource,riskLevel,status,survivorAlias,survivorId,updatedAt,version}',
       'success', 'bench', '127.0.0.1', p.h, md5(p.h || k.id::text) || md5(k.id::text || p.h), :cw
  FROM (SELECT id FROM lantern_bench.case_ids WHERE i = :i) k,
       (SELECT coalesce((SELECT row_hash FROM lantern_bench.audit_like WHERE chain_id = :org ORDER BY seq DESC LIMIT 1), repeat('0', 64)) AS h) p;
COMMIT;
