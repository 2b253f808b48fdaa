import request from 'supertest';
import { withOrgWorld } from '../../testing/builders.js';
import { api, lastAudit, signIn } from '../../testing/fixtures.js';

/** A person's own settings: the interface language is stored on the user, audited, and validated (issue 13). */
describe('account settings', () => {
  const { t, org } = withOrgWorld([]);

  it('stores the chosen language on the user, answers with it, and audits the change', async () => {
    const partner = await signIn(t, org.partner);
    expect((await partner.get(api('/auth/me')).expect(200)).body.user.locale).toBe('en');

    const changed = await partner.patch(api('/auth/me')).send({ locale: 'es' }).expect(200);
    expect(changed.body.user.locale).toBe('es');
    expect(changed.body.rules.packed.length).toBeGreaterThan(0);
    expect((await partner.get(api('/auth/me')).expect(200)).body.user.locale).toBe('es');
    // It is the person's own setting: signing in again keeps it, and nobody else's changes.
    expect((await (await signIn(t, org.partner)).get(api('/auth/me')).expect(200)).body.user.locale).toBe('es');
    expect((await (await signIn(t, org.caseworker)).get(api('/auth/me')).expect(200)).body.user.locale).toBe('en');
    expect(await lastAudit(t, org.partner.id, 'update')).toMatchObject({ subjectType: 'User', subjectId: org.partner.id, fields: ['locale'] });
  });

  it('refuses a language it does not have, and any other field, naming it, and changes nothing', async () => {
    const caseworker = await signIn(t, org.caseworker);
    const unknown = await caseworker.patch(api('/auth/me')).send({ locale: 'fr' }).expect(400);
    expect(unknown.body.errors).toHaveProperty('locale');
    const other = await caseworker.patch(api('/auth/me')).send({ role: 'admin' }).expect(400);
    expect(JSON.stringify(other.body)).toContain('role');
    const me = (await caseworker.get(api('/auth/me')).expect(200)).body;
    expect(me.user).toMatchObject({ locale: 'en', role: 'caseworker' });
  });

  it('needs a session', async () => {
    await request(t.app.getHttpServer()).patch(api('/auth/me')).send({ locale: 'es' }).expect(401);
  });
});
