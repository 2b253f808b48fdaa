import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAuditEvent } from '../access/audit/audit.service.js';
import { PasswordService } from '../access/auth/password.service.js';
import type { AppConfig } from '../kernel/config/config.js';
import { isEmbedded } from '../kernel/database/data-source-options.js';
import { BlindIndex } from '../kernel/crypto/blind-index.js';
import { FieldCipher } from '../kernel/crypto/field-cipher.js';
import { encryptSurvivorPii } from '../case-file/survivor-fields.js';
import { nameTokenRows } from '../case-file/survivor-name-index.js';
import { matchTokenRows } from '../case-file/survivor-match-index.js';
import type { ServiceType } from '@lantern/contracts';
import { caseworkerOfCase, createSyntheticFaker, generateCaseBundle, type SyntheticCaseBundle, type SyntheticNotification, type SyntheticOrg, type SyntheticPartner } from '@lantern/synthetic';
import { DEMO_PASSWORD } from './demo-password.js';

/**
 * Writes synthetic case bundles with set-based SQL: one `INSERT ... SELECT FROM unnest(...)` per table
 * and batch, on the caller's connection (the embedded database has only one, docs/architecture.md, trap 1). PII is
 * encrypted with the application's own FieldCipher and blind index, exactly as the services store it.
 */

export interface SyntheticKeys {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  auditKey: Buffer;
}

export function syntheticKeys(config: AppConfig): SyntheticKeys {
  return { cipher: new FieldCipher(config), blindIndex: new BlindIndex(config), auditKey: config.keys.auditKey };
}

export interface LoadCounts {
  cases: number;
  survivors: number;
  intakes: number;
  consents: number;
  notes: number;
  statusChanges: number;
  referrals: number;
  referralTransitions: number;
  plans: number;
  planVersions: number;
  goals: number;
  tasks: number;
  assessments: number;
}

export const emptyCounts = (): LoadCounts => ({
  cases: 0,
  survivors: 0,
  intakes: 0,
  consents: 0,
  notes: 0,
  statusChanges: 0,
  referrals: 0,
  referralTransitions: 0,
  plans: 0,
  planVersions: 0,
  goals: 0,
  tasks: 0,
  assessments: 0,
});

function addCounts(into: LoadCounts, more: LoadCounts): void {
  for (const key of Object.keys(into) as (keyof LoadCounts)[]) into[key] += more[key];
}

type PgType = 'uuid' | 'text' | 'timestamptz' | 'date' | 'smallint' | 'int' | 'bool' | 'jsonb' | 'varchar[]' | 'uuid[]';
type Column<R> = readonly [name: string, type: PgType, value: (row: R) => unknown];

/** A PostgreSQL array literal, every element quoted: passed as text and cast, since unnest flattens nested arrays. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

function param(type: PgType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'varchar[]' || type === 'uuid[]') return arrayLiteral(value as string[]);
  if (type === 'jsonb') return JSON.stringify(value);
  if (type === 'timestamptz') return (value as Date).toISOString();
  return value;
}

/** `INSERT INTO t (a, b) SELECT c0, c1::varchar[] FROM unnest($1::uuid[], $2::text[]) AS u(c0, c1)`: one parameter per column. */
async function insertRows<R>(manager: EntityManager, table: string, columns: readonly Column<R>[], rows: readonly R[]): Promise<void> {
  if (rows.length === 0) return;
  const params = columns.map(([, type, value]) => rows.map((row) => param(type, value(row))));
  const unnestType = (type: PgType) => (type === 'varchar[]' || type === 'uuid[]' || type === 'jsonb' ? 'text' : type);
  const select = columns.map(([, type], i) => (type === 'varchar[]' || type === 'uuid[]' || type === 'jsonb' ? `c${i}::${type}` : `c${i}`));
  const sql =
    `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) ` +
    `SELECT ${select.join(', ')} FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${unnestType(type)}[]`).join(', ')}) ` +
    `AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
  await manager.query(sql, params);
}

/**
 * Reserves `count` case numbers of one organization and year, continuing the counter the API uses,
 * so cases created later through the API follow on. Returns the first number reserved.
 */
async function reserveCaseNumbers(manager: EntityManager, organizationId: string, year: number, count: number): Promise<number> {
  const rows = (await manager.query(
    `INSERT INTO case_number_counter (organization_id, year, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, year) DO UPDATE SET last_value = case_number_counter.last_value + EXCLUDED.last_value, updated_at = now()
     RETURNING last_value`,
    [organizationId, year, count],
  )) as { last_value: number }[];
  return rows[0]!.last_value - count + 1;
}

/** `LN-2026-00042`: the format of CasesService. */
export const caseNumber = (year: number, value: number) => `LN-${year}-${String(value).padStart(5, '0')}`;

