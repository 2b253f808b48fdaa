-- EXPLAIN (ANALYZE, BUFFERS) of the caseworker's case list as the API of 88fbfee issues it (TypeORM,
-- captured with log_min_duration_statement = 0): the page and the count, scoped by the permission rules
-- translated with IS NOT DISTINCT FROM (apps/api/src/access/authz/rules-to-sql.ts), and, first, the caseload
-- query the API runs on every request of a caseworker to build the ability (ability.factory.ts scopeFor).
-- psql -v org=<organization id> -v cw=<caseworker id>; run on the API's own indexes (before setup.sql).
EXPLAIN (ANALYZE, BUFFERS)
SELECT c.id AS case_id, c.survivor_id FROM survivor_case c
 WHERE c.assigned_caseworker_id = :'cw' AND c.organization_id = :'org'
UNION ALL
SELECT NULL, s.id FROM survivor s
 WHERE s.created_by = :'cw' AND s.organization_id = :'org'
   AND NOT EXISTS (SELECT 1 FROM survivor_case c WHERE c.survivor_id = s.id);

EXPLAIN (ANALYZE, BUFFERS)
SELECT "r"."id" AS "r_id", "r"."created_at" AS "r_created_at", "r"."updated_at" AS "r_updated_at", "r"."created_by" AS "r_created_by",
       "r"."version" AS "r_version", "r"."organization_id" AS "r_organization_id", "r"."case_number" AS "r_case_number",
       "r"."survivor_id" AS "r_survivor_id", "r"."status" AS "r_status", "r"."assigned_caseworker_id" AS "r_assigned_caseworker_id",
       "r"."assigned_at" AS "r_assigned_at", "r"."risk_level" AS "r_risk_level", "r"."referral_source" AS "r_referral_source",
       "r"."exploitation_types" AS "r_exploitation_types", "r"."opened_at" AS "r_opened_at", "r"."closed_at" AS "r_closed_at",
       "r"."exit_destination" AS "r_exit_destination", "r"."closure_reason" AS "r_closure_reason", "r"."last_contact_at" AS "r_last_contact_at"
  FROM "survivor_case" "r"
 WHERE ((("r"."organization_id" IS NOT DISTINCT FROM :'org') AND ("r"."assigned_caseworker_id" IS NOT DISTINCT FROM :'cw'))) AND "r"."status" = 'active'
 ORDER BY "r"."opened_at" DESC, "r"."id" ASC
 LIMIT 25 OFFSET 0;

EXPLAIN (ANALYZE, BUFFERS)
SELECT COUNT(1) AS "cnt" FROM "survivor_case" "r"
 WHERE ((("r"."organization_id" IS NOT DISTINCT FROM :'org') AND ("r"."assigned_caseworker_id" IS NOT DISTINCT FROM :'cw'))) AND "r"."status" = 'active';
