import { randomUUID } from 'node:crypto';
import { CUSTOM_VALUE_ENTITIES, type SubjectAccessCustomValue, type SubjectAccessPackage, type SubjectAccessRecord } from '@lantern/contracts';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, signIn } from '../../testing/fixtures.js';
import { pdfText } from '../../testing/pdf-text.js';
import { survivorFile, type SurvivorFile } from '../../testing/erasure.js';
import { SUBJECT_OF } from '../custom-fields/index.js';
import { accessPackagePdf } from './access-package-pdf.js';
import { PACKAGE_SECTIONS } from './subject-access.service.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string } }[] };

/**
 * Issue 18: the subject access package holds her custom values (docs/subject-access.md): on every kind
 * of record that takes them, labelled in her language, PII decrypted, retired fields kept.
 */
describe('subject access package: custom fields', () => {
  let admin: Agent, caseworker: Agent, coordinator: Agent;
  let file: SurvivorFile;
  const asked: Record<string, Field> = {};
  const f: Record<string, Field> = {};

  const define = async (agent: Agent, body: Record<string, unknown>): Promise<Field> =>
    (await agent.post(api('/custom-fields')).send({ type: 'yesNo', readRoles: ['caseworker'], writeRoles: ['caseworker'], ...body }).expect(201)).body as Field;
  /** Where the package puts the records of each kind. */
  const recordsOf = (pkg: SubjectAccessPackage, entity: (typeof CUSTOM_VALUE_ENTITIES)[number]): SubjectAccessRecord[] => {
    const subject = SUBJECT_OF[entity];
    if (subject === 'Survivor') return [pkg.survivor];
    return pkg[PACKAGE_SECTIONS.find((s) => s.subject === subject)!.section];
  };
  const packageOf = async (locale: string) => JSON.parse((await coordinator.get(api(`/survivors/${file.survivorId}/access-package`)).query({ locale }).expect(200)).text) as SubjectAccessPackage;

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    [admin, caseworker, coordinator] = await Promise.all([signIn(t, org.admin), signIn(t, org.caseworker), signIn(t, org.coordinator)]);
    file = await survivorFile(t, org, caseworker);
    // What survivorFile does not write: a plan's goal and an outcome assessment.
    const [plan, goal] = [randomUUID(), randomUUID()];
    const description = t.app.get(FieldCipher).encrypt('Find a home', { table: 'goal', column: 'description', rowId: goal });
    await t.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO service_plan (id, organization_id, case_id, plan_number, plan_type, status, starts_on, review_date) VALUES ($1, $2, $3, 1, 'Health', 'active', current_date, current_date + 30)`, [plan, org.organizationId, file.caseId]);
      await m.query(`INSERT INTO goal (id, organization_id, plan_id, case_id, domain, description) VALUES ($1, $2, $3, $4, 'housing', $5)`, [goal, org.organizationId, plan, file.caseId, description]);
      await m.query(`INSERT INTO outcome_assessment (organization_id, case_id, survivor_id, stage, assessed_on) VALUES ($1, $2, $3, 'intake', current_date)`, [org.organizationId, file.caseId, file.survivorId]);
    });

    // A yes/no field on every kind of record that takes custom values, answered on each of her records.
    // Only caseworkers read them: the package is hers, whatever the fields' read roles.
    // Her records, from one package (one a kind was seven packages built, a second each on a loaded machine).
    const pkg = await packageOf('en');
    for (const entity of CUSTOM_VALUE_ENTITIES) {
      asked[entity] = await define(admin, { entity, key: `asked${entity[0]!.toUpperCase()}${entity.slice(1)}`, label: { en: `Asked on ${entity}`, es: `Preguntado en ${entity}` } });
      const table = t.dataSource.getMetadata(SUBJECT_OF[entity]).tableName;
      const ids = recordsOf(pkg, entity).map((r) => r.id as string);
      expect([entity, ids.length > 0]).toEqual([entity, true]);
      await t.dataSource.query(`UPDATE "${table}" SET custom = custom || jsonb_build_object($1::text, true) WHERE id = ANY($2::uuid[])`, [asked[entity]!.id, ids]);
    }
    // On the case: a choice labelled in Spanish, a PII text, a colleague, and a field retired after it was answered.
    f.industry = await define(admin, { entity: 'case', key: 'industry', type: 'singleChoice', label: { en: 'Industry', es: 'Sector' }, options: [{ label: { en: 'Farm', es: 'Granja' } }, { label: { en: 'Factory' } }] });
    f.story = await define(admin, { entity: 'case', key: 'story', type: 'shortText', pii: true, label: { en: 'In her words' } });
    f.helper = await define(admin, { entity: 'case', key: 'helper', type: 'person', label: { en: 'Helper', es: 'Ayudante' } });
    f.old = await define(admin, { entity: 'case', key: 'old', type: 'number', label: { en: 'Old question', es: 'Pregunta antigua' } });
    // Her case is closed (survivorFile), so read-only: the values are stored as the values route stores them.
    const story = { c: t.app.get(FieldCipher).encrypt(JSON.stringify('Zyxpackagecanary'), { table: 'survivor_case', column: `custom.${f.story.id}`, rowId: file.caseId }) };
    const values = { [f.industry.id]: f.industry.options[0]!.id, [f.story.id]: story, [f.helper.id]: org.caseworker.id, [f.old.id]: 7 };
    await t.dataSource.query(`UPDATE survivor_case SET custom = custom || $1::jsonb WHERE id = $2`, [JSON.stringify(values), file.caseId]);
    await admin.post(api(`/custom-fields/${f.old.id}/retire`)).send({ version: f.old.version }).expect(200);
    // A consent to share with a partner that names a shareable field of the case by its item (`cf:<id>`).
    f.shared = await define(admin, { entity: 'case', key: 'faithGroup', type: 'shortText', label: { en: 'Faith group', es: 'Grupo de fe' }, readRoles: ['caseworker', 'partner'], shareable: true });
    await t.dataSource.query(
      `INSERT INTO consent (organization_id, survivor_id, case_id, purpose, partner_org_id, shared_fields, method, granted_at) VALUES ($1, $2, $3, 'share_with_partner', $4, $5, 'verbal', now())`,
      [org.organizationId, file.survivorId, file.caseId, org.partnerOrg.id, ['alias', `cf:${f.shared.id}`]],
    );
  });

  it('holds her values on every kind of record, labelled in her language, PII decrypted and retired fields kept', async () => {
    const pkg = await packageOf('es');
    for (const entity of CUSTOM_VALUE_ENTITIES) {
      for (const record of recordsOf(pkg, entity)) {
        expect([entity, record.custom]).toEqual([entity, expect.arrayContaining([{ key: asked[entity]!.key, label: `Preguntado en ${entity}`, value: true, text: 'Sí', retired: false }])]);
      }
    }
    const custom = pkg.cases[0]!.custom as SubjectAccessCustomValue[];
    const byKey = Object.fromEntries(custom.map((v) => [v.key, v]));
    expect(byKey.industry).toEqual({ key: 'industry', label: 'Sector', value: f.industry!.options[0]!.id, text: 'Granja', retired: false });
    // No Spanish label: the English one.
    expect(byKey.story).toEqual({ key: 'story', label: 'In her words', value: 'Zyxpackagecanary', text: 'Zyxpackagecanary', retired: false });
    expect(byKey.helper).toMatchObject({ label: 'Ayudante', value: org.caseworker.id, text: org.caseworker.displayName });
    expect(byKey.old).toEqual({ key: 'old', label: 'Pregunta antigua', value: 7, text: '7', retired: true });

    const english = await packageOf('en');
    expect((english.cases[0]!.custom as SubjectAccessCustomValue[]).find((v) => v.key === 'industry')).toMatchObject({ label: 'Industry', text: 'Farm' });

    // The PDF shows them under their labels, the retired one marked.
    const { text } = pdfText(await accessPackagePdf(pkg, 'es', { compress: false }));
    for (const words of ['Preguntas propias del programa', 'Sector: Granja', 'In her words: Zyxpackagecanary', 'Pregunta antigua (ya no se pregunta): 7', 'Preguntado en referral: Sí']) expect(text).toContain(words);
  });

  it("names a consent's custom field items by the field's label in her language, never by id", async () => {
    const spanish = await packageOf('es');
    const named = spanish.consents.find((c) => Array.isArray(c.sharedFields) && (c.sharedFields as string[]).includes('Grupo de fe'));
    expect(named?.sharedFields).toEqual(['alias', 'Grupo de fe']);
    expect(JSON.stringify(spanish.consents)).not.toContain(`cf:${f.shared!.id}`);
    const english = await packageOf('en');
    expect(english.consents.some((c) => JSON.stringify(c.sharedFields) === JSON.stringify(['alias', 'Faith group']))).toBe(true);
  });

  it('names the custom values in its one audit row, and leaves them out of the package of anyone else', async () => {
    await packageOf('en');
    const [row] = (await t.dataSource.query(`SELECT fields FROM audit_event WHERE actor_id = $1 AND action = 'export' ORDER BY seq DESC LIMIT 1`, [org.coordinator.id])) as { fields: string[] }[];
    expect(row!.fields).toEqual(expect.arrayContaining(['cases.custom.story', 'cases.custom.old', 'referrals.custom.askedReferral']));
    // Another survivor of the program has none of her values.
    const other = await caseworker.post(api('/survivors')).send({ alias: 'Someone else' }).expect(201);
    const theirs = JSON.parse((await coordinator.get(api(`/survivors/${other.body.id}/access-package`)).expect(200)).text) as SubjectAccessPackage;
    expect(JSON.stringify(theirs)).not.toContain('Zyxpackagecanary');
    expect(theirs.survivor).not.toHaveProperty('custom');
    // The caseworker who wrote them still may not produce the package.
    expect((await caseworker.get(api(`/survivors/${file.survivorId}/access-package`)).expect(403)).text).not.toContain('Zyxpackagecanary');
  });
});