/** Case numbers for the bundles, per year of opening, in order of opening. */
async function numberCases(manager: EntityManager, organizationId: string, bundles: readonly SyntheticCaseBundle[]): Promise<Map<string, string>> {
  const byYear = new Map<number, SyntheticCaseBundle[]>();
  for (const b of [...bundles].sort((x, y) => x.kase.openedAt.getTime() - y.kase.openedAt.getTime())) {
    const year = b.kase.openedAt.getUTCFullYear();
    const group = byYear.get(year);
    if (group) group.push(b);
    else byYear.set(year, [b]);
  }
  const numbers = new Map<string, string>();
  for (const [year, group] of [...byYear].sort(([a], [b]) => a - b)) {
    const first = await reserveCaseNumbers(manager, organizationId, year, group.length);
    group.forEach((b, i) => numbers.set(b.kase.id, caseNumber(year, first + i)));
  }
  return numbers;
}

/** Inserts the bundles in the caller's transaction. */
export async function insertCaseBundles(
  manager: EntityManager,
  keys: SyntheticKeys,
  org: SyntheticOrg,
  bundles: readonly SyntheticCaseBundle[],
): Promise<LoadCounts> {
  const orgId = org.organizationId;
  const numbers = await numberCases(manager, orgId, bundles);

  const survivors = bundles.map((b) => {
    const s = b.survivor;
    const pii = encryptSurvivorPii(keys.cipher, s.id, {
      legalName: s.legalName,
      preferredName: s.preferredName,
      dateOfBirth: s.dateOfBirth,
      phone: s.phone,
      email: s.email,
      address: s.address,
      safeContactInstructions: s.safeContactInstructions,
    });
    return { b, pii, nameIndex: keys.blindIndex.forNames([s.legalName, s.preferredName], s.birthYear) };
  });
  type S = (typeof survivors)[number];
  await insertRows<S>(
    manager,
    'survivor',
    [
      ['id', 'uuid', (r) => r.b.survivor.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (r) => r.b.kase.openedAt],
      ['updated_at', 'timestamptz', (r) => r.b.kase.openedAt],
      ['created_by', 'uuid', (r) => r.b.kase.assignedCaseworkerId],
      ['alias', 'text', (r) => r.b.survivor.alias],
      ['legal_name', 'text', (r) => r.pii.legalName],
      ['preferred_name', 'text', (r) => r.pii.preferredName],
      ['date_of_birth', 'text', (r) => r.pii.dateOfBirth],
      ['birth_year', 'smallint', (r) => r.b.survivor.birthYear],
      ['gender', 'text', (r) => r.b.survivor.gender],
      ['pronouns', 'text', (r) => r.b.survivor.pronouns],
      ['citizenship', 'varchar[]', (r) => r.b.survivor.citizenship],
      ['languages', 'varchar[]', (r) => r.b.survivor.languages],
      ['phone', 'text', (r) => r.pii.phone],
      ['email', 'text', (r) => r.pii.email],
      ['address', 'text', (r) => r.pii.address],
      ['safe_contact_instructions', 'text', (r) => r.pii.safeContactInstructions],
      ['name_index', 'varchar[]', (r) => r.nameIndex],
    ],
    survivors,
  );
  // The name search's keyed tokens (issue 13), in the same transaction as the names.
  const tokens = survivors.flatMap((r) => nameTokenRows(keys.blindIndex, r.b.survivor.id, orgId, [r.b.survivor.legalName, r.b.survivor.preferredName]));
  await insertRows<(typeof tokens)[number]>(
    manager,
    'survivor_name_token',
    [
      ['survivor_id', 'uuid', (r) => r.survivorId],
      ['token', 'text', (r) => r.token],
      ['organization_id', 'uuid', (r) => r.organizationId],
      ['key_id', 'text', (r) => r.keyId],
    ],
    tokens,
  );
  // The duplicate check's keyed match tokens (issue 17), likewise.
  const matches = survivors.flatMap((r) => matchTokenRows(keys.blindIndex, r.b.survivor.id, orgId, r.b.survivor));
  await insertRows<(typeof matches)[number]>(
    manager,
    'survivor_match_token',
    [
      ['survivor_id', 'uuid', (r) => r.survivorId],
      ['token', 'text', (r) => r.token],
      ['organization_id', 'uuid', (r) => r.organizationId],
      ['key_id', 'text', (r) => r.keyId],
    ],
    matches,
  );

  await insertRows<SyntheticCaseBundle>(
    manager,
    'survivor_case',
    [
      ['id', 'uuid', (b) => b.kase.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (b) => b.kase.openedAt],
      ['updated_at', 'timestamptz', (b) => b.kase.updatedAt],
      ['created_by', 'uuid', (b) => b.kase.assignedCaseworkerId],
      ['case_number', 'text', (b) => numbers.get(b.kase.id)],
      ['survivor_id', 'uuid', (b) => b.survivor.id],
      ['status', 'text', (b) => b.kase.status],
      ['assigned_caseworker_id', 'uuid', (b) => b.kase.assignedCaseworkerId],
      ['assigned_at', 'timestamptz', (b) => b.kase.openedAt],
      ['risk_level', 'text', (b) => b.kase.riskLevel],
      ['referral_source', 'text', (b) => b.kase.referralSource],
      ['exploitation_types', 'varchar[]', (b) => b.kase.exploitationTypes],
      ['opened_at', 'timestamptz', (b) => b.kase.openedAt],
      ['closed_at', 'timestamptz', (b) => b.kase.closedAt],
      ['exit_destination', 'smallint', (b) => b.kase.exitDestination],
      ['closure_reason', 'text', (b) => b.kase.closureReason],
      ['last_contact_at', 'timestamptz', (b) => b.kase.lastContactAt],
    ],
    bundles,
  );

  // The caseworker who opened the case is its first assignee, as when a case is opened through the API.
  await insertRows<SyntheticCaseBundle>(
    manager,
    'case_assignment',
    [
      ['id', 'uuid', (b) => b.assignmentId],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (b) => b.kase.openedAt],
      ['updated_at', 'timestamptz', (b) => b.kase.openedAt],
      ['created_by', 'uuid', (b) => b.kase.assignedCaseworkerId],
      ['case_id', 'uuid', (b) => b.kase.id],
      ['to_user_id', 'uuid', (b) => b.kase.assignedCaseworkerId],
      ['assigned_by', 'uuid', (b) => b.kase.assignedCaseworkerId],
      ['reason', 'text', () => 'opened the case'],
      ['assigned_at', 'timestamptz', (b) => b.kase.openedAt],
    ],
    bundles,
  );

  const changes = bundles.flatMap((b) => b.statusChanges.map((c) => ({ b, c })));
  await insertRows<(typeof changes)[number]>(
    manager,
    'case_status_change',
    [
      ['id', 'uuid', (r) => r.c.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (r) => r.c.changedAt],
      ['updated_at', 'timestamptz', (r) => r.c.changedAt],
      ['created_by', 'uuid', (r) => r.b.kase.assignedCaseworkerId],
      ['case_id', 'uuid', (r) => r.b.kase.id],
      ['from_status', 'text', (r) => r.c.fromStatus],
      ['to_status', 'text', (r) => r.c.toStatus],
      ['reason', 'text', (r) => r.c.reason],
      ['changed_by', 'uuid', (r) => r.b.kase.assignedCaseworkerId],
      ['changed_at', 'timestamptz', (r) => r.c.changedAt],
    ],
    changes,
  );

  await insertRows<SyntheticCaseBundle>(
    manager,
    'intake',
    [
      ['id', 'uuid', (b) => b.intake.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (b) => b.intake.createdAt],
      ['updated_at', 'timestamptz', (b) => b.intake.submittedAt ?? b.intake.createdAt],
      ['created_by', 'uuid', (b) => b.kase.assignedCaseworkerId],
      ['case_id', 'uuid', (b) => b.kase.id],
      ['intake_date', 'date', (b) => b.intake.intakeDate],
      ['identified_by', 'text', (b) => b.intake.identifiedBy],
      ['exploitation_types', 'varchar[]', (b) => b.intake.exploitationTypes],
      ['control_methods', 'varchar[]', (b) => b.intake.controlMethods],
      ['recruitment_methods', 'varchar[]', (b) => b.intake.recruitmentMethods],
      ['immediate_needs', 'varchar[]', (b) => b.intake.immediateNeeds],
      ['risk_screening', 'jsonb', (b) => b.intake.riskScreening],
      ['risk_level', 'text', (b) => b.intake.riskLevel],
      [
        'narrative',
        'text',
        (b) => (b.intake.narrative === null ? null : keys.cipher.encrypt(b.intake.narrative, { table: 'intake', column: 'narrative', rowId: b.intake.id })),
      ],
      ['trafficking_status', 'text', (b) => b.intake.traffickingStatus],
      ['recruitment_country', 'text', (b) => b.intake.recruitmentCountry],
      ['exploitation_country', 'text', (b) => b.intake.exploitationCountry],
      ['forced_labour_industry', 'text', (b) => b.intake.forcedLabourIndustry],
      ['sexual_exploitation_types', 'varchar[]', (b) => b.intake.sexualExploitationTypes],
      ['relationship_to_trafficker', 'text', (b) => b.intake.relationshipToTrafficker],
      ['age_when_trafficked', 'smallint', (b) => b.intake.ageWhenTrafficked],
      ['status', 'text', (b) => b.intake.status],
      ['submitted_at', 'timestamptz', (b) => b.intake.submittedAt],
      ['submitted_by', 'uuid', (b) => (b.intake.submittedAt ? b.kase.assignedCaseworkerId : null)],
    ],
    bundles,
  );

  const consents = bundles.flatMap((b) => b.consents.map((c) => ({ b, c })));
  await insertRows<(typeof consents)[number]>(
    manager,
    'consent',
    [
      ['id', 'uuid', (r) => r.c.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (r) => r.c.grantedAt],
      ['updated_at', 'timestamptz', (r) => r.c.revokedAt ?? r.c.grantedAt],
      ['created_by', 'uuid', (r) => r.b.kase.assignedCaseworkerId],
      ['survivor_id', 'uuid', (r) => r.b.survivor.id],
      ['case_id', 'uuid', (r) => r.b.kase.id],
      ['purpose', 'text', (r) => r.c.purpose],
      ['partner_org_id', 'uuid', (r) => r.c.partnerOrgId],
      ['shared_fields', 'varchar[]', (r) => r.c.sharedFields],
      ['method', 'text', (r) => r.c.method],
      ['granted_at', 'timestamptz', (r) => r.c.grantedAt],
      ['expires_at', 'timestamptz', (r) => r.c.expiresAt],
      ['revoked_at', 'timestamptz', (r) => r.c.revokedAt],
      ['revoked_by', 'uuid', (r) => (r.c.revokedAt ? r.b.kase.assignedCaseworkerId : null)],
      ['revocation_reason', 'text', (r) => r.c.revocationReason],
    ],
    consents,
  );

  const notes = bundles.flatMap((b) => b.notes.map((n) => ({ b, n })));
  await insertRows<(typeof notes)[number]>(
    manager,
    'case_note',
    [
      ['id', 'uuid', (r) => r.n.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (r) => r.n.occurredAt],
      ['updated_at', 'timestamptz', (r) => r.n.occurredAt],
      ['created_by', 'uuid', (r) => r.b.kase.assignedCaseworkerId],
      ['case_id', 'uuid', (r) => r.b.kase.id],
      ['note_type', 'text', (r) => r.n.noteType],
      ['contact_method', 'text', (r) => r.n.contactMethod],
      ['body', 'text', (r) => keys.cipher.encrypt(r.n.body, { table: 'case_note', column: 'body', rowId: r.n.id })],
      ['restricted', 'bool', (r) => r.n.restricted],
      ['occurred_at', 'timestamptz', (r) => r.n.occurredAt],
      ['author_id', 'uuid', (r) => r.b.kase.assignedCaseworkerId],
    ],
    notes,
  );

  // Referrals after the consents they were sent under; their free text encrypted like the notes.
  const referrals = bundles.flatMap((b) => b.referrals.map((r) => ({ b, r })));
  await insertRows<(typeof referrals)[number]>(
    manager,
    'referral',
    [
      ['id', 'uuid', (x) => x.r.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.r.createdAt],
      ['updated_at', 'timestamptz', (x) => x.r.updatedAt],
      ['created_by', 'uuid', (x) => x.r.createdBy],
      ['version', 'int', (x) => x.r.version],
      ['case_id', 'uuid', (x) => x.b.kase.id],
      ['survivor_id', 'uuid', (x) => x.b.survivor.id],
      ['partner_org_id', 'uuid', (x) => x.r.partnerOrgId],
      ['service_type', 'text', (x) => x.r.serviceType],
      ['urgency', 'text', (x) => x.r.urgency],
      ['reason', 'text', (x) => (x.r.reason === null ? null : keys.cipher.encrypt(x.r.reason, { table: 'referral', column: 'reason', rowId: x.r.id }))],
      ['shared_fields', 'varchar[]', (x) => x.r.sharedFields],
      ['status', 'text', (x) => x.r.status],
      ['sent_at', 'timestamptz', (x) => x.r.sentAt],
      ['responded_at', 'timestamptz', (x) => x.r.respondedAt],
      ['started_at', 'timestamptz', (x) => x.r.startedAt],
      ['completed_at', 'timestamptz', (x) => x.r.completedAt],
      ['cancelled_at', 'timestamptz', (x) => x.r.cancelledAt],
      ['decline_reason', 'text', (x) => x.r.declineReason],
      ['suggested_partner_org_id', 'uuid', (x) => x.r.suggestedPartnerOrgId],
      ['consent_id', 'uuid', (x) => x.r.consentId],
      ['consent_override_reason', 'text', (x) => x.r.consentOverrideReason],
      [
        'outcome_note',
        'text',
        (x) => (x.r.outcomeNote === null ? null : keys.cipher.encrypt(x.r.outcomeNote, { table: 'referral', column: 'outcome_note', rowId: x.r.id })),
      ],
      ['outcome', 'text', (x) => x.r.outcome],
      ['overdue_notified_at', 'timestamptz', (x) => x.r.overdueNotifiedAt],
    ],
    referrals,
  );

  const transitions = referrals.flatMap(({ r }) => r.transitions.map((t) => ({ r, t })));
  await insertRows<(typeof transitions)[number]>(
    manager,
    'referral_transition',
    [
      ['id', 'uuid', (x) => x.t.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.t.occurredAt],
      ['updated_at', 'timestamptz', (x) => x.t.occurredAt],
      ['created_by', 'uuid', (x) => x.t.actorId],
      ['referral_id', 'uuid', (x) => x.r.id],
      ['from_status', 'text', (x) => x.t.fromStatus],
      ['to_status', 'text', (x) => x.t.toStatus],
      ['reason', 'text', (x) => x.t.reason],
      ['actor_id', 'uuid', (x) => x.t.actorId],
      ['actor_role', 'text', (x) => x.t.actorRole],
      ['occurred_at', 'timestamptz', (x) => x.t.occurredAt],
    ],
    transitions,
  );

  // Plans after the referrals their goals and partner tasks point to; free text encrypted like the notes.
  const plans = bundles.flatMap((b) => b.plans.map((p) => ({ b, p })));
  await insertRows<(typeof plans)[number]>(
    manager,
    'service_plan',
    [
      ['id', 'uuid', (x) => x.p.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.p.createdAt],
      ['updated_at', 'timestamptz', (x) => x.p.updatedAt],
      ['created_by', 'uuid', (x) => x.b.kase.assignedCaseworkerId],
      // Created, agreed to each revision, revised, then superseded or closed: each an update of the row.
      ['version', 'int', (x) => 1 + x.p.versions.length + (x.p.revision - 1) + (x.p.status === 'active' ? 0 : 1)],
      ['case_id', 'uuid', (x) => x.b.kase.id],
      ['plan_number', 'int', (x) => x.p.planNumber],
      ['plan_type', 'text', (x) => x.p.planType],
      ['status', 'text', (x) => x.p.status],
      ['starts_on', 'date', (x) => x.p.startsOn],
      ['review_date', 'date', (x) => x.p.reviewDate],
      ['revision', 'int', (x) => x.p.revision],
      ['agreed_revision', 'int', (x) => x.p.agreedRevision],
      ['agreed_at', 'timestamptz', (x) => x.p.agreedAt],
    ],
    plans,
  );

  const versions = plans.flatMap(({ b, p }) => p.versions.map((v) => ({ b, p, v })));
  await insertRows<(typeof versions)[number]>(
    manager,
    'service_plan_version',
    [
      ['id', 'uuid', (x) => x.v.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.v.createdAt],
      ['updated_at', 'timestamptz', (x) => x.v.createdAt],
      ['created_by', 'uuid', (x) => x.b.kase.assignedCaseworkerId],
      ['plan_id', 'uuid', (x) => x.p.id],
      ['revision', 'int', (x) => x.v.revision],
      ['agreed_on', 'date', (x) => x.v.agreedOn],
      ['method', 'text', (x) => x.v.method],
      ['witnessed_by', 'uuid', (x) => x.v.witnessedBy],
      ['content', 'text', (x) => keys.cipher.encrypt(x.v.content, { table: 'service_plan_version', column: 'content', rowId: x.v.id })],
    ],
    versions,
  );

  const goals = plans.flatMap(({ b, p }) => p.goals.map((g) => ({ b, p, g })));
  await insertRows<(typeof goals)[number]>(
    manager,
    'goal',
    [
      ['id', 'uuid', (x) => x.g.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.g.createdAt],
      ['updated_at', 'timestamptz', (x) => x.g.updatedAt],
      ['created_by', 'uuid', (x) => x.b.kase.assignedCaseworkerId],
      ['version', 'int', (x) => (x.g.status === 'not_started' ? 1 : 2)],
      ['plan_id', 'uuid', (x) => x.p.id],
      ['case_id', 'uuid', (x) => x.b.kase.id],
      ['domain', 'text', (x) => x.g.domain],
      ['description', 'text', (x) => keys.cipher.encrypt(x.g.description, { table: 'goal', column: 'description', rowId: x.g.id })],
      ['target_date', 'date', (x) => x.g.targetDate],
      ['status', 'text', (x) => x.g.status],
      ['reached_on', 'date', (x) => x.g.reachedOn],
      ['referral_ids', 'uuid[]', (x) => x.g.referralIds],
    ],
    goals,
  );

  const tasks = goals.flatMap(({ b, p, g }) => g.tasks.map((task) => ({ b, p, g, task })));
  await insertRows<(typeof tasks)[number]>(
    manager,
    'task',
    [
      ['id', 'uuid', (x) => x.task.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.task.createdAt],
      ['updated_at', 'timestamptz', (x) => x.task.doneAt ?? x.task.createdAt],
      ['created_by', 'uuid', (x) => x.b.kase.assignedCaseworkerId],
      ['version', 'int', (x) => (x.task.doneAt ? 2 : 1)],
      ['plan_id', 'uuid', (x) => x.p.id],
      ['goal_id', 'uuid', (x) => x.g.id],
      ['case_id', 'uuid', (x) => x.b.kase.id],
      ['description', 'text', (x) => keys.cipher.encrypt(x.task.description, { table: 'task', column: 'description', rowId: x.task.id })],
      ['owner', 'text', (x) => x.task.owner],
      ['referral_id', 'uuid', (x) => x.task.referralId],
      ['partner_org_id', 'uuid', (x) => x.task.partnerOrgId],
      ['due_date', 'date', (x) => x.task.dueDate],
      ['done_at', 'timestamptz', (x) => x.task.doneAt],
    ],
    tasks,
  );

  const assessments = bundles.flatMap((b) => b.assessments.map((a) => ({ b, a })));
  await insertRows<(typeof assessments)[number]>(
    manager,
    'outcome_assessment',
    [
      ['id', 'uuid', (x) => x.a.id],
      ['organization_id', 'uuid', () => orgId],
      ['created_at', 'timestamptz', (x) => x.a.createdAt],
      ['updated_at', 'timestamptz', (x) => x.a.createdAt],
      ['created_by', 'uuid', (x) => x.b.kase.assignedCaseworkerId],
      ['case_id', 'uuid', (x) => x.b.kase.id],
      ['survivor_id', 'uuid', (x) => x.b.survivor.id],
      ['stage', 'text', (x) => x.a.stage],
      ['assessed_on', 'date', (x) => x.a.assessedOn],
      ['housing_situation', 'smallint', (x) => x.a.housingSituation],
      ['employment', 'text', (x) => x.a.employment],
      ['education', 'text', (x) => x.a.education],
      ['monthly_income', 'int', (x) => x.a.monthlyIncome],
      ['income_change', 'text', (x) => x.a.incomeChange],
      ['safety_rating', 'smallint', (x) => x.a.safetyRating],
      ['returned_to_trafficker', 'bool', (x) => x.a.returnedToTrafficker],
    ],
    assessments,
  );

  return {
    cases: bundles.length,
    survivors: survivors.length,
    intakes: bundles.length,
    consents: consents.length,
    notes: notes.length,
    statusChanges: changes.length,
    referrals: referrals.length,
    referralTransitions: transitions.length,
    plans: plans.length,
    planVersions: versions.length,
    goals: goals.length,
    tasks: tasks.length,
    assessments: assessments.length,
  };
}

