import type { ReadableCustomFieldResponse } from '@lantern/contracts';
import { api, signIn } from '../../testing/fixtures.js';
import { twoOrgWorld, type Agent } from '../../testing/builders.js';
import type { TestApp } from '../../testing/test-app.js';

type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string }; retired: boolean }[] };

/** Issue 18: what any staff member may learn of a form's custom fields (docs/custom-fields.md, "In lists"). */
describe('GET /custom-fields/readable', () => {
  let t: TestApp;
  let as: Record<'admin' | 'coordinator' | 'caseworker' | 'analyst' | 'partner', Agent>;
  const readable = (agent: Agent, entity: unknown) => agent.get(api('/custom-fields/readable')).query(entity === undefined ? {} : { entity });
  const keys = async (agent: Agent, entity: string) => ((await readable(agent, entity).expect(200)).body as ReadableCustomFieldResponse[]).map((f) => f.key).sort();
  const define = async (key: string, body: Record<string, unknown>, agent: Agent = as.admin): Promise<Field> =>
    (
      await agent
        .post(api('/custom-fields'))
        .send({ entity: 'case', key, type: 'yesNo', label: { en: key }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;

  beforeAll(async () => {
    const world = await twoOrgWorld(['admin', 'coordinator', 'caseworker', 'analyst', 'partner'] as const);
    ({ t, as } = world);
    const industry = await define('industry', { type: 'singleChoice', options: [{ label: { en: 'Farm', es: 'Granja' } }, { label: { en: 'Mine' } }], help: { en: 'Where she worked' } });
    // One option retired: records keep it, so it stays a filter, flagged.
    await as.admin
      .put(api(`/custom-fields/${industry.id}`))
      .send({ version: industry.version, options: industry.options.map((o) => ({ id: o.id, label: o.label, retired: o.label.en === 'Mine' })) })
      .expect(200);
    await define('hours', { type: 'number', min: 0, max: 168, readRoles: ['caseworker', 'coordinator', 'admin'], writeRoles: ['caseworker'] });
    await define('arrived', { type: 'date' });
    await define('story', { type: 'shortText', pii: true });
    await define('note', { type: 'shortText' });
    await define('secret', { readRoles: ['coordinator'], writeRoles: ['coordinator'] });
    const old = await define('old', {});
    await as.admin.post(api(`/custom-fields/${old.id}/retire`)).send({ version: old.version }).expect(200);
    await define('bedNeeded', { entity: 'referral', readRoles: ['caseworker', 'coordinator', 'partner'], writeRoles: ['caseworker'], shareable: true });
    await define('elsewhere', {}, await signIn(t, world.other.admin));
  });
  afterAll(() => t.close());

  it("gives a caseworker the fields her role reads, with the list's own filter and sort rules, nothing else of the definition", async () => {
    const fields = (await readable(as.caseworker, 'case').expect(200)).body as ReadableCustomFieldResponse[];
    // Not `secret` (coordinators only), not the retired field, not another organization's, not the referral's.
    expect(fields.map((f) => f.key).sort()).toEqual(['arrived', 'hours', 'industry', 'note', 'story']);
    const by = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(by.industry).toMatchObject({ type: 'singleChoice', label: { en: 'industry' }, help: { en: 'Where she worked' }, pii: false, filterable: true, sortable: false });
    expect(by.industry!.options.map((o) => [o.label.en, o.retired])).toEqual([
      ['Farm', false],
      ['Mine', true],
    ]);
    expect(by.hours).toMatchObject({ type: 'number', min: 0, max: 168, filterable: true, sortable: true });
    expect(by.arrived).toMatchObject({ filterable: true, sortable: true });
    expect(by.story).toMatchObject({ pii: true, filterable: false, sortable: false });
    expect(by.note).toMatchObject({ filterable: false, sortable: false });
    expect(Object.keys(by.industry!).sort()).toEqual(['filterable', 'help', 'id', 'key', 'label', 'max', 'min', 'options', 'pii', 'sortable', 'type']);
    expect(JSON.stringify(fields)).not.toMatch(/readRoles|writeRoles|shareable|metrics/);
  });

  it('follows each role: a coordinator, an admin, the referral form', async () => {
    expect(await keys(as.coordinator, 'case')).toEqual(['arrived', 'hours', 'industry', 'note', 'secret', 'story']);
    expect(await keys(as.admin, 'case')).toEqual(['hours']);
    expect(await keys(as.caseworker, 'referral')).toEqual(['bedNeeded']);
    expect(await keys(as.caseworker, 'contact')).toEqual([]);
  });

  it('refuses partner staff, a role that does not read the records, and a form that does not exist', async () => {
    // Partners never filter a list by a custom field nor see one in its rows, even a shareable one naming them.
    await readable(as.partner, 'referral').expect(403);
    await readable(as.partner, 'case').expect(403);
    // Analysts read the anonymized metrics, not the survivors' records.
    await readable(as.analyst, 'case').expect(403);
    expect(((await readable(as.caseworker, 'cases').expect(400)).body as { errors: object }).errors).toHaveProperty('entity');
    expect(((await readable(as.caseworker, undefined).expect(400)).body as { errors: object }).errors).toHaveProperty('entity');
  });
});
