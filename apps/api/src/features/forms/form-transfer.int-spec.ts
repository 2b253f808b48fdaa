import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withTwoOrgWorld, type Agent } from '../../testing/builders.js';
import { api, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';

type Doc = Record<string, unknown> & { fields: Record<string, unknown>[]; customFields: Record<string, unknown>[] };

/** Sharing a form as a JSON document (issue 18; docs/forms.md, "Sharing a form"), on both databases. */
describe('form documents: export and import', () => {
  let otherAdmin: Agent;
  let exported: Doc;

  const { t, org, other, as } = withTwoOrgWorld(['admin', 'coordinator', 'caseworker', 'analyst', 'partner'] as const);
  beforeAll(async () => {
    otherAdmin = await signIn(t, other.admin);
    await as.admin
      .put(api('/forms/intake'))
      .send({ version: 0, fields: [{ key: 'traffickingStatus', label: { en: 'Status as identified', es: 'Estado' }, required: 'intake_submit' }, { key: 'forcedLabourIndustry', hidden: true }] })
      .expect(200);
    const field = (body: Record<string, unknown>) => as.admin.post(api('/custom-fields')).send({ entity: 'intake', readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body }).expect(201);
    await field({ key: 'referredBy', type: 'singleChoice', label: { en: 'Referred by', es: 'Derivada por' }, options: [{ label: { en: 'Police' } }, { label: { en: 'Hotline' } }], metrics: true });
    // Placed in a step of the stepper: the document carries the step, and an import places it there too.
    await field({ key: 'shelterNights', type: 'number', label: { en: 'Nights in shelter' }, min: 0, max: 365, help: { en: 'Count the nights' }, step: 'needs' });
    // Another form's field stays out of the intake's document.
    await as.admin.post(api('/custom-fields')).send({ entity: 'case', key: 'caseOnly', type: 'yesNo', label: { en: 'Case only' } }).expect(201);
  });

  const counts = async (organizationId: string) =>
    (
      (await t.dataSource.query(
        `SELECT (SELECT count(*) FROM form_field_setting WHERE organization_id = $1)::int AS settings,
                (SELECT count(*) FROM custom_field WHERE organization_id = $1)::int AS fields,
                (SELECT count(*) FROM custom_field_version WHERE organization_id = $1)::int AS versions,
                (SELECT count(*) FROM audit_event WHERE organization_id = $1 AND outcome = 'success' AND action NOT IN ('read', 'list'))::int AS audits`,
        [organizationId],
      )) as Record<string, number>[]
    )[0]!;
  const importDoc = (agent: Agent, document: unknown, dryRun?: boolean) => agent.post(api('/forms/intake/import')).send({ document, ...(dryRun === undefined ? {} : { dryRun }) });

  it('an admin exports the form: its settings and custom field definitions, no record value, no id of a user or the organization', async () => {
    const res = await as.admin.get(api('/forms/intake/export')).expect(200);
    exported = res.body as Doc;
    expect(exported).toMatchObject({ format: 'lantern.form-definition', formatVersion: 1, form: 'intake' });
    expect(exported.fields).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'forcedLabourIndustry', hidden: true })]));
    expect(exported.customFields.map((f) => f.key)).toEqual(['referredBy', 'shelterNights']);
    expect(exported.customFields[0]).toEqual({
      key: 'referredBy', type: 'singleChoice', label: { en: 'Referred by', es: 'Derivada por' }, help: null,
      options: [{ label: { en: 'Police' }, retired: false }, { label: { en: 'Hotline' }, retired: false }],
      required: false, pii: false, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], shareable: false, metrics: true, min: null, max: null,
    });
    expect(exported.customFields[1]).toMatchObject({ key: 'shelterNights', step: 'needs' });
    expect(exported.customFields[0]).not.toHaveProperty('step');
    const text = JSON.stringify(exported);
    for (const id of [org.organizationId, org.admin.id, ...Object.values(org.users).map((u) => u.id)]) expect(text).not.toContain(id);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('every role but the admin is refused both ways, and nothing is written', async () => {
    const before = await counts(org.organizationId);
    for (const role of ['coordinator', 'caseworker', 'analyst', 'partner'] as const) {
      await as[role].get(api('/forms/intake/export')).expect(403);
      await importDoc(as[role], exported, true).expect(403);
      await importDoc(as[role], exported).expect(403);
    }
    await as.admin.get(api('/forms/shoes/export')).expect(404);
    expect(await counts(org.organizationId)).toEqual(before);
  });

  it('a dry run in another organization answers what would change and writes nothing; the import then makes its form match, audited', async () => {
    const before = await counts(other.organizationId);
    const dry = (await importDoc(otherAdmin, exported, true).expect(200)).body;
    expect(dry).toEqual({
      form: 'intake', dryRun: true, applied: false,
      settingsChanged: expect.arrayContaining(['traffickingStatus', 'forcedLabourIndustry']),
      customFields: { created: ['referredBy', 'shelterNights'], updated: [], unchanged: [], notInDocument: [] },
      conflicts: [],
    });
    expect(dry.settingsChanged).toHaveLength(2);
    expect(await counts(other.organizationId)).toEqual(before);

    const applied = (await importDoc(otherAdmin, exported).expect(200)).body;
    expect(applied).toMatchObject({ dryRun: false, applied: true, customFields: { created: ['referredBy', 'shelterNights'] } });
    const mine = (await as.admin.get(api('/forms/intake')).expect(200)).body;
    const theirs = (await otherAdmin.get(api('/forms/intake')).expect(200)).body;
    expect(theirs.fields).toEqual(mine.fields);
    expect((await otherAdmin.get(api('/forms/intake/export')).expect(200)).body).toEqual(exported);
    const imported = (await otherAdmin.get(api('/custom-fields?filter={"entity":"intake"}')).expect(200)).body as { key: string; step: string | null }[];
    expect(imported.find((f) => f.key === 'shelterNights')!.step).toBe('needs');
    const audits = await t.dataSource.getRepository(AuditEvent).findBy({ organizationId: other.organizationId, actorId: other.admin.id, action: 'update', subjectType: 'FormSettings' });
    expect(audits.map((a) => a.reason)).toContain('intake form imported from a form document');
    const created = await t.dataSource.getRepository(AuditEvent).findBy({ organizationId: other.organizationId, action: 'create', subjectType: 'CustomFields' });
    expect(created.map((a) => a.reason)).toEqual(['imported from a form document', 'imported from a form document']);

    // The same document again changes nothing; a changed label and a dropped option update the field (the option is retired, not lost).
    expect((await importDoc(otherAdmin, exported, true).expect(200)).body).toMatchObject({ settingsChanged: [], customFields: { created: [], updated: [], unchanged: ['referredBy', 'shelterNights'] } });
    const changed = structuredClone(exported);
    changed.customFields[0] = { ...changed.customFields[0], label: { en: 'Who referred her' }, options: [{ label: { en: 'Hotline' }, retired: false }] };
    changed.customFields.splice(1, 1);
    expect((await importDoc(otherAdmin, changed).expect(200)).body.customFields).toEqual({ created: [], updated: ['referredBy'], unchanged: [], notInDocument: ['shelterNights'] });
    const fields = (await otherAdmin.get(api('/custom-fields?filter={"entity":"intake"}')).expect(200)).body as { key: string; label: { en: string }; options: { label: { en: string }; retired: boolean }[] }[];
    expect(fields.find((f) => f.key === 'referredBy')).toMatchObject({ label: { en: 'Who referred her' }, options: [{ label: { en: 'Hotline' }, retired: false }, { label: { en: 'Police' }, retired: true }] });
  });

  it('bad documents are a 400 naming the path in the document, and nothing is written', async () => {
    await otherAdmin.post(api('/custom-fields')).send({ entity: 'intake', key: 'languages', type: 'shortText', label: { en: 'Languages' } }).expect(201);
    const before = await counts(other.organizationId);
    const doc = (patch: Record<string, unknown>) => ({ ...exported, ...patch });
    const field = (patch: Record<string, unknown>) => doc({ customFields: [{ ...exported.customFields[0], ...patch }] });
    const cases: [unknown, string][] = [
      [doc({ format: 'excel' }), 'document.format'],
      [doc({ formatVersion: 2 }), 'document.formatVersion'],
      [doc({ form: 'case' }), 'document.form'],
      [doc({ fields: [{ key: 'shoeSize' }] }), 'document.fields.shoeSize.key'],
      [doc({ fields: [{ key: 'intakeDate', hidden: true }] }), 'document.fields.intakeDate.hidden'],
      [field({ key: 'languages', type: 'multipleChoice' }), 'document.customFields[0].type'],
      [field({ options: [{ label: { en: 'Police' } }, { label: { en: 'police' } }] }), 'document.customFields[0].options[1].label.en'],
      [field({ type: 'colour' }), 'document.customFields[0].type'],
      [field({ readRoles: ['caseworker'], writeRoles: ['coordinator'] }), 'document.customFields[0].writeRoles'],
      [doc({ customFields: [exported.customFields[0], exported.customFields[0]] }), 'document.customFields[1].key'],
      [doc({ customFields: Array.from({ length: 201 }, (_, i) => ({ key: `f${i}`, type: 'yesNo', label: { en: `F${i}` } })) }), 'document.customFields'],
    ];
    for (const [document, path] of cases) {
      const res = await importDoc(otherAdmin, document).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(Object.keys(res.body.errors)).toEqual([path]);
    }
    // A type that differs from the field with the same key is a conflict: the dry run shows it with a free key to use instead.
    const conflict = (await importDoc(otherAdmin, field({ key: 'languages', type: 'multipleChoice' }), true).expect(200)).body;
    expect(conflict.conflicts).toEqual([{ path: 'document.customFields[0].type', key: 'languages', problem: expect.stringContaining('shortText'), suggestedKey: 'languages2' }]);
    expect((await importDoc(otherAdmin, field({ key: 'languages', type: 'multipleChoice' })).expect(400)).body.errors['document.customFields[0].type'][0]).toContain('languages2');
    // Over 1 MB: a 400 naming the document; far over it, the route does not read the body at all (413).
    const sized = (bytes: number) => doc({ customFields: exported.customFields, padding: 'x'.repeat(bytes) });
    expect(Object.keys((await importDoc(otherAdmin, sized(1024 * 1024 + 10)).expect(400)).body.errors)).toEqual(['document']);
    expect((await importDoc(otherAdmin, sized(2 * 1024 * 1024)).expect(413)).headers['content-type']).toContain('application/problem+json');
    // Another route keeps the API's own limit.
    expect((await otherAdmin.put(api('/forms/intake')).send({ version: 0, fields: [], padding: 'x'.repeat(200_000) })).status).toBe(413);
    await otherAdmin.post(api('/forms/intake/import')).send({ dryRun: 'yes', document: exported }).expect(400);
    expect(await counts(other.organizationId)).toEqual(before);
  });

  it('an import needs a fresh step-up', async () => {
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [other.admin.id]);
    expect((await importDoc(otherAdmin, exported, true).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await otherAdmin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    await importDoc(otherAdmin, exported, true).expect(200);
  });
});