/** In-app notifications (the demo's bell), without e-mail outbox rows: those went out long ago. */
export async function insertNotifications(manager: EntityManager, organizationId: string, notifications: readonly SyntheticNotification[]): Promise<void> {
  await insertRows<SyntheticNotification>(
    manager,
    'notification',
    [
      ['id', 'uuid', (n) => n.id],
      ['organization_id', 'uuid', () => organizationId],
      ['created_at', 'timestamptz', (n) => n.createdAt],
      ['updated_at', 'timestamptz', (n) => n.readAt ?? n.createdAt],
      ['user_id', 'uuid', (n) => n.userId],
      ['kind', 'text', (n) => n.kind],
      ['title', 'text', (n) => n.title],
      ['referral_id', 'uuid', (n) => n.referralId],
      ['case_id', 'uuid', (n) => n.caseId],
      ['read_at', 'timestamptz', (n) => n.readAt],
    ],
    notifications,
  );
}

/**
 * One audit row per load instead of one per row (a bulk load is one act): who (the command line, no
 * actor), what (the kinds of record) and how many, in the reason. Written in the load's first
 * transaction, so no synthetic row exists without it.
 */
export async function recordSyntheticLoad(
  manager: EntityManager,
  auditKey: Buffer,
  input: {
    organizationId: string;
    runId: string;
    cases: number;
    seed: number;
    requestId: string;
    /** When the load named its caseworkers: how many, how many accounts it made, and the heavy one's share. */
    caseworkers?: { count: number; created: number; heavyEmail: string | null; heavyCases: number };
  },
): Promise<void> {
  const cw = input.caseworkers;
  const spread = cw
    ? `; over ${cw.count} synthetic caseworkers (${cw.created} accounts made by this load, with the demo password)` +
      (cw.heavyEmail && cw.heavyCases > 0 ? `, ${cw.heavyEmail} carrying ${cw.heavyCases}` : '')
    : '';
  await appendAuditEvent(manager, auditKey, {
    occurredAt: new Date(),
    requestId: input.requestId,
    ip: null,
    actor: null,
    organizationId: input.organizationId,
    action: 'create',
    subjectType: 'SyntheticData',
    subjectId: input.runId,
    fields: [
      'Survivor',
      'Case',
      'CaseAssignment',
      'CaseStatusChange',
      'Intake',
      'Consent',
      'CaseNote',
      'Referral',
      'ReferralTransition',
      'ServicePlan',
      'ServicePlanVersion',
      'Goal',
      'Task',
      'OutcomeAssessment',
      ...(cw && cw.created > 0 ? ['User'] : []),
    ],
    reason: `Synthetic (invented) data: ${input.cases} cases with their survivors, intakes, consents, notes, referrals, service plans and outcome assessments, generator seed ${input.seed}${spread}`,
  });
}

