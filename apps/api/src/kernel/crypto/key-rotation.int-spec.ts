import { randomBytes } from 'node:crypto';
import { withTestApp } from '../../testing/builders.js';
import { createOrgFixture, signIn, api } from '../../testing/fixtures.js';
import { createSurvivorWithCase, FULL_SCREENING } from '../../testing/records.js';
import { TEST_KEYS, testConfig } from '../../testing/test-app.js';
import { FieldCipher } from './field-cipher.js';
import { ENCRYPTED_COLUMNS, rotateKeys } from './key-rotation.js';

describe('key rotation', () => {
  // A database of its own: the rotation walks every encrypted value there is, and the worker's database
  // holds what every other test file of the run wrote.
  const t = withTestApp({ scratch: true });

  it('re-encrypts every value to the newest key and leaves every row readable', async () => {
    const org = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, org.caseworker);
    const { survivor, kase } = await createSurvivorWithCase(cw, { legalName: 'Rotation Person', phone: '+1 555 0123', dateOfBirth: '1980-02-02' });
    const intake = await cw.post(api('/intakes')).send({ caseId: kase.id, narrative: 'Rotation narrative', riskScreening: FULL_SCREENING }).expect(201);
    await cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'contact', contactMethod: 'phone', body: 'Rotation note' }).expect(201);

    const newKey = { id: 'r2', key: randomBytes(32) };
    const rotated = new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [...TEST_KEYS.encryptionKeys, newKey] } }));
    const report = await rotateKeys(t.dataSource, rotated);
    expect(report.keyId).toBe('r2');
    expect(report.reencrypted['survivor.legal_name']).toBeGreaterThan(0);
    expect(report.reencrypted['case_note.body']).toBeGreaterThan(0);
    for (const { table, column } of ENCRYPTED_COLUMNS) {
      const stale = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE 'v1.r2.%'`);
      expect([table, column, stale[0].n]).toEqual([table, column, 0]);
    }
    const raw = (await t.dataSource.query('SELECT legal_name, phone FROM survivor WHERE id = $1', [survivor.id]))[0];
    expect(rotated.decrypt(raw.legal_name, { table: 'survivor', column: 'legal_name', rowId: survivor.id })).toBe('Rotation Person');
    const narrative = (await t.dataSource.query('SELECT narrative FROM intake WHERE id = $1', [intake.body.id]))[0].narrative;
    expect(rotated.decrypt(narrative, { table: 'intake', column: 'narrative', rowId: intake.body.id })).toBe('Rotation narrative');
    // The old key alone can no longer read what was rotated; a second run has nothing left to do.
    expect(() => new FieldCipher(testConfig()).decrypt(raw.phone, { table: 'survivor', column: 'phone', rowId: survivor.id })).toThrow();
    expect((await rotateKeys(t.dataSource, rotated)).total).toBe(0);
  });
});

describe('encrypted columns', () => {
  // The worker's database: the values every test file of the run wrote.
  const t = withTestApp();

  it('knows every encrypted column there is', async () => {
    const listed = new Set(ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`));
    const textColumns = (await t.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'text'`,
    )) as { table_name: string; column_name: string }[];
    for (const { table_name: table, column_name: column } of textColumns) {
      const encrypted = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} LIKE 'v1.%.%.%'`);
      if (encrypted[0].n > 0) expect(listed).toContain(`${table}.${column}`);
    }
  });
});
