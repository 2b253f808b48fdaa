import { withOrgWorld } from '../../testing/builders.js';
import { api } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';

/**
 * What a case's `permissions` say of its survivor follows the survivor's cases, read with the case itself
 * (cases.service.ts, `OPEN_JOINS`, preloaded into the read's RelationMemo): a caseworker a case was handed
 * to may edit its survivor although another caseworker registered her, and loses it when the case is
 * handed back; the survivor's registrar keeps it only while one of the survivor's cases is hers.
 */
describe('a case’s permissions on its survivor', () => {
  const { org, as } = withOrgWorld(['caseworker', 'caseworker2', 'coordinator'] as const);

  const assign = async (caseId: string, caseworkerId: string) => {
    const { version } = (await as.coordinator.get(api(`/cases/${caseId}`)).expect(200)).body as { version: number };
    await as.coordinator.post(api(`/cases/${caseId}/assign`)).send({ caseworkerId, version }).expect(200);
  };
  const survivorPermissions = async (agent: typeof as.caseworker, caseId: string) =>
    ((await agent.get(api(`/cases/${caseId}`)).expect(200)).body as { permissions: { survivor: { read: boolean; update: boolean } } }).permissions.survivor;

  it('follow the survivor’s cases: handed over, the new caseworker may edit her; handed back, she may not', async () => {
    const registrar = as.caseworker;
    const { kase: first } = await createSurvivorWithCase(registrar);
    const firstId = first.id;
    expect(await survivorPermissions(registrar, firstId)).toEqual({ read: true, update: true });

    // Handed to the second caseworker: hers through the survivor's cases, not through who registered her.
    await assign(firstId, org.caseworker2.id);
    expect(await survivorPermissions(as.caseworker2, firstId)).toEqual({ read: true, update: true });

    // Handed back: the case is out of the second caseworker's reach altogether.
    await assign(firstId, org.caseworker.id);
    await as.caseworker2.get(api(`/cases/${firstId}`)).expect(404);
    expect(await survivorPermissions(registrar, firstId)).toEqual({ read: true, update: true });
  });
});
