import { Ajv, type ValidateFunction } from 'ajv';
import { withOrgWorld } from '../../testing/builders.js';
import request, { type Response } from 'supertest';
import { sentReferral } from '../../testing/builders.js';
import { api, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase, FULL_SCREENING } from '../../testing/records.js';
import { minimalPng } from '../../features/documents/documents.testing.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: object }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };
const DAY = 86_400_000;

/** A copy of a schema without `required`: for readers whose records leave out fields they may not read. */
function withoutRequired(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequired);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'required').map(([k, v]) => [k, withoutRequired(v)]));
  }
  return value;
}

/**
 * Issue 10: what the API answers is what libs/contracts says it answers. Each role walks its pages on a
 * small organization, and every JSON answer is checked against the schema the OpenAPI document declares
 * for its route and status (generated from the contracts: no property the contract does not name, none
 * of a wrong type; for full readers, none missing). A field added to a response without its contract, or
 * a contract that promises a field the API does not send, fails here.
 */
describe('responses match their contracts', () => {
  let doc: Doc;
  const strict = new Ajv({ strict: false, allErrors: true });
  const lenient = new Ajv({ strict: false, allErrors: true });
  const checked = new Set<string>();
  /** Every mismatch found, reported together at the end of each walk. */
  let problems: string[] = [];
  beforeEach(() => {
    problems = [];
  });
  let routes: { method: string; template: string; pattern: RegExp; op: Operation }[];

  const { t, org } = withOrgWorld([], { config: { env: 'development', apiDocs: true } });
  beforeAll(async () => {
    doc = (await request(t.http).get('/api/openapi.json').expect(200)).body;
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      strict.addSchema(schema, `#/components/schemas/${name}`);
      lenient.addSchema(withoutRequired(schema) as object, `#/components/schemas/${name}`);
    }
    routes = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        op,
      })),
    );
  });

  const validators = new Map<string, ValidateFunction>();
  /** Checks one answer against its route's declared schema; `filtered` for readers who may not read every field. */
  function conforms(res: Response, filtered = false): Response {
    const req = (res as unknown as { req: { method: string; path: string } }).req;
    const path = req.path.split('?')[0]!;
    const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return void problems.push(`no operation in the document for ${req.method} ${path}`), res;
    const declared = route.op.responses?.[String(res.status)]?.content?.['application/json']?.schema;
    if (!declared) return void problems.push(`${route.method} ${route.template} answered ${res.status}, which the document does not declare`), res;
    const key = `${filtered}:${route.method} ${route.template} ${res.status}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = (filtered ? lenient : strict).compile(filtered ? (withoutRequired(declared) as object) : declared);
      validators.set(key, validate);
    }
    if (!validate(res.body)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
      problems.push(`${route.method} ${route.template} (${res.status}): ${[...new Set(errors)].slice(0, 12).join('; ')}`);
    }
    checked.add(`${route.method} ${route.template}`);
    return res;
  }

  it('as the caseworker who works the case: every answer is a whole record of its contract', async () => {
    const cw = await signIn(t, org.caseworker);
    const ok = async (req: request.Test, status = 200) => {
      const res = await req;
      if (res.status !== status) throw new Error(`${(res as unknown as { req: { path: string } }).req.path}: ${res.status} ${JSON.stringify(res.body)}`);
      return conforms(res);
    };
    const today = t.clock.now().toISOString().slice(0, 10);
    const { survivor, kase } = await createSurvivorWithCase(cw);
    await ok(cw.get(api(`/survivors/${survivor.id}`)));
    await ok(cw.get(api('/survivors?range=[0,24]')));
    await ok(cw.get(api(`/cases/${kase.id}`)));
    await ok(cw.get(api('/cases?range=[0,24]')));
    await ok(cw.get(api(`/cases/${kase.id}/history`)));
    await ok(cw.get(api('/cases/caseload')));
    const updated = (await ok(cw.put(api(`/cases/${kase.id}`)).send({ riskLevel: 'medium', version: kase.version }))).body;
    const intake = (await ok(cw.post(api('/intakes')).send({ caseId: kase.id, narrative: 'Contract narrative', riskScreening: FULL_SCREENING }), 201)).body;
    await ok(cw.get(api(`/intakes/${intake.id}`)));
    await ok(cw.get(api(`/intakes?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    const consent = (
      await ok(
        cw.post(api('/consents')).send({ survivorId: survivor.id, caseId: kase.id, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'written', expiresAt: new Date(t.clock.now().getTime() + 90 * DAY).toISOString() }),
        201,
      )
    ).body;
    await ok(cw.get(api(`/consents/${consent.id}`)));
    await ok(cw.get(api(`/consents?filter=${encodeURIComponent(JSON.stringify({ survivorId: survivor.id }))}`)));
    // A draft of the note first (issue 13): saved, replaced, read; saving the note removes it.
    const noteDraft = { caseId: kase.id, noteType: 'contact', contactMethod: 'phone', occurredAt: null, restricted: false, body: 'Met at the' };
    await ok(cw.put(api('/case-notes/drafts/mine')).send(noteDraft));
    await ok(cw.put(api('/case-notes/drafts/mine')).send({ ...noteDraft, version: 1, occurredAt: t.clock.now().toISOString(), body: 'Met at the drop-in' }));
    await ok(cw.get(api(`/case-notes/drafts/mine?caseId=${kase.id}`)));
    const note = (await ok(cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'contact', contactMethod: 'phone', body: 'Met at the drop-in' }), 201)).body;
    await ok(cw.get(api(`/case-notes/${note.id}`)));
    await ok(cw.get(api(`/case-notes?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    const plan = (await ok(cw.post(api('/service-plans')).send({ caseId: kase.id, planType: 'Livelihood', startsOn: today, reviewDate: new Date(t.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10) }), 201)).body;
    const goal = (await ok(cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'A safe flat' }), 201)).body;
    await ok(cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Call the housing office', owner: 'caseworker' }), 201);
    await ok(cw.get(api(`/service-plans/${plan.id}`)));
    await ok(cw.get(api(`/service-plans?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    await ok(cw.get(api(`/service-plans/${plan.id}/versions`)));
    await ok(cw.get(api(`/goals?filter=${encodeURIComponent(JSON.stringify({ planId: plan.id }))}`)));
    await ok(cw.get(api(`/tasks?filter=${encodeURIComponent(JSON.stringify({ planId: plan.id }))}`)));
    const outcome = (await ok(cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today, housingSituation: 101, safetyRating: 2 }), 201)).body;
    await ok(cw.get(api(`/outcomes/${outcome.id}`)));
    await ok(cw.get(api('/partner-orgs/directory')));
    await ok(cw.get(api(`/referrals/suggestions?caseId=${kase.id}&serviceType=housing`)));
    // Documents (issue 15): the upload is a multipart form; the download is bytes, not JSON.
    const upload = cw.post(api('/documents')).field('caseId', kase.id).field('kind', 'identity').field('title', 'ID card').field('expiresOn', '2031-01-31');
    const document = (await ok(upload.field('consentId', consent.id).attach('file', minimalPng(), 'id-card.png'), 201)).body;
    await ok(cw.get(api(`/documents/${document.id}`)));
    await ok(cw.get(api(`/documents?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    await ok(cw.get(api('/documents/scanning')));
    await ok(cw.delete(api(`/documents/${document.id}`)).send({ reason: 'Contract check', version: document.version }));
    const referral = (await ok(cw.post(api('/referrals')).send({ caseId: kase.id, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] }), 201)).body;
    await ok(cw.get(api(`/referrals/${referral.id}`)));
    await ok(cw.get(api(`/referrals/${referral.id}/timeline`)));
    await ok(cw.get(api('/referrals?range=[0,24]')));
    await ok(cw.get(api(`/cases/${kase.id}/closure-check`)));
    await ok(cw.get(api('/notifications')));
    await ok(cw.get(api('/notifications/unread-count')));
    await ok(cw.get(api('/auth/me')));
    await ok(cw.get(api('/auth/sessions')));
    await ok(cw.get(api('/reminders/preferences')));
    const appointment = (await ok(cw.post(api('/appointments')).send({ caseId: kase.id, startsAt: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(), durationMinutes: 30, kind: 'meeting' }), 201)).body;
    await ok(cw.get(api(`/appointments/${appointment.id}`)));
    await ok(cw.get(api(`/appointments?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    await ok(cw.get(api('/calendar-feed')));
    // Services given (issue 16).
    const service = (await ok(cw.post(api('/service-deliveries')).send({ caseId: kase.id, deliveredOn: today, category: 'crisis_intervention', durationMinutes: 40, note: 'Safety plan' }), 201)).body;
    await ok(cw.get(api(`/service-deliveries/${service.id}`)));
    await ok(cw.get(api(`/service-deliveries?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    const corrected = (await ok(cw.put(api(`/service-deliveries/${service.id}`)).send({ units: 1, version: service.version }))).body;
    await ok(cw.post(api(`/service-deliveries/${service.id}/void`)).send({ reason: 'Contract check', version: corrected.version }));
    // Immigration relief (issue 16).
    const relief = (await ok(cw.post(api('/immigration-relief')).send({ caseId: kase.id, tVisaStatus: 'applied', tVisaAppliedOn: today }), 201)).body;
    await ok(cw.get(api(`/immigration-relief/${relief.id}`)));
    await ok(cw.get(api(`/immigration-relief?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    await ok(cw.put(api(`/immigration-relief/${relief.id}`)).send({ hhsLetter: 'certification', hhsLetterRequestedOn: today, version: relief.version }));
    // Funder data (HMIS, issue 16).
    const funderData = (
      await ok(cw.post(api('/funder-data')).send({ caseId: kase.id, raceEthnicity: ['Asian'], incomeFromAnySource: 1, incomeSources: { SSI: 943.5 }, totalMonthlyIncome: 943.5, informationDate: today }), 201)
    ).body;
    await ok(cw.get(api(`/funder-data/${funderData.id}`)));
    await ok(cw.get(api(`/funder-data?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)));
    await ok(cw.put(api(`/funder-data/${funderData.id}`)).send({ lawEnforcementReported: 'yes', lawEnforcementCooperating: false, version: funderData.version }));
    // Contacts before a case (issue 17): logged, read, listed, corrected, linked, converted, voided, summed up.
    const contact = (await ok(cw.post(api('/contacts')).send({ channel: 'call', anonymous: false, name: 'Contract Caller', needs: ['shelter'], followUpOn: today }), 201)).body;
    await ok(cw.get(api(`/contacts/${contact.id}`)));
    await ok(cw.get(api(`/contacts?filter=${encodeURIComponent(JSON.stringify({ channel: 'call' }))}`)));
    const fixedContact = (await ok(cw.put(api(`/contacts/${contact.id}`)).send({ immediateDanger: 'no', version: contact.version }))).body;
    await ok(cw.post(api(`/contacts/${contact.id}/link`)).send({ survivorId: survivor.id, version: fixedContact.version }));
    const toConvert = (await ok(cw.post(api('/contacts')).send({ channel: 'walk_in' }), 201)).body;
    await ok(cw.post(api(`/contacts/${toConvert.id}/convert`)).send({ version: toConvert.version }), 201);
    const toVoid = (await ok(cw.post(api('/contacts')).send({ channel: 'text' }), 201)).body;
    await ok(cw.post(api(`/contacts/${toVoid.id}/void`)).send({ reason: 'Contract check', version: toVoid.version }));
    await ok(cw.get(api(`/contacts/summary?from=${today}&to=${today}`)));
    await ok(cw.post(api('/search')).send({ q: kase.caseNumber }));
    await ok(cw.post(api('/survivors/search')).send({ name: 'Nobody Here' }));
    await ok(cw.post(api('/survivors/duplicates')).send({ alias: String(survivor.alias) }));
    expect(updated.riskLevel).toBe('medium');
    expect(problems).toEqual([]);
  });

  it('as the coordinator, the admin and the analyst', async () => {
    const [coordinator, admin, analyst] = await Promise.all([signIn(t, org.coordinator), signIn(t, org.admin), signIn(t, org.analyst)]);
    const ok = async (agent: Agent, path: string) => conforms(await agent.get(api(path)).expect(200));
    await ok(coordinator, '/cases?range=[0,24]');
    await ok(coordinator, '/cases/attention');
    await ok(coordinator, '/referrals?range=[0,24]');
    await ok(coordinator, '/contacts?range=[0,24]');
    await ok(coordinator, '/contacts/summary?from=2026-01-01&to=2026-12-31');
    await ok(admin, '/users?range=[0,24]');
    await ok(admin, `/users/${org.caseworker.id}`);
    await ok(admin, '/partner-orgs?range=[0,24]');
    await ok(admin, `/partner-orgs/${org.partnerOrg.id}`);
    await ok(admin, '/audit-events?range=[0,24]');
    await ok(admin, '/audit-chain');
    await ok(analyst, '/metrics/tables');
    // Funder reports (issue 16): a period with figures, and one with none (`empty`).
    const today = t.clock.now().toISOString().slice(0, 10);
    const lastYear = `from=${Number(today.slice(0, 4)) - 1}-01-01&to=${today}`;
    await ok(coordinator, `/reports/trafficking-grant?${lastYear}`);
    await ok(admin, `/reports/caseload?${lastYear}`);
    await ok(coordinator, '/reports/caseload?from=2010-01-01&to=2010-03-31');
    await ok(analyst, '/metrics/releases');
    // Erasure and retention (issue 16): the admin's page (the answers with records: features/erasure/*.int-spec.ts).
    for (const path of ['/retention/erasure-requests', '/retention/policy', '/retention/preview', '/retention/reports', '/retention/legal-holds']) await ok(admin, path);
    // Form settings (issue 18): each form as it is rendered, before and after a setting.
    for (const form of ['intake', 'survivor', 'case']) await ok(coordinator, `/forms/${form}`);
    conforms(await admin.put(api('/forms/survivor')).send({ version: 0, fields: [{ key: 'pronouns', label: { en: 'Pronouns used' }, required: 'case_close' }] }).expect(200));
    expect(problems).toEqual([]);
  });

  it('as partner staff, whose records leave out what they may not read', async () => {
    const partner = await signIn(t, org.partner);
    conforms(await partner.get(api('/referrals?range=[0,24]')).expect(200), true);
    // A service the partner gives on a referral it accepted (issue 16): its answers leave out the case and the survivor.
    const [cw, coordinator] = await Promise.all([signIn(t, org.caseworker), signIn(t, org.coordinator)]);
    const { survivor, kase } = await createSurvivorWithCase(cw);
    const { referral } = await sentReferral({ caseworker: cw, coordinator }, org, { survivorId: survivor.id, caseId: kase.id }, { consent: { caseId: undefined } });
    await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'accepted' }).expect(200);
    const today = t.clock.now().toISOString().slice(0, 10);
    const service = conforms(await partner.post(api('/service-deliveries')).send({ referralId: referral.id, deliveredOn: today, category: 'emergency_shelter', units: 1 }).expect(201), true).body;
    conforms(await partner.get(api(`/service-deliveries/${service.id}`)).expect(200), true);
    conforms(await partner.get(api(`/service-deliveries?filter=${encodeURIComponent(JSON.stringify({ referralId: referral.id }))}`)).expect(200), true);
    conforms(await partner.get(api('/auth/me')).expect(200));
    conforms(await request(t.http).get('/api/health').expect(200));
    expect(problems).toEqual([]);
  });

  it('covered a good part of the document', () => {
    expect(checked.size).toBeGreaterThanOrEqual(40);
  });
});