/**
 * The organization of `slug` as the generator needs it: its active caseworkers and coordinators, and
 * its active partner organizations with their services and partner staff.
 */
export async function resolveSyntheticOrg(manager: EntityManager, slug: string): Promise<SyntheticOrg> {
  const orgs = (await manager.query('SELECT id FROM organization WHERE slug = $1', [slug])) as { id: string }[];
  const organizationId = orgs[0]?.id;
  if (!organizationId) throw new Error(`No organization with slug "${slug}" (the demo organizations are harbor and lightway)`);
  const caseworkers = (await manager.query(
    `SELECT id FROM app_user WHERE organization_id = $1 AND role = 'caseworker' AND active ORDER BY email`,
    [organizationId],
  )) as { id: string }[];
  if (caseworkers.length === 0) throw new Error(`Organization "${slug}" has no active caseworker to assign cases to`);
  const coordinators = (await manager.query(
    `SELECT id FROM app_user WHERE organization_id = $1 AND role = 'coordinator' AND active ORDER BY email`,
    [organizationId],
  )) as { id: string }[];
  const partnerRows = (await manager.query(
    `SELECT p.id, p.name, p.service_types, p.accepting_referrals,
            coalesce(array_agg(u.id ORDER BY u.email) FILTER (WHERE u.id IS NOT NULL), '{}') AS user_ids
       FROM partner_org p LEFT JOIN app_user u ON u.partner_org_id = p.id AND u.role = 'partner' AND u.active
      WHERE p.organization_id = $1 AND p.active
      GROUP BY p.id ORDER BY p.name`,
    [organizationId],
  )) as { id: string; name: string; service_types: ServiceType[]; accepting_referrals: boolean; user_ids: string[] }[];
  const partners: SyntheticPartner[] = partnerRows.map((p) => ({
    id: p.id,
    name: p.name,
    serviceTypes: p.service_types,
    acceptingReferrals: p.accepting_referrals,
    userIds: p.user_ids,
  }));
  return {
    organizationId,
    caseworkerIds: caseworkers.map((u) => u.id),
    partnerOrgIds: partners.map((p) => p.id),
    partners,
    coordinatorIds: coordinators.map((u) => u.id),
  };
}

