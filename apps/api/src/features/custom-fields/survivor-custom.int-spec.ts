import { randomBytes } from 'node:crypto';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { ENCRYPTED_JSON_COLUMNS, rotateKeys } from '../../kernel/crypto/key-rotation.js';
import { api, lastAudit, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { openCase, twoOrgWorld, type Agent } from '../../testing/builders.js';
import { TEST_KEYS, testConfig, type TestApp } from '../../testing/test-app.js';
import { Anonymizer } from '../erasure/anonymizer.js';

type Field = { id: string; version: number; key: string; options: { id: string }[] };
type Values = { id: string; version: number; values: Record<string, unknown>; fields: { key: string; writable: boolean }[] };
type Problem = { code: string; errors: Record<string, string[]> };

const CANARY = 'Zyxsurvivorcanary her aunt in Tucson';
const REASON = 'Same person: same date of birth and phone, confirmed with her caseworker';

/**
 * Issue 18: custom values on the survivor's own record (docs/custom-fields.md, "On the survivor"), on
 * both databases: read and write roles, PII encrypted under the row's AAD, key rotation, what a merge of
 * two records does to them (and its undo), and the erasure.
 */
describe('custom values on the survivor', () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let as: Record<'admin' | 'coordinator' | 'caseworker' | 'caseworker2', Agent>;
  let survivorId: string;
  let fields: Record<'language' | 'hiddenTrait' | 'auntCity' | 'children' | 'docsKept', Field>;

  beforeAll(async () => {
    ({ t, org, other, as } = await twoOrgWorld(['admin', 'coordinator', 'caseworker', 'caseworker2'] as const));
    survivorId = (await openCase(as.caseworker)).survivorId;
    let serial = 0;
    const define = async (key: string, body: Record<string, unknown>): Promise<Field> =>
      (
        await as.admin
          .post(api('/custom-fields'))
          .send({ entity: 'survivor', key, type: 'shortText', label: { en: `Field ${++serial}`, es: `Campo ${serial}` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
          .expect(201)
      ).body as Field;
    fields = {
      language: await define('interviewLanguage', { type: 'singleChoice', options: [{ label: { en: 'Spanish' } }, { label: { en: 'Mam' } }] }),
      // The caseworker reads it; nobody writes it through the values route.
      hiddenTrait: await define('intakeFlag', { type: 'yesNo', readRoles: ['caseworker'], writeRoles: [] }),
      // PII: only caseworkers read and write it.
      auntCity: await define('safeRelativeCity', { pii: true, readRoles: ['caseworker'], writeRoles: ['caseworker'] }),
      children: await define('childrenInCare', { type: 'number', min: 0, max: 20 }),
      docsKept: await define('idDocumentsHeld', { type: 'yesNo' }),
    };
  });
  afterAll(() => t.close());

  const read = async (agent: Agent, id = survivorId) => (await agent.get(api(`/custom-values/survivor/${id}`)).expect(200)).body as Values;
  const write = async (agent: Agent, values: Record<string, unknown>, id = survivorId) =>
    agent.put(api(`/custom-values/survivor/${id}`)).send({ version: (await read(as.caseworker, id)).version, values });
  const raw = async (id: string) => ((await t.dataSource.query('SELECT custom FROM survivor WHERE id = $1', [id])) as { custom: Record<string, unknown> }[])[0]!.custom;
  const aad = (fieldId: string, rowId: string) => ({ table: 'survivor', column: `custom.${fieldId}`, rowId });

  it("writes by the field's writers, reads by its readers only; PII is ciphertext under the survivor's AAD", async () => {
    const saved = await write(as.caseworker, { interviewLanguage: fields.language.options[1]!.id, safeRelativeCity: CANARY, childrenInCare: 2 });
    expect(saved.status).toBe(200);
    expect((saved.body as Values).values).toEqual({ interviewLanguage: fields.language.options[1]!.id, safeRelativeCity: CANARY, childrenInCare: 2 });
    expect(await lastAudit(t, org.caseworker.id, 'update')).toMatchObject({ subjectType: 'Survivor', subjectId: survivorId, fields: expect.arrayContaining(['custom.safeRelativeCity', 'custom.childrenInCare']) });

    const stored = await raw(survivorId);
    expect(JSON.stringify(stored)).not.toContain('Zyxsurvivorcanary');
    expect(stored[fields.children.id]).toBe(2);
    expect(JSON.parse(t.app.get(FieldCipher).decrypt((stored[fields.auntCity.id] as { c: string }).c, aad(fields.auntCity.id, survivorId)))).toBe(CANARY);

    // The coordinator reads the survivor, and the fields naming her role: not the PII one, whose value stays out.
    const coordinatorView = await read(as.coordinator);
    expect(coordinatorView.values).toEqual({ interviewLanguage: fields.language.options[1]!.id, childrenInCare: 2 });
    expect(coordinatorView.fields.map((f) => f.key)).not.toContain('safeRelativeCity');
    expect(JSON.stringify(coordinatorView)).not.toContain('Zyxsurvivorcanary');
    expect(await lastAudit(t, org.coordinator.id, 'read')).toMatchObject({ subjectType: 'Survivor', subjectId: survivorId, fields: ['custom.childrenInCare', 'custom.interviewLanguage', 'id'] });
    // She may not change the survivor at all (the record's own policy).
    await as.coordinator.put(api(`/custom-values/survivor/${survivorId}`)).send({ version: coordinatorView.version, values: { childrenInCare: 3 } }).expect(403);
    // The survivor's own answer never carries the column.
    expect((await as.caseworker.get(api(`/survivors/${survivorId}`)).expect(200)).body).not.toHaveProperty('custom');
  });

  it('refuses a field the role may not write (403 naming it, audited), a bad value (400 naming it), and writes nothing', async () => {
    const before = await raw(survivorId);
    const denied = await write(as.caseworker, { intakeFlag: true, childrenInCare: 3 });
    expect([denied.status, (denied.body as Problem).errors]).toEqual([403, { 'values.intakeFlag': [expect.any(String)] }]);
    expect(await lastAudit(t, org.caseworker.id, 'denied')).toMatchObject({ subjectId: survivorId, fields: ['custom.intakeFlag'] });
    const bad = await write(as.caseworker, { childrenInCare: 21, interviewLanguage: fields.language.options[0]!.id });
    expect([bad.status, Object.keys((bad.body as Problem).errors)]).toEqual([400, ['values.childrenInCare']]);
    const unknown = await write(as.caseworker, { legalName: 'x' });
    expect([unknown.status, Object.keys((unknown.body as Problem).errors)]).toEqual([400, ['values.legalName']]);
    expect(await raw(survivorId)).toEqual(before);
  });

  it('is out of reach (404) for another caseworker and another organization', async () => {
    await as.caseworker2.get(api(`/custom-values/survivor/${survivorId}`)).expect(404);
    await as.caseworker2.put(api(`/custom-values/survivor/${survivorId}`)).send({ version: 1, values: { childrenInCare: 1 } }).expect(404);
    const otherCaseworker = await signIn(t, other.caseworker);
    await otherCaseworker.get(api(`/custom-values/survivor/${survivorId}`)).expect(404);
    await otherCaseworker.put(api(`/custom-values/survivor/${survivorId}`)).send({ version: 1, values: {} }).expect(404);
  });

  it('key rotation re-encrypts the PII values under the same AAD', async () => {
    const newKey = { id: 'sv2', key: randomBytes(32) };
    const rotated = new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [...TEST_KEYS.encryptionKeys, newKey] } }));
    expect((await rotateKeys(t.dataSource, rotated, undefined, 500, [], ENCRYPTED_JSON_COLUMNS)).reencrypted['survivor.custom']).toBeGreaterThan(0);
    const fresh = (await raw(survivorId))[fields.auntCity.id] as { c: string };
    expect(fresh.c).toMatch(/^v1\.sv2\./);
    expect(JSON.parse(rotated.decrypt(fresh.c, aad(fields.auntCity.id, survivorId)))).toBe(CANARY);
    // Back on the test key for the rest of the file.
    await rotateKeys(t.dataSource, new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [newKey, ...TEST_KEYS.encryptionKeys] } })), undefined, 500, [], ENCRYPTED_JSON_COLUMNS);
    expect((await read(as.caseworker)).values.safeRelativeCity).toBe(CANARY);
  });

  it('a merge keeps the values of the record that stays and fills its blanks from the other; an undo takes back the fills', async () => {
    const kept = (await openCase(as.caseworker)).survivorId;
    const dup = (await openCase(as.caseworker)).survivorId;
    await write(as.caseworker, { childrenInCare: 1 }, kept).then((r) => expect(r.status).toBe(200));
    await write(as.caseworker, { childrenInCare: 4, safeRelativeCity: CANARY, idDocumentsHeld: true, interviewLanguage: fields.language.options[0]!.id }, dup).then((r) => expect(r.status).toBe(200));

    const coordinator = await signIn(t, org.coordinator);
    const merged = await coordinator.post(api(`/survivors/${kept}/merges`)).send({ mergedSurvivorId: dup, reason: REASON }).expect(201);
    const mergeId = (merged.body as { id: string }).id;
    expect((await read(as.caseworker, kept)).values).toEqual({ childrenInCare: 1, safeRelativeCity: CANARY, idDocumentsHeld: true, interviewLanguage: fields.language.options[0]!.id });
    // The PII value was encrypted anew under the kept record's AAD, not copied.
    const keptRaw = await raw(kept);
    const dupRaw = await raw(dup);
    expect((keptRaw[fields.auntCity.id] as { c: string }).c).not.toBe((dupRaw[fields.auntCity.id] as { c: string }).c);
    expect(JSON.stringify(keptRaw)).not.toContain('Zyxsurvivorcanary');
    // The merged-away record keeps its own values, and no longer changes.
    expect(dupRaw[fields.children.id]).toBe(4);
    const refused = await as.caseworker.put(api(`/custom-values/survivor/${dup}`)).send({ version: (await read(as.caseworker, dup)).version, values: { childrenInCare: 5 } });
    expect([refused.status, Object.keys((refused.body as Problem).errors)]).toEqual([409, ['mergedInto']]);
    expect((await raw(dup))[fields.children.id]).toBe(4);

    // Changed on the kept record since: that later edit survives the undo; the untouched fills go.
    await write(as.caseworker, { idDocumentsHeld: false }, kept).then((r) => expect(r.status).toBe(200));
    const { version } = (await coordinator.get(api(`/survivors/${kept}/merges`)).expect(200)).body[0] as { version: number };
    await coordinator.post(api(`/survivor-merges/${mergeId}/undo`)).send({ reason: 'Not the same person after all', version }).expect(200);
    expect((await read(as.caseworker, kept)).values).toEqual({ childrenInCare: 1, idDocumentsHeld: false });
    expect((await read(as.caseworker, dup)).values).toMatchObject({ childrenInCare: 4, safeRelativeCity: CANARY });
  });

  it("erasure keeps only the survivor's custom categories", async () => {
    const own = (await openCase(as.caseworker)).survivorId;
    await write(as.caseworker, { childrenInCare: 3, safeRelativeCity: CANARY, idDocumentsHeld: true, interviewLanguage: fields.language.options[1]!.id }, own).then((r) => expect(r.status).toBe(200));
    await t.dataSource.transaction((manager) => t.app.get(Anonymizer).erase(manager, own, t.clock.now(), { organizationId: org.organizationId, reason: 'test', actor: null }));
    expect(await raw(own)).toEqual({ [fields.docsKept.id]: true, [fields.language.id]: fields.language.options[1]!.id });
    // Anonymized, the record takes no new value.
    const refused = await as.caseworker.put(api(`/custom-values/survivor/${own}`)).send({ version: (await read(as.caseworker, own)).version, values: { childrenInCare: 1 } });
    expect(refused.status).toBe(409);
  });
});
