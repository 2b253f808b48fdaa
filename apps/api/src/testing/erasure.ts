import { randomBytes, randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { verifyAuditChain } from '../access/audit/audit-chain.js';
import { FieldCipher } from '../kernel/crypto/field-cipher.js';
import { createUser } from '../features/organizations/organizations.js';
import { api, fixturePasswordHash, type OrgFixture } from './fixtures.js';
import { TEST_KEYS, type TestApp } from './test-app.js';
import { as } from './acting.js';
import { documentServices, minimalPdf, streamOf } from '../features/documents/documents.testing.js';
import { SURVIVOR_DATA } from '../features/erasure/survivor-data-map.js';

/** For the erasure and retention tests (apps/api/src/features/erasure/*.int-spec.ts). */

export const SECRET = 'Maria Fernanda Lopez';

/** A second admin of the organization: the one who approves. */
export async function secondAdmin(t: TestApp, org: OrgFixture): Promise<{ id: string; email: string }> {
  const id = randomBytes(4).toString('hex');
  const passwordHash = await fixturePasswordHash();
  return t.dataSource.transaction((m) => createUser(m, org.organizationId, { email: `admin2-${id}@example.test`, displayName: `Second admin ${id}`, role: 'admin', passwordHash, partnerOrgId: null }));
}

export interface SurvivorFile {
  survivorId: string;
  caseId: string;
  caseNumber: string;
  documentId: string;
}

/**
 * A survivor with one case, recorded by the caseworker through the API (so her name tokens are real),
 * then a narrative in every place the data map names, real ciphertexts written straight into the
 * tables, a document uploaded through the documents feature, and the case closed.
 */
export async function survivorFile(t: TestApp, org: OrgFixture, caseworker: TestAgent): Promise<SurvivorFile> {
  const s = await caseworker.post(api('/survivors')).send({ alias: `Alias ${randomBytes(3).toString('hex')}`, legalName: SECRET, phone: '+1 555 0100', address: '12 Hidden Lane', birthYear: 1995 }).expect(201);
  const c = await caseworker.post(api('/cases')).send({ survivorId: s.body.id, referralSource: 'Hotline' }).expect(201);
  const survivorId = s.body.id as string;
  const caseId = c.body.id as string;
  const cipher = t.app.get(FieldCipher);
  const enc = (table: string, column: string, rowId: string) => cipher.encrypt(SECRET, { table, column, rowId });
  const docs = documentServices(t.app);
  const uploaded = await as({ ...org.caseworker, partnerOrgId: null }, t.clock.now(), () =>
    docs.service.upload({ caseId, kind: 'legal', title: `Letter of ${SECRET}`, filename: 'lopez.pdf', content: streamOf(minimalPdf()) }),
  );
  docs.close();
  const o = org.organizationId;
  const w = org.caseworker.id;
  const ids = { note: randomUUID(), draft: randomUUID(), referral: randomUUID(), service: randomUUID(), relief: randomUUID(), contact: randomUUID(), appointment: randomUUID(), funderData: randomUUID() };
  await t.dataSource.transaction(async (m) => {
    const [intake] = (await m.query(`SELECT id FROM intake WHERE case_id = $1`, [caseId])) as { id: string }[];
    const intakeId = intake?.id ?? randomUUID();
    if (!intake) await m.query(`INSERT INTO intake (id, organization_id, case_id) VALUES ($1, $2, $3)`, [intakeId, o, caseId]);
    await m.query(`UPDATE intake SET narrative = $2, recruitment_region = $3, exploitation_region = $4 WHERE id = $1`, [
      intakeId,
      enc('intake', 'narrative', intakeId),
      enc('intake', 'recruitment_region', intakeId),
      enc('intake', 'exploitation_region', intakeId),
    ]);
    await m.query(`INSERT INTO case_note (id, organization_id, case_id, note_type, contact_method, body, occurred_at, author_id) VALUES ($1, $2, $3, 'contact', 'phone', $4, now(), $5)`, [ids.note, o, caseId, enc('case_note', 'body', ids.note), w]);
    await m.query(`INSERT INTO case_note_draft (id, organization_id, case_id, author_id, note_type, contact_method, body) VALUES ($1, $2, $3, $4, 'contact', 'phone', $5)`, [ids.draft, o, caseId, w, enc('case_note_draft', 'body', ids.draft)]);
    await m.query(`INSERT INTO referral (id, organization_id, case_id, survivor_id, partner_org_id, service_type, status, reason, decline_reason) VALUES ($1, $2, $3, $4, $5, 'housing', 'declined', $6, $7)`, [ids.referral, o, caseId, survivorId, org.partnerOrg.id, enc('referral', 'reason', ids.referral), `No room for ${SECRET}`]);
    await m.query(`INSERT INTO service_delivery (id, organization_id, case_id, survivor_id, delivered_on, category, provider_kind, provider_user_id, units, note) VALUES ($1, $2, $3, $4, current_date, 'referral_victim_services', 'staff', $5, 1, $6)`, [ids.service, o, caseId, survivorId, w, enc('service_delivery', 'note', ids.service)]);
    await m.query(`INSERT INTO immigration_relief (id, organization_id, case_id, survivor_id, t_visa_status, continued_presence_status, note) VALUES ($1, $2, $3, $4, 'applied', 'not_requested', $5)`, [ids.relief, o, caseId, survivorId, enc('immigration_relief', 'note', ids.relief)]);
    await m.query(`INSERT INTO funder_data (id, organization_id, case_id, survivor_id, veteran_status, income_sources) VALUES ($1, $2, $3, $4, 0, '{}')`, [ids.funderData, o, caseId, survivorId]);
    await m.query(`INSERT INTO contact (id, organization_id, occurred_at, channel, staff_user_id, anonymous, name, note, outcome, survivor_id) VALUES ($1, $2, now(), 'call', $3, false, $4, $5, 'linked', $6)`, [ids.contact, o, w, enc('contact', 'name', ids.contact), enc('contact', 'note', ids.contact), survivorId]);
    await m.query(`INSERT INTO appointment (id, organization_id, case_id, starts_at, duration_minutes, ends_at, kind, note) VALUES ($1, $2, $3, now(), 30, now() + interval '30 minutes', 'meeting', $4)`, [ids.appointment, o, caseId, enc('appointment', 'note', ids.appointment)]);
    await m.query(`UPDATE survivor_case SET status = 'closed', closed_at = now(), closure_reason = 'completed_plan' WHERE id = $1`, [caseId]);
  });
  return { survivorId, caseId, caseNumber: c.body.caseNumber as string, documentId: uploaded.id as string };
}

/**
 * A survivor registered without a case (as a contact conversion, an import or the duplicate check leave
 * her), her name and phone recorded through the API, with a contact linked to her whose name and note are
 * real ciphertexts. Returns her id and the contact's.
 */
export async function caselessSurvivor(t: TestApp, org: OrgFixture, caseworker: TestAgent): Promise<{ survivorId: string; contactId: string }> {
  const s = await caseworker.post(api('/survivors')).send({ alias: `Alias ${randomBytes(3).toString('hex')}`, legalName: SECRET, phone: '+1 555 0101', birthYear: 1998 }).expect(201);
  const survivorId = s.body.id as string;
  const contactId = randomUUID();
  const cipher = t.app.get(FieldCipher);
  const enc = (column: string) => cipher.encrypt(SECRET, { table: 'contact', column, rowId: contactId });
  await t.dataSource.query(
    `INSERT INTO contact (id, organization_id, occurred_at, channel, staff_user_id, anonymous, name, note, outcome, survivor_id) VALUES ($1, $2, now(), 'call', $3, false, $4, $5, 'linked', $6)`,
    [contactId, org.organizationId, org.caseworker.id, enc('name'), enc('note'), survivorId],
  );
  return { survivorId, contactId };
}

/** Every column the data map erases, as it stands for this survivor: table.column → values. */
export async function erasedColumns(t: TestApp, survivorId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const entry of SURVIVOR_DATA) {
    const { erasure } = entry;
    if (erasure.kind === 'keep') continue;
    if (erasure.kind === 'delete') {
      const [row] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM "${entry.table}" t WHERE (${entry.rows})`, [survivorId])) as { n: number }[];
      out[entry.table] = [row!.n];
      continue;
    }
    for (const column of [...(erasure.clear ?? []), ...(erasure.emptyCiphertext ?? [])]) {
      const rows = (await t.dataSource.query(`SELECT t.id, t."${column}" AS value FROM "${entry.table}" t WHERE (${entry.rows}) ORDER BY t.id`, [survivorId])) as { id: string; value: unknown }[];
      const cipher = t.app.get(FieldCipher);
      out[`${entry.table}.${column}`] = rows.map((r) =>
        typeof r.value === 'string' && r.value.startsWith('v1.') ? cipher.decrypt(r.value, { table: entry.table, column, rowId: r.id }) : r.value,
      );
    }
  }
  return out;
}

/** What the audit-chain verifier (access/audit/audit-chain.ts) says of the whole test database. */
export async function verifyChains(t: TestApp): Promise<{ outcome: string; rowsChecked: number }> {
  const report = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
  return { outcome: report.outcome, rowsChecked: report.rowsChecked };
}