/** `caseworker-001@harbor.demo`: the accounts of `seed --caseworkers`, in the organization's demo domain. */
export const syntheticCaseworkerEmail = (slug: string, n: number) => `caseworker-${String(n).padStart(3, '0')}@${slug}.demo`;

/**
 * The organization's first `count` synthetic caseworker accounts (`caseworker-001@<slug>.demo`, ...), made
 * when missing with the demo password (the seed command runs in demo mode only), in order: the first is the
 * heavy one. Returns their ids and how many were made.
 */
export async function ensureSyntheticCaseworkers(
  manager: EntityManager,
  organizationId: string,
  slug: string,
  count: number,
): Promise<{ ids: string[]; emails: string[]; created: number }> {
  const emails = Array.from({ length: count }, (_, i) => syntheticCaseworkerEmail(slug, i + 1));
  const existing = (await manager.query(`SELECT id, email, role, organization_id FROM app_user WHERE email = ANY($1)`, [emails])) as {
    id: string;
    email: string;
    role: string;
    organization_id: string;
  }[];
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  for (const u of existing) {
    if (u.role !== 'caseworker' || u.organization_id !== organizationId) throw new Error(`${u.email} exists and is not a caseworker of "${slug}"`);
  }
  const missing = emails.filter((e) => !byEmail.has(e));
  if (missing.length > 0) {
    const passwordHash = await new PasswordService().hash(DEMO_PASSWORD);
    const rows = (await manager.query(
      `INSERT INTO app_user (organization_id, email, display_name, role, password_hash, active, mfa_enabled)
       SELECT $1, e, 'Synthetic Caseworker ' || split_part(split_part(e, '@', 1), '-', 2), 'caseworker', $2, true, false FROM unnest($3::text[]) AS e
       RETURNING id, email`,
      [organizationId, passwordHash, missing],
    )) as { id: string; email: string }[];
    for (const r of rows) byEmail.set(r.email, { id: r.id, email: r.email, role: 'caseworker', organization_id: organizationId });
  }
  return { ids: emails.map((e) => byEmail.get(e)!.id), emails, created: missing.length };
}

