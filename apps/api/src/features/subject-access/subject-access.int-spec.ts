import { randomUUID } from 'node:crypto';
import { withOrgWorld } from '../../testing/builders.js';
import { Ajv } from 'ajv';
import type { SubjectAccessPackage } from '@lantern/contracts';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { RESPONSE_SCHEMAS } from '../../kernel/http/response-schemas.generated.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';
import { openCase } from '../../testing/builders.js';
import { pdfText } from '../../testing/pdf-text.js';
import { SECRET, survivorFile, type SurvivorFile } from '../../testing/erasure.js';
import { SURVIVOR_DATA } from '../erasure/index.js';
import { accessPackagePdf } from './access-package-pdf.js';
import { NOT_IN_PACKAGE, PACKAGE_SECTIONS } from './subject-access.service.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

/**
 * The subject access package (issue 16, part 4; docs/subject-access.md): complete against every table of
 * the survivor data map (features/erasure/survivor-data-map.ts), restricted notes left out, coordinators
 * only, a fresh step-up, one audit row.
 */
describe('subject access package', () => {
  let coordinator: Agent;
  let file: SurvivorFile;
  const restrictedNote = randomUUID();
  const path = () => api(`/survivors/${file.survivorId}/access-package`);

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    const caseworker = await signIn(t, org.caseworker);
    coordinator = await signIn(t, org.coordinator);
    file = await survivorFile(t, org, caseworker);
    // What survivorFile (testing/erasure.ts) does not write: a restricted note, a consent, a plan with an
    // agreed version, a goal and a task, an outcome assessment.
    const cipher = t.app.get(FieldCipher);
    const enc = (table: string, column: string, rowId: string, text = SECRET) => cipher.encrypt(text, { table, column, rowId });
    const [o, w, c, s] = [org.organizationId, org.caseworker.id, file.caseId, file.survivorId];
    const ids = { plan: randomUUID(), version: randomUUID(), goal: randomUUID(), task: randomUUID() };
    await t.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO case_note (id, organization_id, case_id, note_type, contact_method, body, occurred_at, author_id, restricted) VALUES ($1, $2, $3, 'contact', 'phone', $4, now(), $5, true)`, [restrictedNote, o, c, enc('case_note', 'body', restrictedNote, 'Restricted words'), w]);
      await m.query(`INSERT INTO consent (organization_id, survivor_id, purpose, partner_org_id, shared_fields, method, granted_at) VALUES ($1, $2, 'share_with_partner', $3, '{alias}', 'written', now())`, [o, s, org.partnerOrg.id]);
      await m.query(`INSERT INTO service_plan (id, organization_id, case_id, plan_number, plan_type, status, starts_on, review_date, agreed_revision, agreed_at) VALUES ($1, $2, $3, 1, 'Health', 'closed', current_date, current_date + 30, 1, now())`, [ids.plan, o, c]);
      await m.query(`INSERT INTO service_plan_version (id, organization_id, plan_id, revision, agreed_on, method, witnessed_by, content) VALUES ($1, $2, $3, 1, current_date, 'phone', $4, $5)`, [ids.version, o, ids.plan, w, enc('service_plan_version', 'content', ids.version, JSON.stringify({ goals: [{ description: 'Find a home' }] }))]);
      await m.query(`INSERT INTO goal (id, organization_id, plan_id, case_id, domain, description) VALUES ($1, $2, $3, $4, 'housing', $5)`, [ids.goal, o, ids.plan, c, enc('goal', 'description', ids.goal, 'Find a home')]);
      await m.query(`INSERT INTO task (id, organization_id, plan_id, goal_id, case_id, description, owner) VALUES ($1, $2, $3, $4, $5, $6, 'survivor')`, [ids.task, o, ids.plan, ids.goal, c, enc('task', 'description', ids.task, 'Visit the flat')]);
      await m.query(`INSERT INTO outcome_assessment (organization_id, case_id, survivor_id, stage, assessed_on, safety_rating) VALUES ($1, $2, $3, 'intake', current_date, 3)`, [o, c, s]);
    });
  });

  it('holds, for every table of the survivor data map, each of her rows (restricted notes excepted)', async () => {
    const res = await coordinator.get(`${path()}?format=json`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="access-package-${file.caseNumber}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const pkg = JSON.parse(res.text) as SubjectAccessPackage;

    // Where the package puts each table's rows.
    const placed = new Map<string, string[]>([
      ['survivor', [pkg.survivor.id as string]],
      ['service_plan_version', pkg.servicePlans.flatMap((p) => (p.agreedVersions as { id: string }[]).map((v) => v.id))],
    ]);
    for (const { section, subject } of PACKAGE_SECTIONS) placed.set(t.dataSource.getMetadata(subject).tableName, pkg[section].map((r) => r.id as string));

    const unplaced = SURVIVOR_DATA.map((e) => e.table).filter((table) => !placed.has(table) && !(table in NOT_IN_PACKAGE));
    expect(unplaced).toEqual([]);
    for (const entry of SURVIVOR_DATA.filter((e) => placed.has(e.table))) {
      expect([entry.table, entry.table in NOT_IN_PACKAGE]).toEqual([entry.table, false]);
      const rows = (await t.dataSource.query(`SELECT t.id FROM "${entry.table}" t WHERE (${entry.rows}) ORDER BY t.id`, [file.survivorId])) as { id: string }[];
      // The test's survivor has rows in every table the package holds, so each comparison means something.
      expect([entry.table, rows.length > 0]).toEqual([entry.table, true]);
      const expected = rows.map((r) => r.id).filter((id) => id !== restrictedNote);
      expect([entry.table, [...placed.get(entry.table)!].sort()]).toEqual([entry.table, expected]);
    }

    // The documented structure (libs/contracts/src/subject-access.ts, as the OpenAPI document publishes it).
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    const conforms = ajv.getSchema('#/components/schemas/SubjectAccessPackage')!;
    expect(conforms(pkg) ? [] : conforms.errors).toEqual([]);

    // Decrypted and readable; the restricted note and the documents' content are not there.
    expect(pkg.format).toBe('lantern-subject-access/1');
    expect(pkg.survivor).toMatchObject({ legalName: SECRET, phone: '+1 555 0100', address: '12 Hidden Lane' });
    expect(pkg.intakes[0]!.narrative).toBe(SECRET);
    expect(pkg.intakes[0]).toMatchObject({ recruitmentRegion: SECRET, exploitationRegion: SECRET });
    expect(pkg.caseNotes.map((n) => n.body)).toEqual([SECRET]);
    expect(res.text).not.toContain('Restricted words');
    expect(pkg.documents).toEqual([expect.objectContaining({ id: file.documentId, title: `Letter of ${SECRET}`, filename: 'lopez.pdf', kind: 'legal' })]);
    expect(pkg.documents[0]).not.toHaveProperty('content');
    expect(pkg.servicePlans[0]!.agreedVersions).toEqual([expect.objectContaining({ revision: 1, content: { goals: [{ description: 'Find a home' }] } })]);
    expect(pkg.tasks[0]!.description).toBe('Visit the flat');
    expect(res.text).not.toMatch(/"v1\./); // no ciphertext left
  });

  it('is audited as one export row naming the survivor and every record in it', async () => {
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1`, [org.coordinator.id])) as { n: number }[];
    const res = await coordinator.get(path()).expect(200);
    const pkg = JSON.parse(res.text) as SubjectAccessPackage;
    const rows = (await t.dataSource.query(`SELECT action, subject_type, subject_id, subject_ids, reason FROM audit_event WHERE actor_id = $1 ORDER BY occurred_at DESC LIMIT 2`, [org.coordinator.id])) as {
      action: string; subject_type: string; subject_id: string; subject_ids: string[]; reason: string;
    }[];
    const after = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1`, [org.coordinator.id])) as { n: number }[];
    expect(after[0]!.n - before[0]!.n).toBe(1);
    expect(rows[0]).toMatchObject({ action: 'export', subject_type: 'Survivor', subject_id: file.survivorId, reason: 'subject access package (json)' });
    const ids = [pkg.survivor.id, ...PACKAGE_SECTIONS.flatMap(({ section }) => pkg[section].map((r) => r.id))];
    expect(rows[0]!.subject_ids).toEqual(expect.arrayContaining(ids as string[]));
    expect(rows[0]!.subject_ids).not.toContain(restrictedNote);
  });

  it('is a readable PDF with a heading per section in the requester\'s language, named by case number', async () => {
    const res = await coordinator.get(`${path()}?format=pdf&locale=es`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="access-package-${file.caseNumber}.pdf"`);
    expect(res.headers['content-disposition']).not.toContain('Lopez');
    expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pkg = JSON.parse((await coordinator.get(path()).expect(200)).text) as SubjectAccessPackage;
    const { text, notdef } = pdfText(await accessPackagePdf(pkg, 'es', { compress: false }));
    for (const heading of ['Paquete de acceso a los datos personales', 'Su registro', 'Notas del caso', 'Documentos (lista)', 'Servicios prestados']) expect(text).toContain(heading);
    expect(text).toContain(SECRET);
    expect(notdef).toBe(0);
    expect(text).not.toContain('\uFFFD');
    expect(text).not.toContain('Algunos caracteres no se pudieron mostrar');
    expect(pdfText(await accessPackagePdf(pkg, 'en', { compress: false })).text).toContain('Case notes');
  });

  it('draws a Cyrillic alias and a Vietnamese note in Noto Sans, and marks a Thai name it cannot draw (docs/subject-access.md)', async () => {
    const caseworker = await signIn(t, org.caseworker);
    const [alias, note, thai] = ['Иван Петров', 'Chị Ơn đã gặp người hỗ trợ ở Hà Nội.', 'สมใจ'];
    const kase = await openCase(caseworker, { alias, legalName: `Lan ${thai}` });
    await caseworker.post(api('/case-notes')).send({ caseId: kase.caseId, noteType: 'contact', contactMethod: 'phone', body: note }).expect(201);
    const pkg = JSON.parse((await coordinator.get(api(`/survivors/${kase.survivorId}/access-package`)).expect(200)).text) as SubjectAccessPackage;
    expect(pkg.survivor).toMatchObject({ alias, legalName: `Lan ${thai}` }); // the JSON keeps the exact text

    for (const [locale, sentence] of [
      ['es', 'Algunos caracteres no se pudieron mostrar en este PDF y aparecen como \uFFFD. La copia JSON de este paquete contiene el texto exacto.'],
      ['en', 'Some characters could not be drawn in this PDF and are shown as \uFFFD. The JSON copy of this package holds the exact text.'],
    ] as const) {
      const { text, notdef, fonts } = pdfText(await accessPackagePdf(pkg, locale, { compress: false }));
      expect(text).toContain(alias);
      expect(text).toContain(note);
      expect(text).toContain('Lan \uFFFD');
      expect(text).not.toContain(thai);
      expect(text.split(sentence)).toHaveLength(2); // once per package
      expect(notdef).toBe(0); // no character drawn as the empty box
      expect(fonts.sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    }
  });

  it('refuses every other role, a caseworker (hers or not) and another organization, and bad input', async () => {
    const other = await createOrgFixture(t.dataSource);
    const refused = await Promise.all([org.admin, org.caseworker, org.caseworker2, org.partner, org.analyst].map((u) => signIn(t, u)));
    for (const agent of refused) expect((await agent.get(path()).expect(403)).text).not.toContain(SECRET);
    const outsider = await signIn(t, other.coordinator);
    expect((await outsider.get(path()).expect(404)).text).not.toContain(SECRET);
    await coordinator.get(api(`/survivors/${randomUUID()}/access-package`)).expect(404);
    const format = await coordinator.get(`${path()}?format=docx`).expect(400);
    expect(Object.keys(format.body.errors)).toEqual(['format']);
    expect(Object.keys((await coordinator.get(`${path()}?locale=fr`).expect(400)).body.errors)).toEqual(['locale']);
    // None of these wrote an export.
    const exports = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'export' AND subject_id = $1 AND actor_id <> $2`, [file.survivorId, org.coordinator.id])) as { n: number }[];
    expect(exports[0]!.n).toBe(0);
  });

  it('needs a fresh step-up', async () => {
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.coordinator.id]);
    expect((await coordinator.get(path()).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await coordinator.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    await coordinator.get(path()).expect(200);
  });
});