/** The tables a bulk load writes to. */
const LOADED_TABLES = [
  'case_number_counter',
  'survivor',
  'survivor_case',
  'case_assignment',
  'case_status_change',
  'intake',
  'consent',
  'case_note',
  'referral',
  'referral_transition',
  'service_plan',
  'service_plan_version',
  'goal',
  'task',
  'outcome_assessment',
];

export interface BulkLoadOptions {
  /** Organization slug, or an organization already resolved. */
  org: string | SyntheticOrg;
  cases: number;
  seed: number;
  /**
   * Give the cases to this many synthetic caseworker accounts of the organization (made when missing,
   * see ensureSyntheticCaseworkers) instead of spreading them over its existing caseworkers, whose demo
   * caseloads then stay as they are. Needs `org` as a slug.
   */
  caseworkers?: number;
  /** With `caseworkers`: how many cases the first of them carries (default 5% of the cases; 0 spreads them evenly). */
  heavyCases?: number;
  batchSize?: number;
  now?: Date;
  requestId?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface BulkLoadResult extends LoadCounts {
  organizationId: string;
  runId: string;
  seconds: number;
  /** With `caseworkers`: their e-mail addresses (the first is the heavy one) and its number of cases. */
  caseworkers?: { emails: string[]; created: number; heavyCases: number };
}

/** The heavy caseworker's share when none is given: 5% of the cases (5,000 of 100,000). */
export const defaultHeavyCases = (cases: number, caseworkers: number) => (caseworkers > 1 ? Math.round(cases * 0.05) : 0);

/**
 * Loads `cases` synthetic cases in batches, one transaction per batch, on a single connection taken
 * from the data source for the whole run (the embedded database has no second one to give).
 */
export async function loadSyntheticCases(dataSource: DataSource, config: AppConfig, options: BulkLoadOptions): Promise<BulkLoadResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 2000;
  const now = options.now ?? new Date();
  const keys = syntheticKeys(config);
  const faker = createSyntheticFaker(options.seed);
  const runId = randomUUID();
  const totals = emptyCounts();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    let org = typeof options.org === 'string' ? await resolveSyntheticOrg(runner.manager, options.org) : options.org;
    let named: { ids: string[]; emails: string[]; created: number; heavyCases: number } | null = null;
    if (options.caseworkers !== undefined) {
      if (typeof options.org !== 'string') throw new Error('caseworkers needs the organization by slug');
      if (!Number.isSafeInteger(options.caseworkers) || options.caseworkers < 1 || options.caseworkers > 999) throw new Error('caseworkers must be 1 to 999');
      const heavyCases = options.heavyCases ?? defaultHeavyCases(options.cases, options.caseworkers);
      if (!Number.isSafeInteger(heavyCases) || heavyCases < 0 || heavyCases > options.cases) throw new Error('heavyCases must be between 0 and the number of cases');
      if (heavyCases > 0 && options.caseworkers < 2 && heavyCases < options.cases) throw new Error('a heavy caseworker needs at least 2 caseworkers');
      // The accounts are made in a transaction of their own, before the cases: a failed load leaves them for the next run.
      await runner.startTransaction();
      try {
        named = { ...(await ensureSyntheticCaseworkers(runner.manager, org.organizationId, options.org, options.caseworkers)), heavyCases };
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      org = { ...org, caseworkerIds: named.ids };
    }
    for (let start = 0; start < options.cases; start += batchSize) {
      const end = Math.min(options.cases, start + batchSize);
      const bundles: SyntheticCaseBundle[] = [];
      for (let index = start; index < end; index++) {
        const caseworkerId = named ? caseworkerOfCase(index, options.cases, named.ids, named.heavyCases) : undefined;
        bundles.push(generateCaseBundle(faker, org, { index, total: options.cases, now, caseworkerId }));
      }
      await runner.startTransaction();
      try {
        if (start === 0) {
          await recordSyntheticLoad(runner.manager, keys.auditKey, {
            organizationId: org.organizationId,
            runId,
            cases: options.cases,
            seed: options.seed,
            requestId: options.requestId ?? 'cli:seed',
            ...(named ? { caseworkers: { count: named.ids.length, created: named.created, heavyEmail: named.emails[0] ?? null, heavyCases: named.heavyCases } } : {}),
          });
        }
        addCounts(totals, await insertCaseBundles(runner.manager, keys, org, bundles));
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      options.onProgress?.(end, options.cases);
    }
    // Fresh statistics: without them the planner takes a table of 100k rows for a few and picks nested
    // loops that take seconds. The embedded database has no autovacuum: its load is vacuumed here too,
    // while the seed holds the data directory, so the API starts with the pages marked all-visible
    // (index-only scans read no heap) rather than doing it at its first quiet moments
    // (kernel/database/embedded-maintenance.ts). Not inside a transaction: the runner has none open here.
    await runner.query(`${isEmbedded(dataSource) ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${LOADED_TABLES.join(', ')}${named ? ', app_user' : ''}`);
    return {
      ...totals,
      organizationId: org.organizationId,
      runId,
      seconds: (performance.now() - started) / 1000,
      ...(named ? { caseworkers: { emails: named.emails, created: named.created, heavyCases: named.heavyCases } } : {}),
    };
  } finally {
    await runner.release();
  }
}
